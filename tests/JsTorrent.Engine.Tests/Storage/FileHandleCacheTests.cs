using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Storage
{
    /// <summary>The bounded handle cache, exercised through <see cref="TorrentContentStorage"/>.</summary>
    public class FileHandleCacheTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task SequentialWritesToManyFilesNeverOpenMoreThanTheBound()
        {
            var t = await StorageTorrent.ManyFilesAsync(12);
            var fs = new InMemoryFileSystem();
            await using (var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 3))
            {
                for (int round = 0; round < 2; round++)
                {
                    for (long offset = 0; offset < t.Space.Length; offset += 4_096)
                    {
                        int length = (int)Math.Min(4_096, t.Space.Length - offset);
                        await storage.WriteAsync(offset, t.Space.AsMemory((int)offset, length), CancellationToken.None);
                    }
                }

                Assert.Equal(3, fs.OpenHandleCount);
                for (int piece = 0; piece < t.Metainfo.PieceCount; piece++)
                {
                    Assert.True(await storage.VerifyPieceAsync(piece, CancellationToken.None));
                }
            }

            Assert.Equal(3, fs.PeakOpenHandleCount);
            Assert.Equal(0, fs.OpenHandleCount);
        }

        [Fact]
        public async Task ConcurrentWritesInRandomOrderStayWithinTheBound()
        {
            var t = await StorageTorrent.ManyFilesAsync(12);
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 2);
            var offsets = Enumerable.Range(0, (t.Space.Length + 2_999) / 3_000).Select(i => i * 3_000L).OrderBy(o => (o * 7_919) % 1_009).ToArray();
            await Task.WhenAll(offsets.Select(offset => Task.Run(async () =>
            {
                int length = (int)Math.Min(3_000, t.Space.Length - offset);
                await storage.WriteAsync(offset, t.Space.AsMemory((int)offset, length), CancellationToken.None);
            }))).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(fs.PeakOpenHandleCount <= 2, "peak " + fs.PeakOpenHandleCount);
            var all = new byte[t.Space.Length];
            Assert.True(await storage.TryReadAsync(0, all, CancellationToken.None));
            Assert.Equal(t.Space, all);
        }

        [Fact]
        public async Task ALeasedHandleIsNotClosedAndNewcomersWaitForASlot()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 2);
            var holdA = fs.Faults.HoldWrites("Movie/a.bin");
            var holdC = fs.Faults.HoldWrites("Movie/b/sub/c.bin");

            var writeA = storage.WriteAsync(0, t.Space.AsMemory(0, 100), CancellationToken.None).AsTask();
            await holdA.Started.WaitAsync(Timeout);
            var writeC = storage.WriteAsync(32_768, t.Space.AsMemory(32_768, 100), CancellationToken.None).AsTask();
            await holdC.Started.WaitAsync(Timeout);

            // Both slots are leased by writes in flight: the third file must wait rather than close one of them
            // (a handle closed under a held write would fail it with ObjectDisposedException).
            var writeD = storage.WriteAsync(81_920, t.Space.AsMemory(81_920, 100), CancellationToken.None).AsTask();
            Assert.False(writeD.IsCompleted);
            Assert.Equal(2, fs.OpenHandleCount);
            Assert.False(await fs.ExistsAsync("Movie/d.bin"));

            holdA.Release();
            await writeA.WaitAsync(Timeout);
            await writeD.WaitAsync(Timeout);
            Assert.Equal(t.Space.AsSpan(81_920, 100).ToArray(), fs.ReadAllBytes("Movie/d.bin"));
            Assert.False(writeC.IsCompleted);

            holdC.Release();
            await writeC.WaitAsync(Timeout);
            Assert.Equal(2, fs.PeakOpenHandleCount); // d.bin was opened only after a.bin was closed
            Assert.Equal(t.Space.AsSpan(0, 100).ToArray(), fs.ReadAllBytes("Movie/a.bin"));
            Assert.Equal(t.Space.AsSpan(32_768, 100).ToArray(), fs.ReadAllBytes("Movie/b/sub/c.bin"));
        }

        [Fact]
        public async Task CloseFilesWaitsForWritesInFlight()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await storage.WriteAsync(81_920, t.Piece(5), CancellationToken.None);
            var hold = fs.Faults.HoldWrites("Movie/a.bin");
            var write = storage.WriteAsync(0, t.Piece(0), CancellationToken.None).AsTask();
            await hold.Started.WaitAsync(Timeout);

            var close = storage.CloseFilesAsync().AsTask();
            Assert.False(close.IsCompleted);
            Assert.Equal(1, fs.OpenHandleCount); // the idle d.bin is closed at once, a.bin when its write is done

            hold.Release();
            await write.WaitAsync(Timeout);
            await close.WaitAsync(Timeout);
            Assert.Equal(0, fs.OpenHandleCount);
            Assert.True(await storage.VerifyPieceAsync(0, CancellationToken.None));
        }

        [Fact]
        public async Task AWaiterCanBeCancelled()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 1);
            var hold = fs.Faults.HoldWrites("Movie/a.bin");
            var write = storage.WriteAsync(0, t.Piece(0), CancellationToken.None).AsTask();
            await hold.Started.WaitAsync(Timeout);

            using var cancellation = new CancellationTokenSource();
            var waiting = storage.WriteAsync(81_920, t.Piece(5), cancellation.Token).AsTask();
            Assert.False(waiting.IsCompleted);
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));

            hold.Release();
            await write.WaitAsync(Timeout);
            await storage.WriteAsync(81_920, t.Piece(5), CancellationToken.None);
            Assert.True(await storage.VerifyPieceAsync(5, CancellationToken.None));
            Assert.Equal(1, fs.PeakOpenHandleCount);
        }

        [Fact]
        public async Task AFailedOpenSharedByWaitersReachesEachAndFreesItsSlot()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var fs = new InMemoryFileSystem();
            fs.Faults.FailOpens("Movie/a.bin", StorageErrorKind.Locked);
            await using var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 1);
            var writes = Enumerable.Range(0, 8).Select(i => Task.Run(async () => await storage.WriteAsync(i * 100, t.Space.AsMemory(i * 100, 100), CancellationToken.None))).ToArray();
            foreach (var write in writes)
            {
                var e = await Assert.ThrowsAsync<StorageException>(() => write.WaitAsync(Timeout));
                Assert.Equal(StorageErrorKind.Locked, e.Kind);
            }

            Assert.Equal(0, storage.OpenFileCount);
            fs.Faults.StopFailingOpens("Movie/a.bin");
            await storage.WriteAsync(0, t.Piece(0), CancellationToken.None);
            Assert.True(await storage.VerifyPieceAsync(0, CancellationToken.None));
        }

        [Fact]
        public async Task MixedConcurrentReadsWritesFlushesAndClosesStayConsistent()
        {
            var t = await StorageTorrent.ManyFilesAsync(10);
            var fs = new InMemoryFileSystem();
            var storage = new TorrentContentStorage(t.Metainfo, fs, maxOpenFiles: 2);
            int pieces = t.Metainfo.PieceCount;
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (int step = 0; step < 60; step++)
                {
                    int piece = ((worker * 31) + (step * 7)) % pieces;
                    long offset = (long)piece * StorageTorrent.PieceLength;
                    switch ((worker + step) % 5)
                    {
                        case 0:
                        case 1:
                            await storage.WriteAsync(offset, t.Piece(piece), CancellationToken.None);
                            break;
                        case 2:
                            await storage.TryReadAsync(offset, new byte[t.Metainfo.GetPieceSize(piece)], CancellationToken.None);
                            break;
                        case 3:
                            await storage.VerifyPieceAsync(piece, CancellationToken.None);
                            break;
                        default:
                            await (step % 2 == 0 ? storage.FlushAsync(CancellationToken.None) : storage.CloseFilesAsync());
                            break;
                    }
                }
            }));
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

            for (int piece = 0; piece < pieces; piece++)
            {
                await storage.WriteAsync((long)piece * StorageTorrent.PieceLength, t.Piece(piece), CancellationToken.None);
                Assert.True(await storage.VerifyPieceAsync(piece, CancellationToken.None));
            }

            await storage.DisposeAsync();
            Assert.True(fs.PeakOpenHandleCount <= 2, "peak " + fs.PeakOpenHandleCount);
            Assert.Equal(0, fs.OpenHandleCount);
            Assert.Equal(0, storage.OpenFileCount);
        }

        [Fact]
        public void TheBoundMustBePositive()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new FileHandleCache(new InMemoryFileSystem(), new[] { "a" }, 0));
        }
    }
}
