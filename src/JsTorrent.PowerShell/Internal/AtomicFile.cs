using System;
using System.IO;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Writes a whole file so that readers see either the old content or the new, never half of it.</summary>
    internal static class AtomicFile
    {
        public static void Write(string destination, byte[] bytes, Action<string> warn)
        {
            // Write beside the target and swap it into place, so a crash never leaves half a .torrent.
            string temporary = destination + ".partial";
            bool placed = false;
            try
            {
                File.WriteAllBytes(temporary, bytes);
                if (File.Exists(destination))
                {
                    // One rename over the old file: there is no moment without a destination file.
                    File.Replace(temporary, destination, null);
                }
                else
                {
                    File.Move(temporary, destination);
                }

                placed = true;
            }
            finally
            {
                if (!placed)
                {
                    RemovePartial(temporary, warn);
                }
            }
        }

        private static void RemovePartial(string temporary, Action<string> warn)
        {
            // Runs while the write's own exception propagates: a failure here is reported, not thrown over it.
            try
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                warn("Could not remove the incomplete file '" + temporary + "': " + e.Message);
            }
        }
    }
}
