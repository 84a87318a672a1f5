using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class TorrentCreatorTests
    {
        [Fact]
        public async Task SingleFileHashesMatchContent()
        {
            byte[] content = TestTorrents.Content(1, 100_000);
            var m = await TorrentCreator.CreateAsync(TorrentSource.SingleFile("data.bin", TestTorrents.MemoryFile(content)), new TorrentCreationOptions { PieceLength = 16_384 });
            Assert.True(m.IsSingleFile);
            Assert.Equal("data.bin", m.Name);
            Assert.Equal(7, m.PieceCount);
            Assert.Equal(100_000, m.TotalSize);
            TestTorrents.AssertPiecesMatch(m, new[] { content });
        }

        [Fact]
        public async Task FolderIsSortedByUtf8BytesWithEmptyFiles()
        {
            var files = new Dictionary<string, byte[]>
            {
                ["b/z.bin"] = TestTorrents.Content(2, 5_000),
                ["a-b.bin"] = TestTorrents.Content(3, 70_000),
                ["a/b.bin"] = TestTorrents.Content(4, 1),
                ["é.bin"] = TestTorrents.Content(5, 3_333),
                ["Z.bin"] = TestTorrents.Content(6, 20_000),
                ["empty.txt"] = Array.Empty<byte>(),
            };
            var source = TorrentSource.Folder("folder", files.Select(f => TestTorrents.MemoryFile(f.Value, f.Key.Split('/'))));
            var m = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = 32_768 });
            string[] order = { "Z.bin", "a-b.bin", "a/b.bin", "b/z.bin", "empty.txt", "é.bin" };
            Assert.Equal(order.Select(p => "folder/" + p), m.Files.Select(f => f.RelativePath));
            Assert.Equal(0, m.Files.Single(f => f.RelativePath.EndsWith("empty.txt")).Length);
            TestTorrents.AssertPiecesMatch(m, order.Select(p => files[p]).ToList());
        }

        [Fact]
        public async Task PaddingAlignsEveryFileButNotAfterTheLastOrEmptyFiles()
        {
            var contents = new[] { TestTorrents.Content(7, 20_000), Array.Empty<byte>(), TestTorrents.Content(8, 16_384), TestTorrents.Content(9, 100) };
            var source = TorrentSource.Folder("p", new[]
            {
                TestTorrents.MemoryFile(contents[0], "1.bin"),
                TestTorrents.MemoryFile(contents[1], "2.empty"),
                TestTorrents.MemoryFile(contents[2], "3.bin"),
                TestTorrents.MemoryFile(contents[3], "4.bin"),
            });
            var m = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = 16_384, AlignFilesWithPadding = true });
            Assert.Equal(new[] { "p/1.bin", "p/.pad/12768", "p/2.empty", "p/3.bin", "p/4.bin" }, m.Files.Select(f => f.RelativePath));
            Assert.True(m.Files[1].IsPadding);
            Assert.Equal("p", m.Files[1].Attributes);
            Assert.All(m.Files.Where(f => !f.IsPadding && f.Length > 0), f => Assert.Equal(0, f.Offset % 16_384));
            Assert.Equal(32_768 + 16_384 + 100, m.TotalSize);
            Assert.Equal(20_000 + 16_384 + 100, m.ContentSize);
            TestTorrents.AssertPiecesMatch(m, contents);
        }

        [Fact]
        public async Task NoPaddingAfterTheLastFileWithDataWhenEmptyFilesSortLast()
        {
            var contents = new[] { TestTorrents.Content(1, 20_000), TestTorrents.Content(2, 1), Array.Empty<byte>(), Array.Empty<byte>() };
            var source = TorrentSource.Folder("p", new[]
            {
                TestTorrents.MemoryFile(contents[0], "a.bin"),
                TestTorrents.MemoryFile(contents[1], "c one byte"),
                TestTorrents.MemoryFile(contents[2], "zz", "empty 1"),
                TestTorrents.MemoryFile(contents[3], "zz", "empty 2"),
            });
            var m = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = 16_384, AlignFilesWithPadding = true });
            Assert.Equal(new[] { "p/a.bin", "p/.pad/12768", "p/c one byte", "p/zz/empty 1", "p/zz/empty 2" }, m.Files.Select(f => f.RelativePath));
            Assert.Equal(32_769, m.TotalSize);
            TestTorrents.AssertPiecesMatch(m, contents);
        }

        [Fact]
        public async Task OutputIsDeterministicAndIndependentOfParallelism()
        {
            TorrentSource Source() => TorrentSource.Folder("d", Enumerable.Range(0, 12).Select(i => TestTorrents.MemoryFile(TestTorrents.Content(i, 10_000 + (i * 7_777)), "dir" + (i % 3), "f" + i)).Reverse());
            var options1 = new TorrentCreationOptions { PieceLength = 16_384, MaxDegreeOfParallelism = 1, Comment = "c", CreationDate = DateTimeOffset.FromUnixTimeSeconds(1_000) };
            var options8 = new TorrentCreationOptions { PieceLength = 16_384, MaxDegreeOfParallelism = 8, Comment = "c", CreationDate = DateTimeOffset.FromUnixTimeSeconds(1_000) };
            var a = await TorrentCreator.CreateAsync(Source(), options1);
            var b = await TorrentCreator.CreateAsync(Source(), options8);
            Assert.Equal(a.TorrentBytes, b.TorrentBytes);
        }

        [Fact]
        public async Task WritesTrackersWebSeedsAndFlags()
        {
            var options = new TorrentCreationOptions
            {
                IsPrivate = true,
                Source = "SRC",
                Comment = "comment",
                CreatedBy = "tests",
                CreationDate = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000),
                PieceLength = 16_384,
            };
            options.Trackers.Add(new List<string> { "http://a/announce", "http://b/announce" });
            options.Trackers.Add(new List<string> { "udp://c:6969" });
            options.WebSeeds.Add("http://seed/");
            var m = await TorrentCreator.CreateAsync(TorrentSource.SingleFile("x", TestTorrents.MemoryFile(TestTorrents.Content(1, 10))), options);
            Assert.Equal("http://a/announce", m.Announce);
            Assert.Equal(2, m.AnnounceTiers.Count);
            Assert.Equal(new[] { "udp://c:6969" }, m.AnnounceTiers[1]);
            Assert.Equal(new[] { "http://seed/" }, m.WebSeeds);
            Assert.True(m.IsPrivate);
            Assert.Equal("SRC", m.Source);
            Assert.Equal("comment", m.Comment);
            Assert.Equal("tests", m.CreatedBy);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), m.CreationDate);
        }

        [Fact]
        public async Task OneTrackerNeedsNoAnnounceList()
        {
            var options = new TorrentCreationOptions();
            options.Trackers.Add(new List<string> { "http://only/announce" });
            var m = await TorrentCreator.CreateAsync(TorrentSource.SingleFile("x", TestTorrents.MemoryFile(TestTorrents.Content(1, 10))), options);
            Assert.DoesNotContain("announce-list", System.Text.Encoding.Latin1.GetString(m.TorrentBytes!));
            Assert.Equal("http://only/announce", m.Announce);
        }

        [Theory]
        [InlineData(1L, 16_384)]
        [InlineData(16_384L * 2048, 16_384)]
        [InlineData((16_384L * 2048) + 1, 32_768)]
        [InlineData(1L << 30, 524_288)]
        [InlineData(1L << 40, 16 * 1024 * 1024)]
        public void ChoosesPieceLength(long size, int expected)
        {
            Assert.Equal(expected, TorrentCreator.ChoosePieceLength(size));
        }

        [Theory]
        [InlineData(1000)]
        [InlineData(16_383)]
        [InlineData(24_576)]
        [InlineData(128 * 1024 * 1024)]
        public async Task RefusesBadPieceLength(int pieceLength)
        {
            var source = TorrentSource.SingleFile("x", TestTorrents.MemoryFile(new byte[10]));
            await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = pieceLength }));
        }

        [Fact]
        public async Task RefusesEmptySources()
        {
            var empty = TorrentSource.Folder("e", new[] { TestTorrents.MemoryFile(Array.Empty<byte>(), "a") });
            var error = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(empty));
            Assert.Contains("Nothing to share", error.Message);
            await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(TorrentSource.Folder("none", Array.Empty<TorrentSourceFile>())));
        }

        [Fact]
        public void SourceRefusesBadPaths()
        {
            Assert.Throws<ArgumentException>(() => TorrentSource.Folder("f", new[] { TestTorrents.MemoryFile(new byte[1], "..") }));
            Assert.Throws<ArgumentException>(() => TorrentSource.Folder("f", new[] { TestTorrents.MemoryFile(new byte[1], "a/b") }));
            Assert.Throws<ArgumentException>(() => TorrentSource.Folder("f", new[] { TestTorrents.MemoryFile(new byte[1]) }));
            Assert.Throws<ArgumentException>(() => TorrentSource.SingleFile("f", TestTorrents.MemoryFile(new byte[1], "x")));
        }

        [Fact]
        public async Task FileThatShrankIsAnIOError()
        {
            var liar = new TorrentSourceFile(new[] { "liar" }, 100_000, () => new MemoryStream(new byte[50_000]));
            var error = await Assert.ThrowsAsync<IOException>(() => TorrentCreator.CreateAsync(TorrentSource.Folder("f", new[] { liar })));
            Assert.Contains("shorter", error.Message);
        }

        [Fact]
        public async Task ReportsProgressAndHonoursCancellation()
        {
            var content = TestTorrents.Content(1, 20 * 1024 * 1024);
            var source = TorrentSource.SingleFile("big", TestTorrents.MemoryFile(content));
            long last = 0;
            var progress = new SynchronousProgress<long>(v => Interlocked.Exchange(ref last, Math.Max(Interlocked.Read(ref last), v)));
            await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = 65_536 }, progress);
            Assert.Equal(content.Length, Interlocked.Read(ref last));

            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TorrentCreator.CreateAsync(source, null, null, cancel.Token));
        }
    }
}
