using System;
using System.IO;
using System.Runtime.InteropServices;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>
    /// The user's Downloads folder, where the runspace engine stores content unless told otherwise:
    /// the Known Folder on Windows (a user may have moved it), the XDG user directory on Linux, ~/Downloads on macOS.
    /// </summary>
    internal static class DownloadsFolder
    {
        /// <summary>The folder path; it may not exist yet.</summary>
        public static string Locate()
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return WindowsKnownFolder() ?? Path.Combine(home, "Downloads");
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return Path.Combine(home, "Downloads");
            }

            return FromXdg(Environment.GetEnvironmentVariable, home, ReadUserDirs) ?? Path.Combine(home, "Downloads");
        }

        /// <summary>
        /// XDG_DOWNLOAD_DIR from the environment, else from user-dirs.dirs (what xdg-user-dir reads), with
        /// $HOME expanded; null when neither names an absolute folder other than home itself (xdg's "disabled").
        /// </summary>
        internal static string? FromXdg(Func<string, string?> environment, string home, Func<string, string?> readFile)
        {
            string? value = environment("XDG_DOWNLOAD_DIR");
            if (string.IsNullOrEmpty(value))
            {
                string? configHome = environment("XDG_CONFIG_HOME");
                string configDir = !string.IsNullOrEmpty(configHome) && Path.IsPathRooted(configHome) ? configHome! : Path.Combine(home, ".config");
                value = ParseUserDirs(readFile(Path.Combine(configDir, "user-dirs.dirs")));
            }

            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            string homeFolder = home.TrimEnd('/');
            string expanded = value!.Replace("${HOME}", homeFolder).Replace("$HOME", homeFolder);
            if (!Path.IsPathRooted(expanded))
            {
                return null;
            }

            string trimmed = expanded.TrimEnd('/');
            return trimmed.Length == 0 || trimmed == homeFolder ? null : trimmed;
        }

        /// <summary>
        /// The value of XDG_DOWNLOAD_DIR="..." in the text of a user-dirs.dirs file, or null. The file is shell
        /// syntax that xdg-user-dir sources, so the last assignment wins.
        /// </summary>
        internal static string? ParseUserDirs(string? text)
        {
            if (text is null)
            {
                return null;
            }

            string? found = null;
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.Trim();
                const string Key = "XDG_DOWNLOAD_DIR=";
                if (!line.StartsWith(Key, StringComparison.Ordinal))
                {
                    continue;
                }

                string value = line.Substring(Key.Length).Trim();
                if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
                {
                    value = value.Substring(1, value.Length - 2);
                }

                found = value;
            }

            return found;
        }

        private static string? ReadUserDirs(string path)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllText(path) : null;
            }
            catch (IOException)
            {
                // An unreadable user-dirs.dirs means the default folder, as xdg-user-dir does.
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static string? WindowsKnownFolder()
        {
            var downloads = new Guid("374DE290-123F-4565-9164-39C4925E467B");
            int hr = SHGetKnownFolderPath(ref downloads, 0, IntPtr.Zero, out IntPtr pathPointer);
            try
            {
                return hr == 0 ? Marshal.PtrToStringUni(pathPointer) : null;
            }
            finally
            {
                Marshal.FreeCoTaskMem(pathPointer);
            }
        }

        [DllImport("shell32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        private static extern int SHGetKnownFolderPath(ref Guid folderId, uint flags, IntPtr token, out IntPtr path);
    }
}
