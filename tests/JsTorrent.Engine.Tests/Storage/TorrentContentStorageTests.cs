using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Storage
{
    public class TorrentContentStorageTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public async Task PrepareCreatesDirectoriesAndEmptyFilesOnly()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using (var storage = new TorrentContentStorage(t.Metainfo, fs))
            {
                await storage.PrepareAsync(None);
            }

            Assert.Equal(new[] { "Movie" }, await fs.ReadDirectoryAsync(string.Empty));
            Assert.Equal(new[] { "b" }, await fs.ReadDirectoryAsync("Movie")); // no padding folder, no a.bin or d.bin yet
            Assert.Equal(new[] { "empty.txt", "sub" }, await fs.ReadDirectoryAsync("Movie/b"));
            Assert.Empty(await fs.ReadDirectoryAsync("Movie/b/sub"));
            Assert.Equal(0, (await fs.StatAsync("Movie/b/empty.txt")).Size);
            Assert.Equal(0, fs.AllocatedBytes);
            Assert.Equal(0, fs.OpenHandleCount);
        }

        [Fact]
        public async Task PathsAreThePathElementsJoined()
        {
            var t = await StorageTorrent.MultiFileAsync();
            await using var storage = new TorrentContentStorage(t.Metainfo, new InMemoryFileSystem());
            Assert.Equal("Movie/a.bin", storage.GetPath(0));
            Assert.Equal(string.Empty, storage.GetPath(1));
            Assert.Equal("Movie/b/sub/c.bin", storage.GetPath(3));

            var single = await StorageTorrent.SingleFileAsync(1_000);
            await using var singleStorage = new TorrentContentStorage(single.Metainfo, new InMemoryFileSystem());
            Assert.Equal("single.iso", singleStorage.GetPath(0));
        }

        [Fact]
        public async Task WritingEveryPieceFillsTheFilesAndEveryPieceVerifies()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using (var storage = new TorrentContentStorage(t.Metainfo, fs))
            {
                await storage.PrepareAsync(None);
                for (int piece = 0; piece < t.Metainfo.PieceCount; piece++)
                {
                    Assert.False(await storage.VerifyPieceAsync(piece, None));
                    await storage.WriteAsync((long)piece * StorageTorrent.PieceLength, t.Piece(piece), None);
                    Assert.True(await storage.VerifyPieceAsync(piece, None));
                }

                var all = new byte[t.Space.Length];
                Assert.True(await storage.TryReadAsync(0, all, None));
                Assert.Equal(t.Space, all);
            }

            foreach (var path in new[] { "Movie/a.bin", "Movie/b/empty.txt", "Movie/b/sub/c.bin", "Movie/d.bin" })
            {
                Assert.Equal(t.ContentOf(path), fs.ReadAllBytes(path));
            }

            Assert.Equal(new[] { "a.bin", "b", "d.bin" }, await fs.ReadDirectoryAsync("Movie"));
            Assert.Equal(0, fs.OpenHandleCount);
        }

        [Fact]
        public async Task AWriteAcrossFileBoundariesLandsInEachFile()
        {
            var t = await StorageTorrent.MultiFileAsync(pad: false);
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);

            // a.bin [0,20000), empty.txt, c.bin [20000,60000), d.bin [60000,65000): one write over all three.
            var c = t.File("Movie/b/sub/c.bin");
            Assert.Equal(20_000, c.Offset);
            await storage.WriteAsync(19_000, t.Space.AsMemory(19_000, 42_000), None);

            Assert.Equal(20_000, fs.ReadAllBytes("Movie/a.bin").Length);
            Assert.Equal(t.ContentOf("Movie/a.bin").Skip(19_000), fs.ReadAllBytes("Movie/a.bin").Skip(19_000));
            Assert.Equal(t.ContentOf("Movie/b/sub/c.bin"), fs.ReadAllBytes("Movie/b/sub/c.bin"));
            Assert.Equal(t.ContentOf("Movie/d.bin").Take(1_000), fs.ReadAllBytes("Movie/d.bin"));
            Assert.False(await fs.ExistsAsync("Movie/b/empty.txt")); // writes never reach an empty file

            var back = new byte[42_000];
            Assert.True(await storage.TryReadAsync(19_000, back, None));
            Assert.Equal(t.Space.AsSpan(19_000, 42_000).ToArray(), back);
        }

        [Fact]
        public async Task PaddingIsNeverWrittenAndReadsAsZeros()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);

            // Non-zero bytes aimed at the padding between a.bin and c.bin are dropped.
            var garbage = Enumerable.Repeat((byte)0xAB, 12_768).ToArray();
            await storage.WriteAsync(20_000, garbage, None);
            Assert.Empty(await fs.ReadDirectoryAsync(string.Empty));

            var padding = Enumerable.Repeat((byte)0xFF, 12_768).ToArray();
            Assert.True(await storage.TryReadAsync(20_000, padding, None));
            Assert.All(padding, b => Assert.Equal(0, b));
            Assert.Equal(0, fs.AllocatedBytes);
        }

        [Fact]
        public async Task MissingOrShortFilesReadAsFalseWithoutCreatingAnything()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            var buffer = new byte[1_000];
            Assert.False(await storage.TryReadAsync(0, buffer, None));
            Assert.False(await fs.ExistsAsync("Movie/a.bin"));
            Assert.False(await fs.ExistsAsync("Movie"));

            // d.bin holds 100 of its 5,000 bytes.
            await storage.WriteAsync(81_920, t.Space.AsMemory(81_920, 100), None);
            Assert.True(await storage.TryReadAsync(81_920, buffer.AsMemory(0, 100), None));
            Assert.False(await storage.TryReadAsync(81_920, buffer, None));
            Assert.False(await storage.VerifyPieceAsync(5, None));
            Assert.False(await storage.VerifyPieceAsync(0, None));
        }

        [Fact]
        public async Task ACorruptedPieceFailsVerification()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(0, t.Space, None);
            Assert.True(await storage.VerifyPieceAsync(2, None));

            var c = fs.ReadAllBytes("Movie/b/sub/c.bin");
            c[(2 * StorageTorrent.PieceLength) - 32_768 + 5] ^= 1; // a byte of piece 2
            fs.WriteAllBytes("Movie/b/sub/c.bin", c);
            Assert.False(await storage.VerifyPieceAsync(2, None));
            Assert.True(await storage.VerifyPieceAsync(3, None));
            Assert.True(await storage.VerifyPieceAsync(5, None)); // the short last piece
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await storage.VerifyPieceAsync(6, None));
        }

        [Fact]
        public async Task PiecesVerifyConcurrently()
        {
            var t = await StorageTorrent.ManyFilesAsync(12);
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 3);
            await storage.WriteAsync(0, t.Space, None);
            var results = await Task.WhenAll(Enumerable.Range(0, t.Metainfo.PieceCount)
                .SelectMany(piece => new[] { piece, piece })
                .Select(piece => Task.Run(async () => await storage.VerifyPieceAsync(piece, None))))
                .WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(results, Assert.True);
            Assert.True(storage.OpenFileCount <= 3);
        }

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("")]
        [InlineData("a/b")]
        [InlineData("a\\b")]
        [InlineData("CON")]
        [InlineData("trailing.")]
        public void AnUnsafePathElementInCraftedMetainfoIsRefused(string element)
        {
            var metainfo = CraftedMetainfo(new[] { "t", element, "evil.bin" });
            var fs = new InMemoryFileSystem();
            var e = Assert.Throws<StorageException>(() => new TorrentContentStorage(metainfo, fs));
            Assert.Equal(StorageErrorKind.InvalidPath, e.Kind);
        }

        [Fact]
        public void CraftedMetainfoWithSafeElementsIsAccepted()
        {
            var metainfo = CraftedMetainfo(new[] { "t", "ok", "fine.bin" });
            var storage = new TorrentContentStorage(metainfo, new InMemoryFileSystem());
            Assert.Equal("t/ok/fine.bin", storage.GetPath(0));
        }

        [Fact]
        public async Task DiskFullSurfacesAsStorageException()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            fs.Faults.CapacityBytes = InMemoryFileSystem.PageSize;
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(0, t.Piece(0), None);
            var e = await Assert.ThrowsAsync<StorageException>(async () => await storage.WriteAsync(32_768, t.Piece(2), None));
            Assert.Equal(StorageErrorKind.DiskFull, e.Kind);
            Assert.Equal("Movie/b/sub/c.bin", e.Path);

            fs.Faults.CapacityBytes = null;
            await storage.WriteAsync(32_768, t.Piece(2), None);
            Assert.True(await storage.VerifyPieceAsync(2, None));
        }

        [Fact]
        public async Task AFailedWriteOrOpenLeavesTheStorageUsable()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 1);

            fs.Faults.FailWriteNumber = 1;
            var io = await Assert.ThrowsAsync<StorageException>(async () => await storage.WriteAsync(0, t.Piece(0), None));
            Assert.Equal(StorageErrorKind.IOError, io.Kind);

            fs.Faults.FailOpens("Movie/d.bin", StorageErrorKind.AccessDenied);
            var denied = await Assert.ThrowsAsync<StorageException>(async () => await storage.WriteAsync(81_920, t.Piece(5), None));
            Assert.Equal(StorageErrorKind.AccessDenied, denied.Kind);
            Assert.Equal(0, storage.OpenFileCount);

            fs.Faults.Reset();
            await storage.WriteAsync(0, t.Space, None);
            Assert.True(await storage.VerifyPieceAsync(0, None));
            Assert.True(await storage.VerifyPieceAsync(5, None));
            Assert.Equal(1, storage.OpenFileCount);
        }

        [Fact]
        public async Task WritesCreateMissingDirectoriesWithoutPrepare()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(32_768, t.Piece(2), None);
            Assert.True((await fs.StatAsync("Movie/b/sub")).IsDirectory);
            Assert.Equal(StorageTorrent.PieceLength, (await fs.StatAsync("Movie/b/sub/c.bin")).Size);
        }

        [Fact]
        public async Task AFileReadFirstCanBeWrittenAfterwards()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("Movie/a.bin", t.ContentOf("Movie/a.bin").Take(100).ToArray());
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 1);

            // The read opens a.bin read-only; the write must replace that handle (a read-only one refuses writes).
            Assert.True(await storage.TryReadAsync(0, new byte[100], None));
            await storage.WriteAsync(0, t.Space.AsMemory(0, 20_000), None);
            Assert.True(await storage.VerifyPieceAsync(0, None)); // piece 0 lies wholly in a.bin
            Assert.Equal(t.ContentOf("Movie/a.bin"), fs.ReadAllBytes("Movie/a.bin"));
            Assert.Equal(1, fs.OpenHandleCount);
            Assert.Equal(1, fs.PeakOpenHandleCount);
        }

        [Fact]
        public async Task CloseFilesClosesEverythingAndLaterCallsReopen()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(0, t.Space, None);
            Assert.Equal(3, fs.OpenHandleCount);
            await storage.FlushAsync(None);
            Assert.Equal(3, storage.OpenFileCount);

            await storage.CloseFilesAsync();
            Assert.Equal(0, fs.OpenHandleCount);
            Assert.Equal(0, storage.OpenFileCount);
            Assert.True(await storage.VerifyPieceAsync(5, None));
            Assert.Equal(1, fs.OpenHandleCount);
        }

        [Fact]
        public async Task DisposeClosesFilesAndRefusesLaterCalls()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(0, t.Space, None);
            await storage.DisposeAsync();
            await storage.DisposeAsync();
            Assert.Equal(0, fs.OpenHandleCount);
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await storage.WriteAsync(0, t.Piece(0), None));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await storage.TryReadAsync(0, new byte[1], None));
        }

        [Fact]
        public async Task DeleteFilesRemovesOnlyThisTorrentsFilesAndTheDirectoriesLeftEmpty()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("Other/keep.bin", new byte[] { 1 });
            fs.WriteAllBytes("Movie/notes.txt", new byte[] { 2 });
            await fs.CreateDirectoryAsync("Movie/user-dir", recursive: false);
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.PrepareAsync(None);
            await storage.WriteAsync(0, t.Space, None);

            await storage.DeleteFilesAsync(null, None);

            Assert.Equal(new[] { "Movie", "Other" }, await fs.ReadDirectoryAsync(string.Empty));
            Assert.Equal(new[] { "notes.txt", "user-dir" }, await fs.ReadDirectoryAsync("Movie"));
            Assert.Equal(new byte[] { 1 }, fs.ReadAllBytes("Other/keep.bin"));
            Assert.Equal(0, fs.OpenHandleCount);
            Assert.Equal(2L * InMemoryFileSystem.PageSize, fs.AllocatedBytes);
        }

        [Fact]
        public async Task DeleteFilesRemovesTheTorrentFolderWhenNothingElseIsInIt()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("Other/keep.bin", new byte[] { 1 });
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.PrepareAsync(None);
            await storage.WriteAsync(0, t.Piece(0), None); // a partial download: some files were never created

            await storage.DeleteFilesAsync(null, None);

            Assert.Equal(new[] { "Other" }, await fs.ReadDirectoryAsync(string.Empty));

            // The storage still works afterwards: a new write recreates what it needs.
            await storage.WriteAsync(81_920, t.Piece(5), None);
            Assert.True(await storage.VerifyPieceAsync(5, None));
        }

        [Fact]
        public async Task DeleteFilesOfASingleFileTorrentLeavesTheRootAlone()
        {
            var t = await StorageTorrent.SingleFileAsync(40_000);
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("neighbour.iso", new byte[] { 3 });
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(0, t.Space, None);
            Assert.True(await storage.VerifyPieceAsync(2, None));

            await storage.DeleteFilesAsync(null, None);

            Assert.Equal(new[] { "neighbour.iso" }, await fs.ReadDirectoryAsync(string.Empty));
        }

        [Fact]
        public async Task RangesOutsideTheTorrentAreRefused()
        {
            var t = await StorageTorrent.MultiFileAsync();
            await using var storage = new TorrentContentStorage(t.Metainfo, new InMemoryFileSystem());
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await storage.WriteAsync(86_000, new byte[1_000], None));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await storage.TryReadAsync(-1, new byte[1], None));
            await storage.WriteAsync(86_920, ReadOnlyMemory<byte>.Empty, None);
            Assert.True(await storage.TryReadAsync(86_920, Memory<byte>.Empty, None));
        }

        private static Metainfo CraftedMetainfo(IReadOnlyList<string> elements)
        {
            var file = new MetainfoFile(0, elements, string.Join("/", elements), 100, 0, string.Empty, false, 0, 0);
            return new Metainfo(new MetainfoParts
            {
                InfoBytes = new byte[] { (byte)'d', (byte)'e' },
                Name = "t",
                OriginalName = "t",
                PieceLength = 16_384,
                PieceHashes = new byte[20],
                Files = new[] { file },
                TotalSize = 100,
            });
        }
    }
}
