using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Checks where New-Torrent may write its .torrent file.</summary>
    internal static class TorrentDestination
    {
        // Windows file systems ignore case; elsewhere two spellings are two paths.
        private static readonly StringComparison PathComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>Why <paramref name="destination"/> cannot be written, checked before any hashing; null when it can.</summary>
        public static ErrorRecord? Check(string destination, string sourceFullPath, bool sourceIsFile, bool force)
        {
            string? folder = System.IO.Path.GetDirectoryName(destination);
            if (folder is not null && !Directory.Exists(folder))
            {
                return new ErrorRecord(
                    new DirectoryNotFoundException("The folder '" + folder + "' of the destination does not exist."),
                    "DestinationFolderNotFound",
                    ErrorCategory.ObjectNotFound,
                    destination);
            }

            if (Directory.Exists(destination))
            {
                return new ErrorRecord(
                    new PSArgumentException("'" + destination + "' is a folder; -Destination names the .torrent file to write."),
                    "DestinationIsFolder",
                    ErrorCategory.InvalidArgument,
                    destination);
            }

            // A .torrent written into the shared folder would be hashed into the next torrent made from
            // it (and -Force would then replace a file that is part of the content); over a shared
            // file it would destroy the content itself.
            string source = sourceFullPath.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
            bool inside = sourceIsFile
                ? string.Equals(destination, source, PathComparison)
                : destination.StartsWith(source + System.IO.Path.DirectorySeparatorChar, PathComparison);
            if (inside)
            {
                return new ErrorRecord(
                    new PSArgumentException(
                        "The destination '" + destination + "' is inside the content being shared ('" + source
                        + "'), so it would become part of the torrent; use -Destination to write the .torrent somewhere else."),
                    "DestinationInsideSource",
                    ErrorCategory.InvalidArgument,
                    destination);
            }

            if (File.Exists(destination) && !force)
            {
                return new ErrorRecord(
                    new IOException("'" + destination + "' already exists; use -Force to overwrite it."),
                    "DestinationExists",
                    ErrorCategory.ResourceExists,
                    destination);
            }

            return null;
        }
    }
}
