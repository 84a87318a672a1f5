using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>Lost datagrams, time-outs, cancellation and shutdown. Retransmission time-outs are short here; no test asserts how long anything took.</summary>
    public sealed class UdpTrackerRetransmitTests
    {
        private static readonly TimeSpan Timeout = UdpTrackerHarness.Timeout;

        [Fact]
        public async Task LostRequestsAreRetransmittedWithTheSameTransactionId()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Options.UdpBaseTimeout = TimeSpan.FromMilliseconds(50);
            h.Options.UdpMaxAttempts = 4;
            var sent = new List<byte[]>();
            int seen = 0;
            MemoryUdpDropFilter firstTwo = MemoryUdpDropFilter.Where(p =>
            {
                lock (sent)
                {
                    sent.Add(p.Data.ToArray());
                }

                return Interlocked.Increment(ref seen) <= 2;
            });
            h.Client.UdpDropFilter = firstTwo;

            AnnounceResponse response = await h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(FakeUdpTracker.DefaultSeeders, response.Seeders);
            Assert.Equal(2, firstTwo.DroppedCount);
            Assert.Equal(new[] { 0, 1 }, h.Tracker.Requests.Select(r => r.Action));
            List<FakeUdpRequest> onTheWire;
            lock (sent)
            {
                onTheWire = sent.Select(d => new FakeUdpRequest(d, "10.0.0.1", h.Socket.LocalPort)).ToList();
            }

            Assert.Equal(new[] { 0, 0, 0, 1 }, onTheWire.Select(r => r.Action));
            Assert.Single(onTheWire.Take(3).Select(r => r.TransactionId).Distinct());
            Assert.Equal(h.Tracker.Requests[0].TransactionId, onTheWire[0].TransactionId);
        }

        [Fact]
        public async Task ALostReplyIsRecoveredByRetransmitting()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Options.UdpBaseTimeout = TimeSpan.FromMilliseconds(50);
            int replies = 0;
            MemoryUdpDropFilter firstReply = MemoryUdpDropFilter.Where(p => p.SourceAddress == "10.0.0.2" && Interlocked.Increment(ref replies) == 1);
            h.Network.UdpDropFilter = firstReply;

            ScrapeResult result = await h.CreateClient().ScrapeAsync(default, CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(1, firstReply.DroppedCount);
            Assert.Equal(33, result.Leechers);
            IReadOnlyList<FakeUdpRequest> requests = h.Tracker.Requests;
            Assert.Equal(new[] { 0, 0, 2 }, requests.Select(r => r.Action));
            Assert.Equal(requests[0].TransactionId, requests[1].TransactionId);

            // The id from the answered (second) connect is the one used.
            Assert.Equal(h.Tracker.IssuedConnectionIds[1], requests[2].ConnectionId);
        }

        [Fact]
        public async Task NoAnswerFailsTimedOutAfterExactlyMaxAttemptsSends()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Options.UdpBaseTimeout = TimeSpan.FromMilliseconds(50);
            h.Options.UdpMaxAttempts = 3;
            MemoryUdpDropFilter all = MemoryUdpDropFilter.All();
            h.Client.UdpDropFilter = all;

            var error = await Assert.ThrowsAsync<TrackerException>(() => h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout));

            Assert.Equal(TrackerErrorKind.TimedOut, error.Kind);
            Assert.Equal("udp://10.0.0.2:6969/announce: no answer to the connect request after 3 attempts.", error.Message);
            Assert.Equal(3, all.DroppedCount);
            Assert.Empty(h.Tracker.Requests);
            Assert.Equal(0, h.Socket.PendingCount);
        }

        [Fact]
        public async Task AnUnansweredAnnounceTimesOutAndTheNextCallConnectsAgain()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Options.UdpBaseTimeout = TimeSpan.FromMilliseconds(50);
            h.Options.UdpMaxAttempts = 2;

            // Like a tracker that silently ignores a connection id it no longer knows.
            bool ignoreAnnounces = true;
            h.Tracker.Script = r => r.Action == 1 && Volatile.Read(ref ignoreAnnounces) ? Array.Empty<byte[]>() : null;
            UdpTrackerClient client = h.CreateClient();

            var error = await Assert.ThrowsAsync<TrackerException>(() => client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.TimedOut, error.Kind);
            Assert.Contains("announce request after 2 attempts", error.Message);

            Volatile.Write(ref ignoreAnnounces, false);
            await client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(new[] { 0, 1, 1, 0, 1 }, h.Tracker.Requests.Select(r => r.Action));
        }

        [Fact]
        public async Task CancellationEndsAWaitingRequestPromptly()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            h.Client.UdpDropFilter = MemoryUdpDropFilter.Where(_ =>
            {
                firstSend.TrySetResult();
                return true;
            });
            using var cts = new CancellationTokenSource();
            Task<AnnounceResponse> announce = h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(AnnounceEvent.Stopped), cts.Token);
            await firstSend.Task.WaitAsync(Timeout);
            Assert.Equal(1, h.Socket.PendingCount);

            // The first retransmission is 30 s away: only the token can end this within the bound.
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => announce.WaitAsync(Timeout));
            Assert.Equal(0, h.Socket.PendingCount);

            // A token cancelled up front sends nothing.
            h.Client.UdpDropFilter = null;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CreateClient().ScrapeAsync(default, cts.Token).WaitAsync(Timeout));
            Assert.Empty(h.Tracker.Requests);
        }

        [Fact]
        public async Task DisposingTheSocketFailsPendingRequestsAndLaterOnes()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            h.Client.UdpDropFilter = MemoryUdpDropFilter.Where(_ =>
            {
                firstSend.TrySetResult();
                return true;
            });
            UdpTrackerClient client = h.CreateClient();
            Task<AnnounceResponse> announce = client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None);
            await firstSend.Task.WaitAsync(Timeout);
            Assert.Equal(1, h.Client.UdpSocketCount);

            await h.Socket.DisposeAsync().AsTask().WaitAsync(Timeout);

            var error = await Assert.ThrowsAsync<TrackerException>(() => announce.WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.Unreachable, error.Kind);
            Assert.IsType<ObjectDisposedException>(error.InnerException);
            Assert.Equal("udp://10.0.0.2:6969/announce: the engine's UDP tracker socket is closed.", error.Message);
            Assert.Equal(0, h.Client.UdpSocketCount);
            Assert.Equal(0, h.Socket.PendingCount);

            var later = await Assert.ThrowsAsync<TrackerException>(() => client.ScrapeAsync(default, CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.Unreachable, later.Kind);
            Assert.Equal(0, h.Client.UdpSocketCount);
        }

        [Fact]
        public async Task AnUnknownTrackerHostIsUnreachable()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            var error = await Assert.ThrowsAsync<TrackerException>(() => h.CreateClient("udp://tracker.invalid:6969/announce").AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.Unreachable, error.Kind);
            Assert.StartsWith("udp://tracker.invalid:6969/announce: ", error.Message);
            Assert.IsType<Engine.Interfaces.NetworkException>(error.InnerException);
            Assert.Equal(0, h.Socket.PendingCount);
        }
    }
}
