using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Peer exchange (BEP 11) between whole engines, and against hand-driven peers.</summary>
    public class PeerExchangeTests
    {
        private const byte RawPexId = 7;
        private const byte RawMetadataId = 3;
        private static readonly TimeSpan ShortPex = TimeSpan.FromMilliseconds(200);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task LeecherLearnsTheSeedFromAMiddlePeerAndConnectsToIt(bool seedDialsMiddle)
        {
            var torrent = await TestTorrent.SingleFileAsync("pex.bin", 1024 * 1024, 32 * 1024, seed: 61);
            await using var swarm = new SwarmHarness();

            // A takes no part in PEX itself, so only B can have told C about it (and A never dials C).
            var a = await swarm.AddNodeAsync("10.0.7.1", o => o.EnablePeerExchange = false);
            var b = await swarm.AddNodeAsync("10.0.7.2", o => o.PexInterval = ShortPex);
            var c = await swarm.AddNodeAsync("10.0.7.3", o => o.PexInterval = ShortPex);

            // B uploads slowly: C can only finish in time from A.
            swarm.SetOutbound(b, new Adapters.Memory.MemoryLinkOptions { BandwidthBytesPerSecond = 32 * 1024 });
            torrent.WriteTo(a.FileSystem);
            var seeding = await a.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "A is seeding");
            var middle = await b.Engine.AddTorrentAsync(torrent.Metainfo);

            // B must still be downloading from A when C asks: once B is a seed too, the seeds part and B has no A to tell of.
            middle.DownloadRateLimit = 64 * 1024;
            if (seedDialsMiddle)
            {
                // B sees A as incoming: it can advertise A only through the "p" of A's extension handshake.
                await seeding.AddPeerAsync(b.Address, b.Port);
            }
            else
            {
                await middle.AddPeerAsync(a.Address, a.Port);
            }

            await EngineWait.UntilAsync(async () => (await middle.GetPeersAsync()).Any(p => p.Address == a.Address), "B is connected to A");

            var leecher = await c.Engine.AddTorrentAsync(torrent.Metainfo);
            await leecher.AddPeerAsync(b.Address, b.Port);
            await EngineWait.UntilAsync(
                async () => (await leecher.GetPeersAsync()).Any(p => p.Address == a.Address && p.Port == a.Port && !p.IsIncoming),
                "C connects to A's listen endpoint, learned from B");
            await EngineWait.UntilAsync(() => leecher.State == TorrentState.Seeding, "C completes");
            torrent.AssertContentIn(c.FileSystem);
        }

        [Fact]
        public async Task OurHandshakeOffersPexAndTellsThePeerItsAddress()
        {
            var metainfo = await CreateMetainfoAsync(isPrivate: false);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.9.1");
            await node.Engine.AddTorrentAsync(metainfo);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

            await using var raw = await RawPeer.ConnectAsync(swarm.Network.CreateHost("10.0.9.50"), node.Address, node.Port, metainfo.InfoHash, timeout.Token);
            var handshake = ExtensionHandshake.Parse(await raw.ReceiveExtendedAsync(0, timeout.Token));

            Assert.Equal(new byte[] { 10, 0, 9, 50 }, handshake.YourIp);
            Assert.Equal(PeerExchange.LocalId, handshake.GetMessageId("ut_pex"));
            Assert.Equal(Torrent.LocalMetadataId, handshake.GetMessageId("ut_metadata"));
            Assert.Equal(node.Port, handshake.ListenPort);
            Assert.Equal(metainfo.InfoBytes.Length, handshake.MetadataSize);
        }

        [Fact]
        public async Task PeersAreAdvertisedWithFlagsThenDropped()
        {
            var torrent = await TestTorrent.SingleFileAsync("flags.bin", 1024 * 1024, 32 * 1024, seed: 62);
            await using var swarm = new SwarmHarness();
            var seed = await swarm.AddNodeAsync("10.0.8.1", o => o.EnablePeerExchange = false);
            var middle = await swarm.AddNodeAsync("10.0.8.2", o => o.PexInterval = ShortPex);
            swarm.SetOutbound(seed, new Adapters.Memory.MemoryLinkOptions { BandwidthBytesPerSecond = 64 * 1024 });
            torrent.WriteTo(seed.FileSystem);
            var seeding = await seed.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seed is ready");
            var download = await middle.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seed.Address, seed.Port);
            await EngineWait.UntilAsync(async () => (await download.GetPeersAsync()).Any(p => p.Address == seed.Address && p.Progress == 1), "the middle knows it is connected to a seed");

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var raw = await RawPeer.ConnectAsync(swarm.Network.CreateHost("10.0.8.9"), middle.Address, middle.Port, torrent.Metainfo.InfoHash, timeout.Token);
            await SendHandshakeAsync(raw, listenPort: 6000, timeout.Token);
            var first = PexMessage.Parse(await raw.ReceiveExtendedAsync(RawPexId, timeout.Token));

            var advertised = Assert.Single(first.Added);
            Assert.Equal(seed.Address + ":" + seed.Port, advertised.ToString());
            Assert.Equal(PexFlags.Seed | PexFlags.Reachable, advertised.Flags);
            Assert.Empty(first.Dropped);

            await seeding.StopAsync();
            PexMessage later;
            do
            {
                later = PexMessage.Parse(await raw.ReceiveExtendedAsync(RawPexId, timeout.Token));
            }
            while (later.Dropped.Count == 0);

            Assert.Equal(seed.Address + ":" + seed.Port, Assert.Single(later.Dropped).ToString());
            Assert.Empty(later.Added);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task PrivateTorrentsNeitherOfferNorTakePeerExchange(bool isPrivate)
        {
            var metainfo = await CreateMetainfoAsync(isPrivate);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.9.1");
            var torrent = await node.Engine.AddTorrentAsync(metainfo);
            var target = swarm.Network.CreateHost("10.0.9.77");
            await using var targetServer = await target.CreateTcpServerAsync(7000);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

            await using var raw = await RawPeer.ConnectAsync(swarm.Network.CreateHost("10.0.9.50"), node.Address, node.Port, metainfo.InfoHash, timeout.Token);
            var handshake = ExtensionHandshake.Parse(await raw.ReceiveExtendedAsync(0, timeout.Token));
            Assert.Equal(!isPrivate, handshake.MessageIds.ContainsKey("ut_pex"));
            await SendHandshakeAsync(raw, listenPort: null, timeout.Token);

            await raw.SendExtendedAsync(PeerExchange.LocalId, PexMessageWriter.Encode(new[] { new PexPeer("10.0.9.77", 7000, PexFlags.Reachable) }, Array.Empty<PexPeer>()), timeout.Token);
            await RoundTripAsync(raw, timeout.Token);

            Assert.Equal(isPrivate ? 0 : 1, await KnownPeersAsync(node, torrent));
            if (!isPrivate)
            {
                // The public torrent dials what it learned.
                await using var dialled = await targetServer.AcceptAsync(timeout.Token);
                Assert.Equal(node.Address, dialled.RemoteAddress);
            }
        }

        [Fact]
        public async Task MagnetThatTurnsOutPrivateWithdrawsPeerExchange()
        {
            var metainfo = await CreateMetainfoAsync(isPrivate: true);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.9.1");
            var rawHost = swarm.Network.CreateHost("10.0.9.60");
            await using var server = await rawHost.CreateTcpServerAsync(6881);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

            var torrent = await node.Engine.AddTorrentAsync(MagnetLink.Parse("magnet:?xt=urn:btih:" + metainfo.InfoHash));
            var accepting = RawPeer.AcceptAsync(server, metainfo.InfoHash, timeout.Token);
            await torrent.AddPeerAsync("10.0.9.60", 6881);
            await using var raw = await accepting;

            var before = ExtensionHandshake.Parse(await raw.ReceiveExtendedAsync(0, timeout.Token));
            Assert.Equal(PeerExchange.LocalId, before.GetMessageId("ut_pex"));
            Assert.Null(before.MetadataSize);

            // Serve the metadata the way a seed would.
            var ours = new ExtensionHandshake(new Dictionary<string, int> { ["ut_metadata"] = RawMetadataId }) { MetadataSize = metainfo.InfoBytes.Length };
            await raw.SendExtendedAsync(0, ours.Encode(), timeout.Token);
            var request = MetadataMessage.Parse(await raw.ReceiveExtendedAsync(RawMetadataId, timeout.Token));
            Assert.Equal(MetadataMessageType.Request, request.Type);
            Assert.Equal(0, request.Piece);
            await raw.SendExtendedAsync(Torrent.LocalMetadataId, MetadataMessage.EncodeData(0, metainfo.InfoBytes.Length, metainfo.InfoBytes), timeout.Token);

            var after = ExtensionHandshake.Parse(await raw.ReceiveExtendedAsync(0, timeout.Token));
            Assert.True(after.MessageIds.ContainsKey("ut_pex"));
            Assert.Equal(0, after.GetMessageId("ut_pex"));
            Assert.True(torrent.HasMetadata);

            // From now on a PEX message is ignored.
            int known = await KnownPeersAsync(node, torrent);
            await raw.SendExtendedAsync(PeerExchange.LocalId, PexMessageWriter.Encode(new[] { new PexPeer("10.0.9.78", 7000, PexFlags.None) }, Array.Empty<PexPeer>()), timeout.Token);
            await RoundTripAsync(raw, timeout.Token);
            Assert.Equal(known, await KnownPeersAsync(node, torrent));
        }

        [Fact]
        public async Task MessagesSentTooOftenAreIgnoredAfterTheFirstTwo()
        {
            var metainfo = await CreateMetainfoAsync(isPrivate: false);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.9.1");
            var torrent = await node.Engine.AddTorrentAsync(metainfo);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await using var raw = await RawPeer.ConnectAsync(swarm.Network.CreateHost("10.0.9.50"), node.Address, node.Port, metainfo.InfoHash, timeout.Token);
            await SendHandshakeAsync(raw, listenPort: null, timeout.Token);

            for (int i = 1; i <= 4; i++)
            {
                var payload = PexMessageWriter.Encode(new[] { new PexPeer("10.0.20." + i, 7000, PexFlags.None) }, Array.Empty<PexPeer>());
                await raw.SendExtendedAsync(PeerExchange.LocalId, payload, timeout.Token);
            }

            await RoundTripAsync(raw, timeout.Token);
            Assert.Equal(2, await KnownPeersAsync(node, torrent));
        }

        [Theory]
        [InlineData("not bencode", false, 0)]
        [InlineData("a list", false, 0)]
        [InlineData("an integer", false, 0)]
        [InlineData("odd length", true, 0)]
        [InlineData("wrong types", true, 0)]
        [InlineData("huge list", true, PexMessage.MaxPeersPerList)]
        [InlineData("flags mismatch", true, 2)]
        [InlineData("one address under two ports", true, 1)]
        public async Task GarbagePexMessagesLeaveTheEngineWorking(string garbage, bool staysOpen, int expectedKnown)
        {
            var metainfo = await CreateMetainfoAsync(isPrivate: false);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.9.1");
            var torrent = await node.Engine.AddTorrentAsync(metainfo);
            var host = swarm.Network.CreateHost("10.0.9.50");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await using var raw = await RawPeer.ConnectAsync(host, node.Address, node.Port, metainfo.InfoHash, timeout.Token);
            await SendHandshakeAsync(raw, listenPort: null, timeout.Token);

            await raw.SendExtendedAsync(PeerExchange.LocalId, Garbage(garbage), timeout.Token);

            if (staysOpen)
            {
                await RoundTripAsync(raw, timeout.Token);
            }
            else
            {
                while ((await raw.ReceiveAsync(timeout.Token)).Open)
                {
                }

                // The engine goes on serving other peers.
                await using var next = await RawPeer.ConnectAsync(host, node.Address, node.Port, metainfo.InfoHash, timeout.Token);
                await SendHandshakeAsync(next, listenPort: null, timeout.Token);
                await RoundTripAsync(next, timeout.Token);
            }

            Assert.Equal(expectedKnown, await KnownPeersAsync(node, torrent));
            Assert.Null(torrent.ErrorMessage);
        }

        private static byte[] Garbage(string kind)
        {
            switch (kind)
            {
                case "not bencode":
                    return System.Text.Encoding.ASCII.GetBytes("this is not bencode");
                case "a list":
                    return System.Text.Encoding.ASCII.GetBytes("l5:addede");
                case "an integer":
                    return System.Text.Encoding.ASCII.GetBytes("i7e");
                case "odd length":
                    return System.Text.Encoding.ASCII.GetBytes("d5:added7:1234567e");
                case "wrong types":
                    return System.Text.Encoding.ASCII.GetBytes("d5:addedi5e7:droppedlee");
                case "huge list":
                    var peers = Enumerable.Range(0, 1000).Select(i => new PexPeer("10.1." + (i / 250) + "." + ((i % 250) + 1), 6881, PexFlags.None)).ToArray();
                    var entries = new List<byte>();
                    foreach (var peer in peers)
                    {
                        entries.AddRange(CompactAddress.ToBytes(peer.Host)!);
                        entries.Add(0x1A);
                        entries.Add(0xE1);
                    }

                    return Bencode("added", entries.ToArray());
                case "flags mismatch":
                    var two = new byte[] { 10, 2, 0, 1, 0x1A, 0xE1, 10, 2, 0, 2, 0x1A, 0xE1 };
                    var bytes = new List<byte>(Bencode("added", two));
                    bytes.RemoveAt(bytes.Count - 1);
                    bytes.AddRange(System.Text.Encoding.ASCII.GetBytes("7:added.f5:abcdee"));
                    return bytes.ToArray();
                case "one address under two ports":
                    return Bencode("added", new byte[] { 10, 3, 0, 1, 0x1B, 0x58, 10, 3, 0, 1, 0x1B, 0x59 });
                default:
                    throw new ArgumentException(kind);
            }
        }

        private static byte[] Bencode(string key, byte[] value)
        {
            var bytes = new List<byte>(System.Text.Encoding.ASCII.GetBytes("d" + key.Length + ":" + key + value.Length + ":"));
            bytes.AddRange(value);
            bytes.Add((byte)'e');
            return bytes.ToArray();
        }

        /// <summary>Offers ut_metadata and ut_pex to the engine under the raw peer's ids.</summary>
        private static async Task SendHandshakeAsync(RawPeer raw, int? listenPort, CancellationToken cancellationToken)
        {
            var handshake = new ExtensionHandshake(new Dictionary<string, int> { ["ut_metadata"] = RawMetadataId, ["ut_pex"] = RawPexId })
            {
                ListenPort = listenPort,
            };
            await raw.SendExtendedAsync(0, handshake.Encode(), cancellationToken);
        }

        /// <summary>
        /// Asks for metadata piece 0 and waits for the answer: the engine reads a connection's messages
        /// in order, so everything sent before has been handled once the answer is here.
        /// </summary>
        private static async Task RoundTripAsync(RawPeer raw, CancellationToken cancellationToken)
        {
            await raw.SendExtendedAsync(Torrent.LocalMetadataId, MetadataMessage.EncodeRequest(0), cancellationToken);
            Assert.NotNull(await raw.ReceiveExtendedAsync(RawMetadataId, cancellationToken));
        }

        private static Task<int> KnownPeersAsync(SwarmHarness.Node node, Torrent torrent) =>
            node.Engine.Context.Loop.InvokeAsync(() => Task.FromResult(torrent.Swarm.Connector.KnownCount));

        private static Task<Metainfo> CreateMetainfoAsync(bool isPrivate)
        {
            var content = new byte[100_000];
            new Random(isPrivate ? 5 : 6).NextBytes(content);
            var file = new TorrentSourceFile(Array.Empty<string>(), content.Length, () => new MemoryStream(content, writable: false));
            return TorrentCreator.CreateAsync(
                TorrentSource.SingleFile(isPrivate ? "private.bin" : "public.bin", file),
                new TorrentCreationOptions { PieceLength = 16 * 1024, IsPrivate = isPrivate });
        }
    }
}
