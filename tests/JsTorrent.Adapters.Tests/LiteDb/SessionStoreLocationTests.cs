using System;
using System.Collections.Generic;
using System.IO;
using JsTorrent.Adapters.LiteDb;

namespace JsTorrent.Adapters.Tests.LiteDb
{
    public class SessionStoreLocationTests
    {
        [Fact]
        public void LinuxUsesAnAbsoluteXdgDataHome()
        {
            Assert.Equal("/data/xdg/JsTorrent/session.db", Path(SessionStorePlatform.Linux, "/home/ann", ("XDG_DATA_HOME", "/data/xdg")));
            Assert.Equal("/data/xdg/JsTorrent/session.db", Path(SessionStorePlatform.Linux, null, ("XDG_DATA_HOME", "/data/xdg/")));
        }

        [Fact]
        public void LinuxFallsBackToLocalShareForAMissingEmptyOrRelativeXdgDataHome()
        {
            Assert.Equal("/home/ann/.local/share/JsTorrent/session.db", Path(SessionStorePlatform.Linux, "/home/ann"));
            Assert.Equal("/home/ann/.local/share/JsTorrent/session.db", Path(SessionStorePlatform.Linux, "/home/ann", ("XDG_DATA_HOME", string.Empty)));
            Assert.Equal("/home/ann/.local/share/JsTorrent/session.db", Path(SessionStorePlatform.Linux, "/home/ann/", ("XDG_DATA_HOME", "relative/data")));
            Assert.Equal("/.local/share/JsTorrent/session.db", Path(SessionStorePlatform.Linux, "/"));
        }

        [Fact]
        public void MacOsUsesApplicationSupport()
        {
            Assert.Equal("/Users/ann/Library/Application Support/JsTorrent/session.db", Path(SessionStorePlatform.MacOS, "/Users/ann", ("XDG_DATA_HOME", "/ignored")));
        }

        [Fact]
        public void WindowsUsesLocalAppData()
        {
            Assert.Equal(@"C:\Users\Ann\AppData\Local\JsTorrent\session.db", Path(SessionStorePlatform.Windows, @"C:\Users\Ann", ("LOCALAPPDATA", @"C:\Users\Ann\AppData\Local")));
            Assert.Equal(@"D:\Data\JsTorrent\session.db", Path(SessionStorePlatform.Windows, null, ("LOCALAPPDATA", @"D:\Data\")));
            Assert.Equal(@"D:\JsTorrent\session.db", Path(SessionStorePlatform.Windows, null, ("LOCALAPPDATA", @"D:\")));
            Assert.Equal(@"\\server\share\JsTorrent\session.db", Path(SessionStorePlatform.Windows, null, ("LOCALAPPDATA", @"\\server\share")));
        }

        [Fact]
        public void WindowsFallsBackToTheProfileWithoutAUsableLocalAppData()
        {
            Assert.Equal(@"C:\Users\Ann\AppData\Local\JsTorrent\session.db", Path(SessionStorePlatform.Windows, @"C:\Users\Ann"));
            Assert.Equal(@"C:\Users\Ann\AppData\Local\JsTorrent\session.db", Path(SessionStorePlatform.Windows, @"C:\Users\Ann", ("LOCALAPPDATA", "relative")));
        }

        [Fact]
        public void WithoutAnyFolderTheReasonIsGiven()
        {
            var linux = Assert.Throws<InvalidOperationException>(() => Path(SessionStorePlatform.Linux, null, ("XDG_DATA_HOME", "rel")));
            Assert.Contains("XDG_DATA_HOME", linux.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => Path(SessionStorePlatform.MacOS, string.Empty));
            var windows = Assert.Throws<InvalidOperationException>(() => Path(SessionStorePlatform.Windows, "relative"));
            Assert.Contains("LOCALAPPDATA", windows.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void TheDefaultPathOfThisMachineIsAFullPathToSessionDb()
        {
            string path = SessionStoreLocation.DefaultPath;
            Assert.True(System.IO.Path.IsPathFullyQualified(path));
            Assert.Equal(SessionStoreLocation.FileName, System.IO.Path.GetFileName(path));
            Assert.Equal(SessionStoreLocation.FolderName, System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)));
            Assert.Equal(SessionStoreLocation.GetDefaultPath(SessionStoreLocation.CurrentPlatform(), Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)), path);
        }

        private static string Path(SessionStorePlatform platform, string? home, params (string Name, string Value)[] variables)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in variables)
            {
                environment[name] = value;
            }

            return SessionStoreLocation.GetDefaultPath(platform, name => environment.TryGetValue(name, out string? value) ? value : null, home);
        }
    }
}
