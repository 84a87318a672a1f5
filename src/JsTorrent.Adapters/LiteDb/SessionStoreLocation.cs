using System;
using System.Runtime.InteropServices;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// Where the session file lives by default, per the platform's conventions for per-user application data
    /// that is not roaming:
    /// Linux (and other Unix) <c>$XDG_DATA_HOME/JsTorrent/session.db</c>, else <c>~/.local/share/JsTorrent/session.db</c>;
    /// macOS <c>~/Library/Application Support/JsTorrent/session.db</c>;
    /// Windows <c>%LOCALAPPDATA%\JsTorrent\session.db</c>.
    /// </summary>
    public static class SessionStoreLocation
    {
        /// <summary>The folder under the platform's data folder.</summary>
        public const string FolderName = "JsTorrent";

        /// <summary>The session file's name.</summary>
        public const string FileName = "session.db";

        /// <summary>
        /// The default session path of the current user on the current platform (nothing is created).
        /// Throws <see cref="InvalidOperationException"/> when neither the platform's variable nor a home folder is known.
        /// </summary>
        public static string DefaultPath => GetDefaultPath(CurrentPlatform(), Environment.GetEnvironmentVariable, HomeFolder());

        /// <summary>
        /// The default session path for <paramref name="platform"/>, given its environment variables and the
        /// user's home folder (null or empty when unknown). Paths are joined with the platform's separator.
        /// </summary>
        internal static string GetDefaultPath(SessionStorePlatform platform, Func<string, string?> environment, string? home)
        {
            if (environment is null)
            {
                throw new ArgumentNullException(nameof(environment));
            }

            switch (platform)
            {
                case SessionStorePlatform.Windows:
                {
                    string? localAppData = Absolute(platform, environment("LOCALAPPDATA"));
                    string? baseFolder = localAppData ?? UnderHome(platform, home, "AppData", "Local");
                    return Join(platform, baseFolder ?? throw NoFolder("%LOCALAPPDATA% is not set and the user profile folder is unknown"), FolderName, FileName);
                }

                case SessionStorePlatform.MacOS:
                {
                    string? baseFolder = UnderHome(platform, home, "Library", "Application Support");
                    return Join(platform, baseFolder ?? throw NoFolder("the home folder is unknown"), FolderName, FileName);
                }

                default:
                {
                    // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
                    string? dataHome = Absolute(platform, environment("XDG_DATA_HOME"));
                    string? baseFolder = dataHome ?? UnderHome(platform, home, ".local", "share");
                    return Join(platform, baseFolder ?? throw NoFolder("XDG_DATA_HOME is not set and the home folder is unknown"), FolderName, FileName);
                }
            }
        }

        internal static SessionStorePlatform CurrentPlatform()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return SessionStorePlatform.Windows;
            }

            return RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? SessionStorePlatform.MacOS : SessionStorePlatform.Linux;
        }

        private static string? HomeFolder()
        {
            // On Unix .NET answers $HOME, else the password database's entry.
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return home.Length > 0 ? home : null;
        }

        private static string? UnderHome(SessionStorePlatform platform, string? home, string first, string second)
        {
            string? absoluteHome = Absolute(platform, home);
            return absoluteHome is null ? null : Join(platform, absoluteHome, first, second);
        }

        private static string? Absolute(SessionStorePlatform platform, string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            if (platform == SessionStorePlatform.Windows)
            {
                // C:\... or \\server\share\...; "C:foo" and "\foo" depend on the current drive.
                bool drive = path!.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
                bool unc = path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);
                return drive || unc ? path : null;
            }

            return path![0] == '/' ? path : null;
        }

        private static string Join(SessionStorePlatform platform, string baseFolder, string first, string second)
        {
            char separator = platform == SessionStorePlatform.Windows ? '\\' : '/';
            string trimmed = baseFolder.TrimEnd('/', separator);
            if (trimmed.Length == 0 || (platform == SessionStorePlatform.Windows && trimmed.EndsWith(":", StringComparison.Ordinal)))
            {
                // "/" itself, or a bare drive root "C:".
                trimmed += separator;
                return trimmed + first + separator + second;
            }

            return trimmed + separator + first + separator + second;
        }

        private static InvalidOperationException NoFolder(string reason)
        {
            return new InvalidOperationException("The default session path cannot be determined: " + reason + ". Pass a session path explicitly.");
        }
    }
}
