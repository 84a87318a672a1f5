using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Inputs a code review found to be slow, unbounded or wrongly mapped; each stays fixed.</summary>
    public class ReviewRegressionTests
    {
        [Fact]
        public void ManyCopiesOfOneNameAreNumberedInLinearTime()
        {
            const int copies = 20_000;
            var files = new (string, long, string?)[copies];
            files[0] = ("a", 1, null);
            for (int i = 1; i < copies; i++)
            {
                files[i] = ("a", 0, null);
            }

            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.MultiFileInfo("t", 16_384, files)));
            Assert.Equal("t/a", m.Files[0].RelativePath);
            Assert.Equal("t/a (2)", m.Files[1].RelativePath);
            Assert.Equal("t/a (" + copies + ")", m.Files[copies - 1].RelativePath);
            Assert.Equal(copies, m.Files.Select(f => f.RelativePath).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void CounterSkipsNamesTakenLater()
        {
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.MultiFileInfo("t", 16_384,
                ("a", 1, null), ("a (2)", 1, null), ("A", 1, null), ("a", 1, null))));
            Assert.Equal(new[] { "t/a", "t/a (2)", "t/A (3)", "t/a (4)" }, m.Files.Select(f => f.RelativePath));
        }

        [Fact]
        public void NamesEqualAfterUnicodeNormalisationAreDisambiguated()
        {
            string composed = "caf\u00e9.txt";
            string decomposed = "cafe\u0301.txt";
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.MultiFileInfo("t", 16_384, (composed, 1, null), (decomposed, 1, null))));
            Assert.Equal("t/" + composed, m.Files[0].RelativePath);
            Assert.Equal("t/cafe\u0301 (2).txt", m.Files[1].RelativePath);
        }

        [Fact]
        public void CounterOnAMaximalNameWithALongExtensionStaysWithinTheLimit()
        {
            string name = "a." + new string('x', 253);
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.MultiFileInfo("t", 16_384, (name, 1, null), (name.ToUpperInvariant(), 1, null))));
            string second = m.Files[1].PathElements[1];
            Assert.True(Encoding.UTF8.GetByteCount(second) <= PathSanitizer.MaxElementBytes);
            Assert.StartsWith("A.XXX", second);
            Assert.EndsWith(" (2)", second);
            Assert.True(PathSanitizer.IsSafeElement(second));
        }

        [Fact]
        public void WebSeedListsAreDeduplicatedInLinearTime()
        {
            var urls = new BencodeList(Enumerable.Range(0, 40_000).Select(i => (BencodeValue)new BencodeString("http://seed/" + i)));
            urls.Add(new BencodeString("http://seed/7"));
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.SingleFileInfo(), r => r.Set("url-list", urls)));
            Assert.Equal(40_000, m.WebSeeds.Count);
        }

        [Fact]
        public void DuplicateKeysFarApartInAnUnsortedDictionaryAreFoundAtTheLaterKey()
        {
            string text = "d1:bi1e1:ai2e1:ci3e1:bi4ee";
            var error = Assert.Throws<BencodeFormatException>(() => BencodeReader.Read(Encoding.ASCII.GetBytes(text)));
            Assert.Contains("duplicate dictionary key 'b'", error.Message);
            Assert.Equal(text.IndexOf("1:b", 2, StringComparison.Ordinal), error.Offset);
        }

        [Fact]
        public void ValueCountIsBounded()
        {
            byte[] input = Encoding.ASCII.GetBytes("l" + string.Concat(Enumerable.Repeat("le", 100)) + "e");
            var error = Assert.Throws<BencodeFormatException>(() => BencodeReader.Read(input, new BencodeReaderOptions { MaxValues = 50 }));
            Assert.Contains("more than 50 values", error.Message);
            Assert.Equal(101, Assert.IsType<BencodeList>(BencodeReader.Read(input)).Count + 1);

            byte[] huge = Encoding.ASCII.GetBytes("l" + string.Concat(Enumerable.Repeat("le", 4_000_001)) + "e");
            Assert.Contains("more than 4000000 values", Assert.Throws<BencodeFormatException>(() => BencodeReader.Read(huge)).Message);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(BencodeReaderOptions.DepthCeiling + 1)]
        [InlineData(int.MaxValue)]
        public void DepthLimitCannotBeRaisedToAStackOverflow(int depth)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new BencodeReaderOptions { MaxDepth = depth });
        }

        [Fact]
        public void EmptyFileAtTheEndBelongsToTheLastPiece()
        {
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.MultiFileInfo("t", 16_384, ("a", 16_384, null), ("b", 0, null))));
            Assert.Equal(1, m.PieceCount);
            Assert.Equal(0, m.Files[1].FirstPiece);
            Assert.Equal(0, m.Files[1].LastPiece);
            Assert.Equal(16_384, m.GetPieceSize(m.Files[1].FirstPiece));
        }

        [Fact]
        public void SingleFileIsNeverPadding()
        {
            var info = TestTorrents.SingleFileInfo();
            info.Set("attr", "p");
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.False(m.Files[0].IsPadding);
            Assert.Equal(m.TotalSize, m.ContentSize);
        }

        [Fact]
        public void TorrentOfOnlyPaddingIsRefused()
        {
            var info = TestTorrents.MultiFileInfo("t", 16_384, (".pad|16384", 16_384, "p"), (".pad|5", 5, "p"));
            var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(TestTorrents.Torrent(info)));
            Assert.Contains("no content", error.Message);
        }

        [Fact]
        public void FormatErrorsAlwaysHaveAReason()
        {
            var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(Encoding.ASCII.GetBytes("de")));
            Assert.False(string.IsNullOrEmpty(error.Reason));
        }

        [Fact]
        public async Task CreationProgressCountsContentNotPadding()
        {
            var source = TorrentSource.Folder("p", new[]
            {
                TestTorrents.MemoryFile(new byte[] { 1 }, "a"),
                TestTorrents.MemoryFile(new byte[] { 2 }, "b"),
                TestTorrents.MemoryFile(new byte[] { 3 }, "c"),
            });
            long last = 0;
            var progress = new SynchronousProgress<long>(v => Interlocked.Exchange(ref last, Math.Max(Interlocked.Read(ref last), v)));
            var m = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = 1 << 20, AlignFilesWithPadding = true }, progress);
            Assert.True(m.TotalSize > 2 << 20);
            Assert.Equal(3, Interlocked.Read(ref last));
        }

        [Fact]
        public async Task TooManyPiecesIsAPieceLengthError()
        {
            var huge = new TorrentSourceFile(new[] { "huge" }, 3L << 40, () => throw new InvalidOperationException("must not be opened"));
            var error = await Assert.ThrowsAsync<ArgumentException>(() =>
                TorrentCreator.CreateAsync(TorrentSource.Folder("h", new[] { huge }), new TorrentCreationOptions { PieceLength = 16_384 }));
            Assert.Equal("pieceLength", error.ParamName);
            Assert.Contains("larger piece length", error.Message);
        }

        [Fact]
        public async Task BackslashIsAnOrdinaryCharacterInSourceNames()
        {
            var source = TorrentSource.Folder("f", new[] { TestTorrents.MemoryFile(new byte[] { 1 }, "we\\ird") });
            var m = await TorrentCreator.CreateAsync(source);
            Assert.Equal("f/we_ird", m.Files[0].RelativePath);
            Assert.Equal("we\\ird", m.Files[0].OriginalPath);
        }
    }
}
