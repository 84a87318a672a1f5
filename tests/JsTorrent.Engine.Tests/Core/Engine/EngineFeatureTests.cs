using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Routing, limits, magnets, suspension, events and logs of whole engines.</summary>
    [Collection(TimingSensitive.Name)]
    public class EngineFeatureTests
    {
        [Fact]
        public async Task IncomingConnectionsAreRoutedToTheTorrentTheirHandshakeNames()
        {
            var first = await TestTorrent.SingleFileAsync("first.bin", 300_000, 32 * 1024, seed: 41);
            var second = await TestTorrent.SingleFileAsync("second.bin", 200_000, 32 * 1024, seed: 42);
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.10.1");
            first.WriteTo(seeder.FileSystem);
            second.WriteTo(seeder.FileSystem);
            var seedingFirst = await seeder.Engine.AddTorrentAsync(first.Metainfo);
            var seedingSecond = await seeder.Engine.AddTorrentAsync(second.Metainfo);
            await EngineWait.UntilAsync(() => seedingFirst.State == TorrentState.Seeding && seedingSecond.State == TorrentState.Seeding, "both are seeding");

            var leecher = await swarm.AddNodeAsync("10.0.10.2");
            var download = await leecher.Engine.AddTorrentAsync(second.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the second torrent arrives");
            second.AssertContentIn(leecher.FileSystem);
            Assert.True(seedingSecond.BytesUploaded >= second.ContentSize);
            Assert.Equal(0, seedingFirst.BytesUploaded);
        }

        [Fact]
        public async Task PerTorrentDownloadLimitHoldsTheRate()
        {
            const long limit = 512 * 1024;
            var torrent = await TestTorrent.SingleFileAsync("limited.bin", 4 * 1024 * 1024, 32 * 1024, seed: 43);
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.11.1");
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            var leecher = await swarm.AddNodeAsync("10.0.11.2");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { Stopped = true });
            download.DownloadRateLimit = limit;
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await download.StartAsync();

            await EngineWait.UntilAsync(() => download.BytesDownloaded >= 3 * limit, "a few seconds of limited transfer");
            long measured = download.DownloadRate;
            Assert.InRange(measured, limit * 60 / 100, limit * 125 / 100);
            Assert.True(download.State == TorrentState.Downloading);
        }

        [Fact]
        public async Task MagnetFetchesMetadataFromPeersThenDownloads()
        {
            var torrent = await TestTorrent.CreateAsync("magnet-set", 16 * 1024, pad: false, seed: 44, ("a.bin", 300_000), ("sub/b.bin", 123_457));
            await using var swarm = new SwarmHarness();
            var seeders = new SwarmHarness.Node[2];
            for (int i = 0; i < seeders.Length; i++)
            {
                seeders[i] = await swarm.AddNodeAsync("10.0.12." + (i + 1));
                torrent.WriteTo(seeders[i].FileSystem);
                var seeding = await seeders[i].Engine.AddTorrentAsync(torrent.Metainfo);
                await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "a seeder is ready");
            }

            var leecher = await swarm.AddNodeAsync("10.0.12.9");
            int metadataEvents = 0;
            leecher.Engine.MetadataReceived += (_, _) => Interlocked.Increment(ref metadataEvents);
            string upper = torrent.Metainfo.InfoHash.ToString().ToUpperInvariant();
            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + upper + "&dn=from-magnet"
                + "&x.pe=" + seeders[0].Address + ":" + seeders[0].Port + "&x.pe=" + seeders[1].Address + ":" + seeders[1].Port);
            var fromMagnet = await leecher.Engine.AddTorrentAsync(magnet);
            Assert.Equal(torrent.Metainfo.InfoHash, fromMagnet.InfoHash);
            Assert.Equal("from-magnet", fromMagnet.Name);
            Assert.Same(fromMagnet, leecher.Engine.GetTorrent(InfoHash.Parse(upper)));

            await EngineWait.UntilAsync(() => fromMagnet.State == TorrentState.Seeding, "metadata then every piece arrive");
            Assert.True(fromMagnet.HasMetadata);
            Assert.Equal("magnet-set", fromMagnet.Name);
            Assert.Equal(1, Volatile.Read(ref metadataEvents));
            Assert.Equal(torrent.Metainfo.InfoHash, fromMagnet.Metainfo!.InfoHash);
            torrent.AssertContentIn(leecher.FileSystem);
        }

        [Fact]
        public async Task MagnetWithoutMetadataPeersWaitsInDownloadingMetadata()
        {
            var torrent = await TestTorrent.SingleFileAsync("lonely.bin", 100_000, 16 * 1024, seed: 48);
            await using var swarm = new SwarmHarness();
            var leecher = await swarm.AddNodeAsync("10.0.12.20");
            var other = await swarm.AddNodeAsync("10.0.12.21");
            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + torrent.Metainfo.InfoHash + "&x.pe=" + other.Address + ":" + other.Port);
            var first = await leecher.Engine.AddTorrentAsync(magnet);
            var second = await other.Engine.AddTorrentAsync(magnet);
            await EngineWait.UntilAsync(() => first.ConnectedPeers == 1 && second.ConnectedPeers == 1, "the two metadata-less peers are connected");
            Assert.Equal(TorrentState.DownloadingMetadata, first.State);
            Assert.Equal(TorrentState.DownloadingMetadata, second.State);
            Assert.False(first.HasMetadata);
        }

        [Fact]
        public async Task SuspendStopsEveryTorrentAndResumeFinishesThem()
        {
            var torrent = await TestTorrent.SingleFileAsync("suspend.bin", 2 * 1024 * 1024, 32 * 1024, seed: 45);
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.13.1");
            swarm.SetOutbound(seeder, new MemoryLinkOptions { BandwidthBytesPerSecond = 1024 * 1024 });
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            var leecher = await swarm.AddNodeAsync("10.0.13.2");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.VerifiedPieceCount > 2, "the transfer is under way");

            await leecher.Engine.SuspendAsync();
            Assert.True(leecher.Engine.IsSuspended);
            Assert.Equal(TorrentState.Stopped, download.State);
            Assert.Equal(TorrentUserState.Active, download.UserState);
            await EngineWait.UntilAsync(() => leecher.Engine.LiveConnections == 0, "connections are closed");

            await leecher.Engine.ResumeAsync();
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the download finishes after resuming");
            torrent.AssertContentIn(leecher.FileSystem);
        }

        [Fact]
        public async Task RarestFirstFetchesThePieceOnlyOnePeerHasBeforeCommonOnes()
        {
            const int pieces = 32;
            const int rare = 5;
            var torrent = await TestTorrent.SingleFileAsync("rare.bin", pieces * 16 * 1024, 16 * 1024, seed: 47);
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.15.1");
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");

            var leecher = await swarm.AddNodeAsync("10.0.15.2");
            var order = new ConcurrentQueue<int>();
            leecher.Engine.PieceVerified += (_, e) => order.Enqueue(e.Piece);
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Downloading, "the leecher is running");

            // Two peers that have every piece but the rare one, and never unchoke: they only shape availability.
            var bits = new byte[pieces / 8];
            bits.AsSpan().Fill(0xFF);
            bits[rare / 8] = unchecked((byte)(bits[rare / 8] & ~(0x80 >> (rare % 8))));
            using var timeout = new CancellationTokenSource(EngineWait.Default);
            var others = new RawPeer[2];
            for (int i = 0; i < others.Length; i++)
            {
                var host = swarm.Network.CreateHost("10.0.15." + (10 + i));
                others[i] = await RawPeer.ConnectAsync(host, leecher.Address, leecher.Port, torrent.Metainfo.InfoHash, timeout.Token);
                await others[i].SendAsync(span => JsTorrent.Engine.Protocol.Wire.PeerMessageWriter.WriteBitfield(span, bits), timeout.Token);
            }

            await EngineWait.UntilAsync(
                async () => (await download.GetPeersAsync()).Count(p => p.Progress > 0.9) == 2,
                "both partial peers' bitfields are known");
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the download completes from the seeder");

            Assert.Contains(rare, order.Take(2));
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }

        [Fact]
        public async Task EventsAndLogsTellTheStoryOfADownload()
        {
            var torrent = await TestTorrent.SingleFileAsync("events.bin", 200_000, 16 * 1024, seed: 46);
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.14.1");
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");

            var logged = new ConcurrentQueue<LogEntry>();
            var leecher = await swarm.AddNodeAsync("10.0.14.2", o => o.OnLog = logged.Enqueue);
            var states = new ConcurrentQueue<TorrentState>();
            var verified = new ConcurrentQueue<int>();
            int completed = 0;
            int added = 0;
            leecher.Engine.TorrentAdded += (_, _) => Interlocked.Increment(ref added);
            leecher.Engine.StateChanged += (_, e) => states.Enqueue(e.Current);
            leecher.Engine.PieceVerified += (_, e) => verified.Enqueue(e.Piece);
            leecher.Engine.TorrentCompleted += (_, _) => Interlocked.Increment(ref completed);
            leecher.Engine.StateChanged += (_, _) => throw new InvalidOperationException("a subscriber's bug");

            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => Volatile.Read(ref completed) == 1, "the completed event");

            Assert.Equal(1, added);
            Assert.Equal(new[] { TorrentState.Downloading, TorrentState.Seeding }, states.ToArray());
            Assert.Equal(Enumerable.Range(0, torrent.Metainfo.PieceCount), verified.OrderBy(p => p));
            string hash = torrent.Metainfo.InfoHash.ToString();
            var entries = leecher.Engine.Log.Buffer.GetEntries(new LogFilter { InstanceValue = hash.ToUpperInvariant(), Component = "torrent" });
            Assert.Contains(entries, e => e.Message.Contains("Download complete"));
            Assert.Contains(logged, e => e.Level == LogLevel.Error && e.Message.Contains("event handler"));
        }
    }
}
