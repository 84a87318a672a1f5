using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    public sealed class UdpTrackerSocketTests
    {
        private static readonly TimeSpan Timeout = UdpTrackerHarness.Timeout;

        [Fact]
        public async Task TheSocketIsBoundOnFirstUseAndClosedOnDispose()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            Assert.Equal(0, h.Client.UdpSocketCount);
            Assert.Equal(0, h.Socket.LocalPort);

            await h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            await h.CreateClient(h.AnnounceUrl + "?second").ScrapeAsync(default, CancellationToken.None).WaitAsync(Timeout);

            // One socket for every client, and the tracker saw every request come from it.
            Assert.Equal(1, h.Client.UdpSocketCount);
            Assert.InRange(h.Socket.LocalPort, 1, 65535);
            Assert.All(h.Tracker.Requests, r => Assert.Equal(h.Socket.LocalPort, r.Port));
            Assert.Equal(4, h.Socket.DatagramsReceived);

            await h.Socket.DisposeAsync().AsTask().WaitAsync(Timeout);
            await h.Socket.DisposeAsync().AsTask().WaitAsync(Timeout);
            Assert.Equal(0, h.Client.UdpSocketCount);
        }

        [Fact]
        public async Task TransactionIdsAreDrawnFromTheRandomAndNeverCollideAmongPendingRequests()
        {
            var random = new ScriptedRandom(0xABCD, 0x0001, 0xABCD, 0x0001, 0x0000, 0x0002, 0xABCD, 0x0001);
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync(random: random);

            UdpTrackerTransaction first = await h.Socket.BeginAsync("10.0.0.2", 6969, CancellationToken.None).WaitAsync(Timeout);
            UdpTrackerTransaction second = await h.Socket.BeginAsync("10.0.0.2", 6969, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(0xABCD0001u, first.Id);

            // The repeated draw was pending already, so the socket drew again.
            Assert.Equal(0x00000002u, second.Id);
            Assert.Equal(2, h.Socket.PendingCount);

            first.Dispose();
            using UdpTrackerTransaction third = await h.Socket.BeginAsync("10.0.0.2", 6969, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(0xABCD0001u, third.Id);
            second.Dispose();
            Assert.Equal(1, h.Socket.PendingCount);
        }

        [Fact]
        public async Task StrayDatagramsAreIgnoredAndCountedWhileTheRightReplyGetsThrough()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            MemorySocketFactory other = h.Network.CreateHost("10.0.0.3");
            Assert.True(h.Network.TryGetHost("10.0.0.2", out MemorySocketFactory trackerHost));
            await using IUdpSocket spoofer = other.CreateUdpSocket();
            await using IUdpSocket sidePort = trackerHost.CreateUdpSocket();
            h.Tracker.Script = r => r.Action == 1 ? Array.Empty<byte[]>() : null;

            Task<AnnounceResponse> announce = h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None);
            FakeUdpRequest request = await NextAnnounceAsync(h.Tracker);
            byte[] spoofed = FakeUdpTracker.AnnounceReply(request.TransactionId, 60, 0, 0, FakeUdpTracker.Peers(("6.6.6.6", 666)));
            byte[] real = FakeUdpTracker.AnnounceReply(request.TransactionId, 60, 1, 2, FakeUdpTracker.Peers(("1.1.1.1", 1111)));

            // Each lands in the client's queue in this order, ahead of the real reply.
            await h.Tracker.ReplyAsync(request, new byte[] { 0, 0, 0, 1, 0, 0, 0 });
            await h.Tracker.ReplyAsync(request, FakeUdpTracker.AnnounceReply(request.TransactionId ^ 0x80000000u, 60, 0, 0, Array.Empty<byte>()));
            await spoofer.SendAsync(spoofed, request.Address, request.Port).AsTask().WaitAsync(Timeout);
            await sidePort.SendAsync(spoofed, request.Address, request.Port).AsTask().WaitAsync(Timeout);
            await h.Tracker.ReplyAsync(request, real);

            AnnounceResponse response = await announce.WaitAsync(Timeout);
            Assert.Equal(new[] { "1.1.1.1:1111" }, response.Peers.Select(p => p.ToString()));
            Assert.Equal(1, h.Socket.IgnoredTooShort);
            Assert.Equal(1, h.Socket.IgnoredUnknownTransaction);
            Assert.Equal(2, h.Socket.IgnoredWrongSender);
            Assert.Equal(6, h.Socket.DatagramsReceived);

            // The loop lives on: a late duplicate is merely unknown now, and the next request works.
            await h.Tracker.ReplyAsync(request, real);
            h.Tracker.Script = null;
            await h.CreateClient().ScrapeAsync(default, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(2, h.Socket.IgnoredUnknownTransaction);
            Assert.Equal(0, h.Socket.ReceiveFailures);
        }

        [Fact]
        public async Task TwoClientsShareTheSocketAndGetTheirOwnRepliesWhenTheyInterleave()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            await using FakeUdpTracker second = await FakeUdpTracker.StartAsync(h.Network.CreateHost("10.0.0.3"), 6969);
            h.Tracker.Script = r => r.Action == 1 ? Array.Empty<byte[]>() : null;
            second.Script = h.Tracker.Script;
            UdpTrackerClient clientA = h.CreateClient();
            UdpTrackerClient clientB = h.CreateClient("udp://10.0.0.3:6969/announce");

            Task<AnnounceResponse> announceA = clientA.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None);
            Task<AnnounceResponse> announceB = clientB.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None);
            FakeUdpRequest requestA = await NextAnnounceAsync(h.Tracker);
            FakeUdpRequest requestB = await NextAnnounceAsync(second);
            Assert.Equal(requestA.Port, requestB.Port);
            Assert.NotEqual(requestA.TransactionId, requestB.TransactionId);
            Assert.Equal(2, h.Socket.PendingCount);

            // Answered in the opposite order.
            await second.ReplyAsync(requestB, FakeUdpTracker.AnnounceReply(requestB.TransactionId, 120, 0, 1, FakeUdpTracker.Peers(("2.2.2.2", 2222))));
            AnnounceResponse responseB = await announceB.WaitAsync(Timeout);
            Assert.False(announceA.IsCompleted);
            await h.Tracker.ReplyAsync(requestA, FakeUdpTracker.AnnounceReply(requestA.TransactionId, 60, 0, 1, FakeUdpTracker.Peers(("1.1.1.1", 1111))));
            AnnounceResponse responseA = await announceA.WaitAsync(Timeout);

            Assert.Equal(("1.1.1.1:1111", 60.0), (responseA.Peers.Single().ToString(), responseA.Interval.TotalSeconds));
            Assert.Equal(("2.2.2.2:2222", 120.0), (responseB.Peers.Single().ToString(), responseB.Interval.TotalSeconds));
            Assert.Equal(0, h.Socket.PendingCount);
            Assert.Equal(1, h.Client.UdpSocketCount);
        }

        [Fact]
        public async Task AReceiveFailureFailsPendingRequestsIsLoggedAndTheNextRequestOpensANewSocket()
        {
            var factory = new ScriptedUdpFactory();
            var log = new EngineLog();
            await using var socket = new UdpTrackerSocket(factory, new Random(7), log.CreateLogger(LogComponents.Tracker));
            var client = new UdpTrackerClient(new Uri("udp://192.0.2.1:6969/announce"), socket, new TrackerOptions { UdpBaseTimeout = TimeSpan.FromSeconds(30) }, () => 0);

            Task<AnnounceResponse> announce = client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None);
            ScriptedUdpSocket broken = await factory.NextSocketAsync();
            await broken.NextSentAsync();
            var failure = new NetworkException(NetworkErrorKind.Other, "The network is down.");
            broken.FailReceive(failure);

            var error = await Assert.ThrowsAsync<TrackerException>(() => announce.WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.Unreachable, error.Kind);
            Assert.Equal("udp://192.0.2.1:6969/announce: The network is down.", error.Message);
            Assert.Same(failure, error.InnerException);
            Assert.Equal(1, socket.ReceiveFailures);
            Assert.True(broken.IsDisposed);
            LogEntry entry = Assert.Single(log.Buffer.GetEntries());
            Assert.Equal((LogLevel.Warning, LogComponents.Tracker), (entry.Level, entry.Component));
            Assert.Same(failure, entry.Exception);

            Task<ScrapeResult> scrape = client.ScrapeAsync(new InfoHash(UdpTrackerHarness.Bytes(20, 1)), CancellationToken.None);
            ScriptedUdpSocket fresh = await factory.NextSocketAsync();
            var connect = new FakeUdpRequest(await fresh.NextSentAsync(), "", 0);
            fresh.Deliver(FakeUdpTracker.ConnectReply(connect.TransactionId, 42), "192.0.2.1", 6969);
            var request = new FakeUdpRequest(await fresh.NextSentAsync(), "", 0);
            Assert.Equal((42L, 2), (request.ConnectionId, request.Action));
            fresh.Deliver(FakeUdpTracker.ScrapeReply(request.TransactionId, 1, 2, 3), "::ffff:192.0.2.1", 6969);
            ScrapeResult result = await scrape.WaitAsync(Timeout);
            Assert.Equal((1, 2, 3), (result.Seeders, result.Completed, result.Leechers));
        }

        private static async Task<FakeUdpRequest> NextAnnounceAsync(FakeUdpTracker tracker)
        {
            while (true)
            {
                FakeUdpRequest request = await tracker.NextRequestAsync();
                if (request.Action == 1)
                {
                    return request;
                }
            }
        }
    }
}
