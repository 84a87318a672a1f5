using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Adapters.Tests.Native
{
    public sealed class NativeTorrentSourceTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "jst-source-" + Guid.NewGuid().ToString("N"));

        public NativeTorrentSourceTests()
        {
            Directory.CreateDirectory(_root);
        }

        public void Dispose()
        {
            Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public void FileBecomesSingleFileSource()
        {
            string file = Path.Combine(_root, "one.bin");
            File.WriteAllBytes(file, new byte[1234]);
            var source = NativeTorrentSource.FromPath(file);
            Assert.True(source.IsSingleFile);
            Assert.Equal("one.bin", source.Name);
            Assert.Equal(1234, Assert.Single(source.Files).Length);
        }

        [Fact]
        public async Task FolderIncludesNestedAndEmptyFilesButSkipsLinksAndEmptyFolders()
        {
            string folder = Path.Combine(_root, "share");
            Directory.CreateDirectory(Path.Combine(folder, "sub", "deeper"));
            Directory.CreateDirectory(Path.Combine(folder, "empty-folder"));
            File.WriteAllBytes(Path.Combine(folder, "a.bin"), new byte[100]);
            File.WriteAllBytes(Path.Combine(folder, "sub", "deeper", "b.bin"), new byte[200]);
            File.WriteAllBytes(Path.Combine(folder, "zero.txt"), Array.Empty<byte>());
            string outside = Path.Combine(_root, "outside.bin");
            File.WriteAllBytes(outside, new byte[999]);
            File.CreateSymbolicLink(Path.Combine(folder, "link.bin"), outside);
            Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), folder);

            var source = NativeTorrentSource.FromPath(folder + Path.DirectorySeparatorChar);
            Assert.False(source.IsSingleFile);
            Assert.Equal("share", source.Name);
            Assert.Equal(
                new[] { "a.bin", "sub/deeper/b.bin", "zero.txt" },
                source.Files.Select(f => string.Join("/", f.Path)).OrderBy(p => p, StringComparer.Ordinal));

            var metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = 16_384 });
            Assert.Equal(300, metainfo.TotalSize);
            Assert.Equal(new[] { "share/a.bin", "share/sub/deeper/b.bin", "share/zero.txt" }, metainfo.Files.Select(f => f.RelativePath));
        }

        [Fact]
        public void FileSystemRootIsRefusedBeforeAnythingIsListed()
        {
            // "/" on Unix, the drive of the temp folder ("C:\") on Windows; with and without a trailing separator.
            string root = Path.GetPathRoot(_root)!;
            foreach (string path in new[] { root, root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar + "." })
            {
                var e = Assert.Throws<ArgumentException>(() => NativeTorrentSource.FromPath(path));
                Assert.Equal("path", e.ParamName);
                Assert.Contains("cannot share a whole drive or file-system root", e.Message, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Theory]
        [InlineData("share")]
        [InlineData("share/")]
        [InlineData("share//")]
        [InlineData("share/.")]
        [InlineData("share/sub/..")]
        [InlineData("share/sub/../")]
        public void FolderIsNamedAfterItsLastRealSegment(string relative)
        {
            string folder = Path.Combine(_root, "share");
            Directory.CreateDirectory(Path.Combine(folder, "sub"));
            File.WriteAllBytes(Path.Combine(folder, "a.bin"), new byte[10]);

            var source = NativeTorrentSource.FromPath(Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar)));
            Assert.Equal("share", source.Name);
            Assert.Equal("a.bin", string.Join("/", Assert.Single(source.Files).Path));
        }

        [Fact]
        public void MissingPathIsFileNotFound()
        {
            Assert.Throws<FileNotFoundException>(() => NativeTorrentSource.FromPath(Path.Combine(_root, "nope")));
        }
    }
}
