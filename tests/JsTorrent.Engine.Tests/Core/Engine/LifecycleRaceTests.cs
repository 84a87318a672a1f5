using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Lifecycle calls that overlap: each must leave the torrent in a state that tells the truth, and never hang.</summary>
    public class LifecycleRaceTests
    {
        [Fact]
        public async Task RemovingWhileAConnectionAttemptIsPendingSucceeds()
        {
            var torrent = await TestTorrent.SingleFileAsync("one.bin", 400_000, 16 * 1024);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.16.1", o => o.SocketFactory = new SlowConnectFactory(o.SocketFactory!));
            var unreachable = await swarm.AddNodeAsync("10.0.16.99");
            swarm.Network.SetConnectFault(unreachable.Address, unreachable.Port, MemoryConnectFault.Drop);
            var download = await node.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Downloading, "the torrent runs");
            await download.AddPeerAsync(unreachable.Address, unreachable.Port);
            await EngineWait.UntilAsync(
                () => node.Engine.Context.Loop.InvokeAsync(() => Task.FromResult(download.Swarm.Connector.PendingCount == 1)),
                "the connection attempt hangs");

            await node.Engine.RemoveTorrentAsync(download);
            Assert.Empty(node.Engine.Torrents);
            await EngineWait.UntilAsync(() => node.Engine.LiveConnections == 0, "the attempt is released");
        }

        [Fact]
        public async Task StopThenStartDuringTheFirstCheckEndsRunning()
        {
            var torrent = await TestTorrent.SingleFileAsync("big.bin", 32 * 1024 * 1024, 16 * 1024);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.16.2");
            torrent.WriteTo(node.FileSystem);
            var seeding = await node.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Checking, "the first check runs");

            await Task.WhenAll(seeding.StopAsync(), seeding.StartAsync());
            Assert.Equal(TorrentState.Seeding, seeding.State);
            Assert.True(await node.Engine.Context.Loop.InvokeAsync(() => Task.FromResult(seeding.Swarm.Running)), "the swarm runs");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public async Task RemoveDuringARecheckWaitingForTheDiskCompletesBoth(int sizeSteps)
        {
            var (swarm, seeder, torrent) = await SeederAsync("10.0.17." + sizeSteps, sizeSteps * 8 * 1024 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.17." + (10 + sizeSteps));
            var hold = leecher.FileSystem.Faults.HoldWrites("movie.mp4");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await hold.Started.WaitAsync(EngineWait.Default);

            var recheck = download.RecheckAsync();
            var remove = leecher.Engine.RemoveTorrentAsync(download);
            hold.Release();
            await remove.WaitAsync(EngineWait.Default);
            await recheck.WaitAsync(EngineWait.Default);
            Assert.Equal(TorrentState.Stopped, download.State);
            await EngineWait.UntilAsync(() => leecher.Engine.OutstandingBuffers == 0 && leecher.Engine.LiveConnections == 0, "everything is released");
        }

        [Fact]
        public async Task StartDuringARecheckWaitsForTheCheck()
        {
            var (swarm, seeder, torrent) = await SeederAsync("10.0.18.1", 8 * 1024 * 1024);
            await using var _ = swarm;
            var leecher = await swarm.AddNodeAsync("10.0.18.2");
            var hold = leecher.FileSystem.Faults.HoldWrites("movie.mp4");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await hold.Started.WaitAsync(EngineWait.Default);

            var recheck = download.RecheckAsync();
            var start = download.StartAsync();
            hold.Release();
            bool swarmRanDuringCheck = false;
            var clock = Stopwatch.StartNew();
            while (!recheck.IsCompleted && clock.Elapsed < EngineWait.Default)
            {
                swarmRanDuringCheck |= await leecher.Engine.Context.Loop.InvokeAsync(() => Task.FromResult(download.Swarm.Running && download.IsChecking));
            }

            await recheck.WaitAsync(EngineWait.Default);
            await start.WaitAsync(EngineWait.Default);
            Assert.False(swarmRanDuringCheck, "peers were served while the pieces were being checked");
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the download completes after the check");
            torrent.AssertContentIn(leecher.FileSystem);
        }

        private static async Task<(SwarmHarness Swarm, SwarmHarness.Node Seeder, TestTorrent Torrent)> SeederAsync(string address, int size)
        {
            var torrent = await TestTorrent.SingleFileAsync("movie.mp4", size, 32 * 1024, seed: 51);
            var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync(address);
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            return (swarm, seeder, torrent);
        }

        /// <summary>Sockets whose connect completes asynchronously even when it fails, as real sockets do.</summary>
        private sealed class SlowConnectFactory : ISocketFactory
        {
            private readonly ISocketFactory _inner;

            public SlowConnectFactory(ISocketFactory inner) => _inner = inner;

            public ITcpSocket CreateTcpSocket() => new SlowConnectSocket(_inner.CreateTcpSocket());

            public ValueTask<ITcpServer> CreateTcpServerAsync(int port, CancellationToken cancellationToken = default) => _inner.CreateTcpServerAsync(port, cancellationToken);

            public IUdpSocket CreateUdpSocket() => _inner.CreateUdpSocket();
        }

        private sealed class SlowConnectSocket : ITcpSocket
        {
            private readonly ITcpSocket _inner;

            public SlowConnectSocket(ITcpSocket inner) => _inner = inner;

            public string? RemoteAddress => _inner.RemoteAddress;

            public int RemotePort => _inner.RemotePort;

            public async ValueTask ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
            {
                try
                {
                    await _inner.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await Task.Yield();
                }
            }

            public ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => _inner.SendAsync(data, cancellationToken);

            public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReceiveAsync(buffer, cancellationToken);

            public ValueTask StartTlsAsync(string serverName, CancellationToken cancellationToken = default) => _inner.StartTlsAsync(serverName, cancellationToken);

            public void Dispose() => _inner.Dispose();

            public ValueTask DisposeAsync() => _inner.DisposeAsync();
        }
    }
}
