using System;
using System.IO;
using System.Linq;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// (b) Torrents written by libtorrent itself, with and without BEP 47 pad files, and
    /// hybrid v1/v2 ones: our parser must read the same info-hash(es) and the same file
    /// list, padding flags and offsets included, as libtorrent.
    /// </summary>
    public sealed class LibtorrentTorrentTests : IDisposable
    {
        private readonly TestContent _content = new TestContent();

        public void Dispose() => _content.Dispose();

        [Theory]
        [InlineData(false, 16384, false)]
        [InlineData(false, 65536, false)]
        [InlineData(true, 16384, false)]
        [InlineData(true, 32768, false)]
        [InlineData(true, 16384, true)]
        [InlineData(true, 65536, true)]
        [InlineData(true, 262144, true)]
        public void ParserReadsWhatLibtorrentWrote(bool folder, int pieceLength, bool padded)
        {
            string target = _content.Create(folder);
            string output = _content.OutputPath("libtorrent.torrent");
            var libtorrent = Libtorrent.Create(target, output, pieceLength, padded ? Libtorrent.Layout.Padded : Libtorrent.Layout.Plain);
            var ours = Metainfo.Parse(File.ReadAllBytes(output));
            Assert.False(ours.IsHybrid);

            TorrentAssert.SameAsLibtorrent(libtorrent, ours);
            TorrentAssert.ListsExactlyTheFilesOnDisk(libtorrent, target);
            Assert.Equal(!folder, ours.IsSingleFile);
            Assert.Equal(pieceLength, ours.PieceLength);
            long contentSize = TestContent.ContentLength(folder);
            Assert.Equal(contentSize, ours.ContentSize);
            if (padded)
            {
                TorrentAssert.FilesAreAligned(libtorrent);
                Assert.Equal(libtorrent.Files.Count(f => f.IsPadding), ours.Files.Count(f => f.IsPadding));
                Assert.All(ours.Files.Where(f => f.IsPadding), f => Assert.Contains('p', f.Attributes));
                Assert.True(ours.TotalSize > contentSize, "A padded torrent's byte space must be larger than its content.");
            }
            else
            {
                Assert.DoesNotContain(ours.Files, f => f.IsPadding);
                Assert.Equal(contentSize, ours.TotalSize);
            }
        }

        /// <summary>A hybrid v1/v2 torrent (BEP 52) is read through its v1 half; both hashes match libtorrent's.</summary>
        [Theory]
        [InlineData(false, 16384)]
        [InlineData(true, 16384)]
        [InlineData(true, 65536)]
        public void ParserReadsLibtorrentHybridTorrents(bool folder, int pieceLength)
        {
            string target = _content.Create(folder);
            string output = _content.OutputPath("hybrid.torrent");
            var libtorrent = Libtorrent.Create(target, output, pieceLength, Libtorrent.Layout.Hybrid);
            var ours = Metainfo.Parse(File.ReadAllBytes(output));

            Assert.True(libtorrent.HasV2);
            Assert.True(ours.IsHybrid);
            TorrentAssert.SameAsLibtorrent(libtorrent, ours);
            TorrentAssert.ListsExactlyTheFilesOnDisk(libtorrent, target);
            if (folder)
            {
                TorrentAssert.FilesAreAligned(libtorrent);
            }
        }
    }
}
