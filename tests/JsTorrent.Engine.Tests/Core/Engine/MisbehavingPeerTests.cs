using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Hostile peers: corrupt data gets them banned, garbage gets them disconnected, and the engine carries on.</summary>
    public class MisbehavingPeerTests
    {
        [Fact]
        public async Task PeerSendingCorruptBlocksIsBannedAndDownloadCompletesFromHonestPeer()
        {
            var torrent = await TestTorrent.SingleFileAsync("data.bin", 512 * 1024, 32 * 1024, seed: 9);
            await using var swarm = new SwarmHarness();
            var honest = await swarm.AddNodeAsync("10.0.2.1");
            swarm.SetOutbound(honest, new Adapters.Memory.MemoryLinkOptions { BandwidthBytesPerSecond = 512 * 1024 });
            torrent.WriteTo(honest.FileSystem);
            var seeding = await honest.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the honest seeder is ready");

            var leecher = await swarm.AddNodeAsync("10.0.2.2");
            var evilHost = swarm.Network.CreateHost("10.0.2.66");
            await using var evilServer = await evilHost.CreateTcpServerAsync(6881);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var evil = ServeGarbageBlocksAsync(evilServer, torrent, stop.Token);

            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync("10.0.2.66", 6881);
            await download.AddPeerAsync(honest.Address, honest.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the leecher completes from the honest seeder");

            torrent.AssertContentIn(leecher.FileSystem);
            Assert.True(leecher.Engine.Context.Bans.IsBanned("10.0.2.66"), "the corrupting peer is banned");
            Assert.True(download.WastedBytes > 0);
            stop.Cancel();
            int corruptBlocksSent = await evil;
            Assert.True(corruptBlocksSent > 0, "the hostile peer did get to send bad data");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public async Task GarbageAfterHandshakeClosesOnlyThatConnection(int seed)
        {
            var torrent = await TestTorrent.SingleFileAsync("data.bin", 256 * 1024, 16 * 1024, seed: 11);
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.3.1");
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");

            var fuzzHost = swarm.Network.CreateHost("10.0.3.99");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var random = new Random(seed);
            for (int round = 0; round < 20; round++)
            {
                await using var raw = await RawPeer.ConnectAsync(fuzzHost, seeder.Address, seeder.Port, torrent.Metainfo.InfoHash, timeout.Token);
                var garbage = new byte[random.Next(1, 4096)];
                random.NextBytes(garbage);
                if (round % 2 == 0)
                {
                    // A plausible length prefix with a random id makes the parser go deeper.
                    garbage[0] = 0;
                    garbage[1] = 0;
                }

                await raw.SendAsync(garbage, timeout.Token);
            }

            // The engine still serves a well-behaved peer.
            var leecher = await swarm.AddNodeAsync("10.0.3.2");
            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "a normal leecher still completes");
            torrent.AssertContentIn(leecher.FileSystem);
            Assert.Null(seeding.ErrorMessage);
        }

        private static async Task<int> ServeGarbageBlocksAsync(Interfaces.ITcpServer server, TestTorrent torrent, CancellationToken cancellationToken)
        {
            int sent = 0;
            try
            {
                await using var peer = await RawPeer.AcceptAsync(server, torrent.Metainfo.InfoHash, cancellationToken);
                await peer.SendAsync(span => PeerMessageWriter.WriteHaveAll(span), cancellationToken);
                await peer.SendAsync(span => PeerMessageWriter.WriteUnchoke(span), cancellationToken);
                var junk = new byte[16 * 1024];
                new Random(1).NextBytes(junk);
                while (true)
                {
                    var message = await peer.ReceiveAsync(cancellationToken);
                    if (!message.Open)
                    {
                        return sent;
                    }

                    if (message.Id == PeerMessageId.Request)
                    {
                        await peer.SendAsync(
                            span =>
                            {
                                int header = PeerMessageWriter.WritePieceHeader(span, message.Index, message.Begin, message.Length);
                                junk.AsSpan(0, message.Length).CopyTo(span.Slice(header));
                                return header + message.Length;
                            },
                            cancellationToken);
                        sent++;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is Interfaces.NetworkException || ex is ObjectDisposedException)
            {
                return sent;
            }
        }
    }
}
