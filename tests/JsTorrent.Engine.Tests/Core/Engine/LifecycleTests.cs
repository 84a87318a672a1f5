using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Stop, start, recheck, removal and shutdown, each leaving nothing behind.</summary>
    public class LifecycleTests
    {
        private static async Task<(SwarmHarness Swarm, SwarmHarness.Node Seeder, TestTorrent Torrent)> SlowSeederAsync(long bandwidth, int size = 2 * 1024 * 1024)
        {
            var torrent = await TestTorrent.SingleFileAsync("movie.mp4", size, 32 * 1024, seed: 21);
            var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.4.1");
            swarm.SetOutbound(seeder, new MemoryLinkOptions { BandwidthBytesPerSecond = bandwidth });
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            return (swarm, seeder, torrent);
        }

        [Fact]
        public async Task StopMidTransferClosesEverythingAndStartResumesToCompletion()
        {
            var (swarm, seeder, torrent) = await SlowSeederAsync(1024 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.4.2");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.VerifiedPieceCount >= 4, "some pieces arrived");

            await download.StopAsync();
            Assert.Equal(TorrentState.Stopped, download.State);
            Assert.Equal(TorrentUserState.Stopped, download.UserState);
            await EngineWait.UntilAsync(() => leecher.Engine.LiveConnections == 0, "the connection is closed");
            Assert.Equal(0, leecher.FileSystem.OpenHandleCount);
            Assert.True(download.VerifiedPieceCount < torrent.Metainfo.PieceCount);

            await download.StartAsync();
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the download resumes and completes");
            torrent.AssertContentIn(leecher.FileSystem);
        }

        [Fact]
        public async Task RecheckAfterCorruptionDropsProgressAndDownloadRepairsIt()
        {
            var (swarm, seeder, torrent) = await SlowSeederAsync(0, 512 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.4.3");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "first download completes");

            await download.StopAsync();
            var bytes = leecher.FileSystem.ReadAllBytes("movie.mp4");
            for (int i = 100_000; i < 100_100; i++)
            {
                bytes[i] ^= 0xFF;
            }

            leecher.FileSystem.WriteAllBytes("movie.mp4", bytes);
            var reports = new ConcurrentQueue<double>();
            await download.RecheckAsync(new Protocol.SynchronousProgress<double>(reports.Enqueue));
            Assert.Equal(torrent.Metainfo.PieceCount - 1, download.VerifiedPieceCount);
            Assert.True(download.Progress < 1.0);
            Assert.Equal(1.0, reports.Last(), 3);
            Assert.Equal(TorrentState.Stopped, download.State);

            await download.StartAsync();
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the corrupted piece is fetched again");
            torrent.AssertContentIn(leecher.FileSystem);
        }

        [Fact]
        public async Task RemovalMidTransferReleasesConnectionsFilesAndBuffers()
        {
            var (swarm, seeder, torrent) = await SlowSeederAsync(1024 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.4.4");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.VerifiedPieceCount >= 2, "the transfer is under way");

            await leecher.Engine.RemoveTorrentAsync(download, deleteData: true);
            Assert.Empty(leecher.Engine.Torrents);
            Assert.Null(leecher.Engine.GetTorrent(torrent.Metainfo.InfoHash));
            await EngineWait.UntilAsync(() => leecher.Engine.LiveConnections == 0 && leecher.Engine.OutstandingBuffers == 0, "every connection and buffer is released");
            Assert.Equal(0, leecher.FileSystem.OpenHandleCount);
            Assert.False(await leecher.FileSystem.ExistsAsync("movie.mp4"));
            Assert.Equal(TorrentState.Stopped, download.State);
            await Assert.ThrowsAsync<InvalidOperationException>(() => download.StartAsync());
        }

        [Fact]
        public async Task DisposingEnginesLeavesNoSocketListenerOrBuffer()
        {
            var (swarm, seeder, torrent) = await SlowSeederAsync(2 * 1024 * 1024);
            var leecher = await swarm.AddNodeAsync("10.0.4.5");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.VerifiedPieceCount >= 2, "the transfer is under way");

            await swarm.DisposeAsync();
            Assert.Equal(0, swarm.Network.OpenSocketCount);
            Assert.Equal(0, swarm.Network.ListenerCount);
            Assert.Equal(0, leecher.Engine.OutstandingBuffers);
            Assert.Equal(0, seeder.Engine.OutstandingBuffers);
            Assert.Equal(0, leecher.FileSystem.OpenHandleCount);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => leecher.Engine.AddTorrentAsync(torrent.Metainfo));
        }

        [Fact]
        public async Task AddingTheSameTorrentTwiceReturnsTheFirst()
        {
            var torrent = await TestTorrent.SingleFileAsync("one.bin", 40_000, 16 * 1024);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.4.6");
            var first = await node.Engine.AddTorrentAsync(torrent.Metainfo);
            var second = await node.Engine.AddTorrentAsync(torrent.Metainfo.TorrentBytes!);
            Assert.Same(first, second);
            Assert.Single(node.Engine.Torrents);
        }

        [Fact]
        public async Task SlowDiskStopsRequestingOnceThePendingWriteBudgetIsSpent()
        {
            const long budget = 512 * 1024;
            var (swarm, seeder, torrent) = await SlowSeederAsync(0, 16 * 1024 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.4.8", o => o.MaxPendingWriteBytes = budget);
            var hold = leecher.FileSystem.Faults.HoldWrites("movie.mp4");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await hold.Started.WaitAsync(EngineWait.Default);
            await EngineWait.UntilAsync(() => leecher.Engine.Context.PendingWriteBytes >= budget, "the write budget is spent");

            // Requests already on the wire may still land; nothing new is asked for.
            long most = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1))
            {
                most = Math.Max(most, leecher.Engine.Context.PendingWriteBytes);
                await Task.Delay(20);
            }

            long ceiling = budget + (PipelineDepth.MaxDepth * 16L * 1024);
            Assert.True(most <= ceiling, "pending writes peaked at " + most);
            Assert.True(download.BytesDownloaded < torrent.ContentSize / 2, "received " + download.BytesDownloaded + " while the disk was stuck");

            hold.Release();
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the download completes once the disk moves");
            torrent.AssertContentIn(leecher.FileSystem);
            Assert.Equal(0, leecher.Engine.Context.PendingWriteBytes);
        }

        [Fact]
        public async Task DiskFullStopsTheTorrentWithAClearError()
        {
            var (swarm, seeder, torrent) = await SlowSeederAsync(0, 1024 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.4.7");
            leecher.FileSystem.Faults.CapacityBytes = 256 * 1024;
            var errors = new ConcurrentQueue<TorrentErrorEventArgs>();
            leecher.Engine.TorrentError += (_, e) => errors.Enqueue(e);
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Error, "the torrent stops on the full disk");

            Assert.Contains("Storage failed", download.ErrorMessage);
            var error = Assert.Single(errors);
            Assert.Equal(StorageErrorKind.DiskFull, Assert.IsType<StorageException>(error.Exception).Kind);
            await EngineWait.UntilAsync(() => leecher.Engine.LiveConnections == 0, "its connections are closed");
        }
    }
}
