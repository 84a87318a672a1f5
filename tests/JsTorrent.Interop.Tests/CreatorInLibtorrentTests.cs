using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// (c) Torrents built by our <see cref="TorrentCreator"/> from files on disk: libtorrent
    /// must read them as we do (info-hash, name, geometry, files, padding, private flag,
    /// trackers, web seeds), and libtorrent's own hash check of the data on disk must
    /// accept every piece.
    /// </summary>
    public sealed class CreatorInLibtorrentTests : IDisposable
    {
        private static readonly string[] FirstTier = { "http://127.0.0.1:1/announce", "udp://127.0.0.1:2/announce" };
        private static readonly string[] SecondTier = { "http://127.0.0.1:3/backup" };
        private const string WebSeed = "http://127.0.0.1:4/seed/";
        private const string Comment = "made by JsTorrent ✓ ünïcødé";

        private readonly TestContent _content = new TestContent();

        public void Dispose() => _content.Dispose();

        [Theory]
        [InlineData(false, 0, false, false)]
        [InlineData(false, 16384, false, true)]
        [InlineData(false, 1048576, false, false)]
        [InlineData(true, 16384, false, false)]
        [InlineData(true, 32768, true, false)]
        [InlineData(true, 65536, true, true)]
        [InlineData(true, 262144, false, true)]
        [InlineData(true, 16384, true, false)]
        public async Task LibtorrentReadsAndVerifiesOurTorrent(bool folder, int pieceLength, bool pad, bool extras)
        {
            string target = _content.Create(folder);
            var options = new TorrentCreationOptions { PieceLength = pieceLength, AlignFilesWithPadding = pad };
            if (extras)
            {
                options.IsPrivate = true;
                options.Trackers.Add(FirstTier.ToList());
                options.Trackers.Add(SecondTier.ToList());
                options.WebSeeds.Add(WebSeed);
                options.Comment = Comment;
            }

            var ours = await TorrentCreator.CreateAsync(NativeTorrentSource.FromPath(target), options);
            string output = _content.OutputPath("ours.torrent");
            File.WriteAllBytes(output, ours.TorrentBytes!);
            var libtorrent = Libtorrent.Info(output);

            TorrentAssert.SameAsLibtorrent(libtorrent, ours);
            TorrentAssert.ListsExactlyTheFilesOnDisk(libtorrent, target);

            // What libtorrent read is what we were asked to write.
            long contentSize = TestContent.ContentLength(folder);
            Assert.Equal(Path.GetFileName(target), libtorrent.Name);
            Assert.Equal(pieceLength == 0 ? TorrentCreator.ChoosePieceLength(contentSize) : pieceLength, libtorrent.PieceLength);
            Assert.Equal(extras, libtorrent.IsPrivate);
            Assert.Equal("JsTorrent", libtorrent.Creator);
            Assert.Equal(extras ? Comment : string.Empty, libtorrent.Comment);
            var expectedTrackers = new List<LtTracker>();
            if (extras)
            {
                expectedTrackers.AddRange(FirstTier.Select(url => new LtTracker { Url = url, Tier = 0 }));
                expectedTrackers.AddRange(SecondTier.Select(url => new LtTracker { Url = url, Tier = 1 }));
            }

            Assert.Equal(
                expectedTrackers.Select(t => t.Tier + " " + t.Url).OrderBy(s => s, StringComparer.Ordinal),
                libtorrent.Trackers.Select(t => t.Tier + " " + t.Url).OrderBy(s => s, StringComparer.Ordinal));
            Assert.Equal(extras ? new[] { WebSeed } : Array.Empty<string>(), libtorrent.WebSeeds);
            if (pad && folder)
            {
                TorrentAssert.FilesAreAligned(libtorrent);
            }
            else
            {
                Assert.DoesNotContain(libtorrent.Files, f => f.IsPadding);
                Assert.Equal(contentSize, libtorrent.TotalSize);
            }

            // The strongest proof: libtorrent hashes the data on disk and accepts every piece we computed.
            var check = Libtorrent.Recheck(output, Path.GetDirectoryName(target)!);
            TorrentAssert.AllPiecesVerified(check, ours.PieceCount);
        }

        /// <summary>
        /// Padding edge cases: a folder whose last files (in torrent order) are empty, a file that
        /// is already a whole number of pieces, and a one-byte file. libtorrent must read and verify it.
        /// </summary>
        [Fact]
        public async Task LibtorrentVerifiesPaddedFolderEndingInEmptyFiles()
        {
            string target = Path.Combine(_content.Root, "edge", "padding edges");
            TestContent.WriteFile(Path.Combine(target, "a.bin"), 20_000, 1);
            TestContent.WriteFile(Path.Combine(target, "b exact.bin"), 32_768, 2);
            TestContent.WriteFile(Path.Combine(target, "c one byte"), 1, 3);
            TestContent.WriteFile(Path.Combine(target, "zz", "empty 1"), 0, 4);
            TestContent.WriteFile(Path.Combine(target, "zz", "empty 2"), 0, 5);
            var options = new TorrentCreationOptions { PieceLength = 16384, AlignFilesWithPadding = true };
            var ours = await TorrentCreator.CreateAsync(NativeTorrentSource.FromPath(target), options);
            string output = _content.OutputPath("edges.torrent");
            File.WriteAllBytes(output, ours.TorrentBytes!);

            var libtorrent = Libtorrent.Info(output);
            TorrentAssert.SameAsLibtorrent(libtorrent, ours);
            TorrentAssert.ListsExactlyTheFilesOnDisk(libtorrent, target);
            TorrentAssert.FilesAreAligned(libtorrent);
            TorrentAssert.AllPiecesVerified(Libtorrent.Recheck(output, Path.GetDirectoryName(target)!), ours.PieceCount);
        }

        /// <summary>
        /// Control for <see cref="LibtorrentReadsAndVerifiesOurTorrent"/>: the check is real. After one byte of content changes,
        /// libtorrent rejects exactly the piece holding it and accepts all others.
        /// </summary>
        [Fact]
        public async Task LibtorrentRejectsThePieceWhoseDataChanged()
        {
            string target = _content.CreateFolder();
            var options = new TorrentCreationOptions { PieceLength = 16384, AlignFilesWithPadding = true };
            var ours = await TorrentCreator.CreateAsync(NativeTorrentSource.FromPath(target), options);
            string output = _content.OutputPath("ours.torrent");
            File.WriteAllBytes(output, ours.TorrentBytes!);

            var victim = ours.Files.Single(f => f.RelativePath == TestContent.FolderName + "/nested/deeper/z.bin");
            const long within = 100_000;
            string path = Path.Combine(target, "nested", "deeper", "z.bin");
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Position = within;
                int old = stream.ReadByte();
                stream.Position = within;
                stream.WriteByte((byte)(old ^ 0xFF));
            }

            int corrupted = (int)((victim.Offset + within) / ours.PieceLength);
            var check = Libtorrent.Recheck(output, Path.GetDirectoryName(target)!);
            Assert.Equal(new[] { corrupted }, check.Missing);
            Assert.Equal(ours.PieceCount - 1, check.Have.Count);
        }
    }
}
