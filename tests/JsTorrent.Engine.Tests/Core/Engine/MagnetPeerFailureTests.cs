using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    public class MagnetPeerFailureTests
    {
        [Fact]
        public async Task APeerSendingMetadataThatDoesNotHashIsBannedAndTheMagnetCompletesFromAnHonestSeeder()
        {
            var torrent = await TestTorrent.CreateAsync("forged-set", 16 * 1024, pad: false, seed: 71, ("a.bin", 200_000), ("b/c.bin", 77_777));
            await using var swarm = new SwarmHarness();
            var honest = await swarm.AddNodeAsync("10.0.14.1");
            torrent.WriteTo(honest.FileSystem);
            var seeding = await honest.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the honest seeder is ready");

            var leecher = await swarm.AddNodeAsync("10.0.14.2");
            var liarHost = swarm.Network.CreateHost("10.0.14.66");
            await using var liarServer = await liarHost.CreateTcpServerAsync(6881);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var liar = ServeForgedMetadataAsync(liarServer, torrent.Metainfo, stop.Token);

            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + torrent.Metainfo.InfoHash + "&x.pe=10.0.14.66:6881");
            var download = await leecher.Engine.AddTorrentAsync(magnet);
            await EngineWait.UntilAsync(() => leecher.Engine.Context.Bans.IsBanned("10.0.14.66"), "the forger is banned");
            Assert.Equal(TorrentState.DownloadingMetadata, download.State);
            Assert.False(download.HasMetadata);

            await download.AddPeerAsync(honest.Address, honest.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "metadata and content come from the honest seeder");
            Assert.Equal(torrent.Metainfo.InfoHash, download.Metainfo!.InfoHash);
            torrent.AssertContentIn(leecher.FileSystem);
            stop.Cancel();
            Assert.True(await liar, "the forger got to send its forged metadata");
        }

        [Fact]
        public async Task AMagnetWhosePeersNeverAnswerRetriesWithBackoffAndStopsPromptly()
        {
            var torrent = await TestTorrent.SingleFileAsync("silent.bin", 50_000, 16 * 1024, seed: 72);
            await using var swarm = new SwarmHarness();
            var leecher = await swarm.AddNodeAsync("10.0.14.20", o => o.ConnectTimeout = TimeSpan.FromMilliseconds(200));
            leecher.Engine.Log.SetComponentLevel(LogComponents.Peer, LogLevel.Debug);
            swarm.Network.CreateHost("10.0.14.21");
            swarm.Network.SetConnectFault("10.0.14.21", 6881, Adapters.Memory.MemoryConnectFault.Drop);
            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + torrent.Metainfo.InfoHash + "&x.pe=10.0.14.21:6881&x.pe=10.0.14.22:6881");
            var download = await leecher.Engine.AddTorrentAsync(magnet);

            var silentFailures = new LogFilter { Component = LogComponents.Peer, InstanceValue = "10.0.14.21:6881" };
            var absentFailures = new LogFilter { Component = LogComponents.Peer, InstanceValue = "10.0.14.22:6881" };
            await EngineWait.UntilAsync(
                () => leecher.Engine.Log.Buffer.GetEntries(silentFailures).Count(e => e.Message.StartsWith("Closed", StringComparison.Ordinal)) >= 2
                    && leecher.Engine.Log.Buffer.GetEntries(absentFailures).Count(e => e.Message.StartsWith("Closed", StringComparison.Ordinal)) >= 2,
                "both dead peers were tried again after their first failure");
            Assert.Equal(TorrentState.DownloadingMetadata, download.State);
            Assert.Null(download.ErrorMessage);
            Assert.Equal(0, download.ConnectedPeers);

            await download.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(TorrentState.Stopped, download.State);
        }

        /// <summary>Accepts one connection, announces the right metadata size and sends every piece of a forged copy, unasked.</summary>
        private static async Task<bool> ServeForgedMetadataAsync(ITcpServer server, Metainfo metainfo, CancellationToken cancellationToken)
        {
            await using var peer = await RawPeer.AcceptAsync(server, metainfo.InfoHash, cancellationToken);
            byte[] forged = (byte[])metainfo.InfoBytes.Clone();
            forged[forged.Length / 2] ^= 0x20;
            var handshake = new ExtensionHandshake(new[] { new KeyValuePair<string, int>("ut_metadata", 3) }) { MetadataSize = forged.Length };
            byte[] payload = handshake.Encode();
            await peer.SendAsync(span => PeerMessageWriter.WriteExtended(span, 0, payload), cancellationToken);
            for (int piece = 0; piece * MetadataMessage.PieceSize < forged.Length; piece++)
            {
                int offset = piece * MetadataMessage.PieceSize;
                byte[] data = MetadataMessage.EncodeData(piece, forged.Length, forged.AsSpan(offset, Math.Min(MetadataMessage.PieceSize, forged.Length - offset)));
                await peer.SendAsync(span => PeerMessageWriter.WriteExtended(span, 1, data), cancellationToken);
            }

            // Read until the engine hangs up (the ban closes the connection).
            while ((await peer.ReceiveAsync(cancellationToken)).Open)
            {
            }

            return true;
        }
    }
}
