using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// (a) Torrents written by mktorrent: our parser must read the same info-hash,
    /// files, geometry, piece hashes, flags and trackers as libtorrent does.
    /// </summary>
    public sealed class MktorrentTorrentTests : IDisposable
    {
        private const string Tracker = "http://127.0.0.1:1/announce";
        private const string BackupTracker = "http://127.0.0.1:2/announce";
        private const string UdpTracker = "udp://127.0.0.1:3/announce";

        private readonly TestContent _content = new TestContent();

        public void Dispose() => _content.Dispose();

        [Theory]
        [InlineData(false, 15, false, null, false)]
        [InlineData(false, 16, true, "a comment ✓", false)]
        [InlineData(false, 18, false, null, true)]
        [InlineData(false, 20, true, null, false)]
        [InlineData(true, 15, false, null, false)]
        [InlineData(true, 16, false, "multi-file, ünïcødé comment", true)]
        [InlineData(true, 18, true, null, false)]
        [InlineData(true, 20, false, "c", true)]
        public void ParserReadsWhatLibtorrentReads(bool folder, int exponent, bool isPrivate, string? comment, bool twoTiers)
        {
            string target = _content.Create(folder);
            string output = _content.OutputPath("mktorrent.torrent");
            var options = new Mktorrent.Options { PieceLengthExponent = exponent, IsPrivate = isPrivate, Comment = comment };
            options.Announce.Add(Tracker);
            var expectedTiers = new List<string[]> { new[] { Tracker } };
            if (twoTiers)
            {
                // mktorrent puts comma-separated URLs of one -a in one tier.
                options.Announce.Add(BackupTracker + "," + UdpTracker);
                expectedTiers.Add(new[] { BackupTracker, UdpTracker });
            }

            byte[] torrent = Mktorrent.Create(target, output, options);
            var ours = Metainfo.Parse(torrent);
            var libtorrent = Libtorrent.Info(output);

            TorrentAssert.SameAsLibtorrent(libtorrent, ours);
            TorrentAssert.ListsExactlyTheFilesOnDisk(libtorrent, target);

            // And both readings say what mktorrent was asked to write.
            Assert.Equal(Path.GetFileName(target), ours.Name);
            Assert.Equal(!folder, ours.IsSingleFile);
            Assert.Equal(1 << exponent, ours.PieceLength);
            Assert.Equal(isPrivate, ours.IsPrivate);
            Assert.Equal(comment, ours.Comment);
            Assert.Equal(Tracker, ours.Announce);
            Assert.Equal(expectedTiers.Count, ours.AnnounceTiers.Count);
            for (int tier = 0; tier < expectedTiers.Count; tier++)
            {
                Assert.Equal(expectedTiers[tier], ours.AnnounceTiers[tier]);
            }

            Assert.DoesNotContain(ours.Files, f => f.IsPadding);
            Assert.StartsWith("mktorrent", ours.CreatedBy, StringComparison.Ordinal);
            Assert.NotNull(ours.CreationDate);
            long contentSize = TestContent.ContentLength(folder);
            Assert.Equal(contentSize, ours.TotalSize);
            Assert.Equal((contentSize + (1L << exponent) - 1) >> exponent, ours.PieceCount);
        }
    }
}
