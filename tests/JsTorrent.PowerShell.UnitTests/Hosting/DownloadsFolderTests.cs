using System;
using System.Collections.Generic;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent.PowerShell.UnitTests.Hosting
{
    /// <summary>The XDG rules of the Linux Downloads folder, with the environment and the file system passed in.</summary>
    public sealed class DownloadsFolderTests
    {
        private const string Home = "/home/ana";

        [Theory]
        [InlineData("/data/downloads", "/data/downloads")]
        [InlineData("/data/downloads/", "/data/downloads")]
        [InlineData("$HOME/Dl", "/home/ana/Dl")]
        [InlineData("${HOME}/Téléchargements", "/home/ana/Téléchargements")]
        public void TheEnvironmentVariableWinsAndTheFileIsNotRead(string variable, string expected)
        {
            var reads = new List<string>();
            string? folder = DownloadsFolder.FromXdg(Environment(("XDG_DOWNLOAD_DIR", variable)), Home, Reader(reads, null));

            Assert.Equal(expected, folder);
            Assert.Empty(reads);
        }

        [Theory]
        [InlineData("$HOME")]
        [InlineData("$HOME/")]
        [InlineData("/home/ana")]
        [InlineData("/")]
        [InlineData("Downloads")]
        [InlineData("~/Downloads")]
        public void HomeItselfOrARelativePathMeansNoFolder(string variable)
        {
            // xdg's convention: a directory set to $HOME is disabled; a relative one is invalid.
            Assert.Null(DownloadsFolder.FromXdg(Environment(("XDG_DOWNLOAD_DIR", variable)), Home, Reader(new List<string>(), null)));
        }

        [Fact]
        public void WithoutTheVariableTheUserDirsFileUnderDotConfigIsRead()
        {
            var reads = new List<string>();
            string file = "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\nXDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"\n";

            string? folder = DownloadsFolder.FromXdg(Environment(), Home, Reader(reads, file));

            Assert.Equal("/home/ana/Téléchargements", folder);
            Assert.Equal(new[] { "/home/ana/.config/user-dirs.dirs" }, reads);
        }

        [Fact]
        public void AnAbsoluteXdgConfigHomeHoldsTheFile()
        {
            var reads = new List<string>();
            string? folder = DownloadsFolder.FromXdg(
                Environment(("XDG_CONFIG_HOME", "/etc/ana"), ("XDG_DOWNLOAD_DIR", "")),
                Home,
                Reader(reads, "XDG_DOWNLOAD_DIR=\"/srv/incoming\""));

            Assert.Equal("/srv/incoming", folder);
            Assert.Equal(new[] { "/etc/ana/user-dirs.dirs" }, reads);
        }

        [Fact]
        public void ARelativeXdgConfigHomeIsIgnored()
        {
            var reads = new List<string>();
            DownloadsFolder.FromXdg(Environment(("XDG_CONFIG_HOME", "config")), Home, Reader(reads, null));

            Assert.Equal(new[] { "/home/ana/.config/user-dirs.dirs" }, reads);
        }

        [Fact]
        public void NoVariableAndNoFileMeansNoFolder()
        {
            Assert.Null(DownloadsFolder.FromXdg(Environment(), Home, Reader(new List<string>(), null)));
        }

        [Fact]
        public void AHomeWithATrailingSlashIsExpandedWithoutADoubleSlash()
        {
            Assert.Equal("/home/ana/Dl", DownloadsFolder.FromXdg(Environment(("XDG_DOWNLOAD_DIR", "$HOME/Dl")), "/home/ana/", Reader(new List<string>(), null)));
        }

        [Theory]
        [InlineData("XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"", "$HOME/Downloads")]
        [InlineData("XDG_DOWNLOAD_DIR=/srv/dl", "/srv/dl")]
        [InlineData("  XDG_DOWNLOAD_DIR=\"/srv/dl\"  ", "/srv/dl")]
        [InlineData("XDG_MUSIC_DIR=\"$HOME/Music\"\r\nXDG_DOWNLOAD_DIR=\"$HOME/In\"\r\n", "$HOME/In")]
        [InlineData("XDG_DOWNLOAD_DIR=\"/first\"\nXDG_DOWNLOAD_DIR=\"/second\"", "/second")]
        [InlineData("XDG_DOWNLOAD_DIR=\"\"", "")]
        public void ParseUserDirsReadsTheLastDownloadAssignment(string text, string expected)
        {
            Assert.Equal(expected, DownloadsFolder.ParseUserDirs(text));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("# XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"")]
        [InlineData("XDG_DOWNLOAD_DIRS=\"/not/this\"")]
        [InlineData("XDG_DESKTOP_DIR=\"$HOME/Desktop\"")]
        public void ParseUserDirsFindsNothingWithoutTheAssignment(string? text)
        {
            Assert.Null(DownloadsFolder.ParseUserDirs(text));
        }

        private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in variables)
            {
                map[name] = value;
            }

            return name => map.TryGetValue(name, out string? value) ? value : null;
        }

        private static Func<string, string?> Reader(List<string> reads, string? content) => path =>
        {
            reads.Add(path);
            return content;
        };
    }
}
