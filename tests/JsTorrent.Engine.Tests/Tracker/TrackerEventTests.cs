using System;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Engine.Tests.Core.Engine;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>What each announce says: started, completed and stopped per tracker, the announce fields, the peers handed on.</summary>
    public class TrackerEventTests
    {
        private const string A = "http://a.example/announce";
        private const string B = "http://b.example/announce";

        private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

        [Fact]
        public void AnnouncesCarryTheTorrentsFieldsAndEchoTheTrackerId()
        {
            var harness = new TrackerManagerHarness().WithTiers(new[] { A });
            harness.Factory[A].OnAnnounce = (_, _) => Task.FromResult(new AnnounceResponse(Array.Empty<TrackerPeer>(), TimeSpan.FromSeconds(600)) { TrackerId = "id-42" });
            harness.Manager.Start();
            harness.Tick();
            harness.Owner.Left = 0;
            harness.RunUntil(TimeSpan.FromSeconds(600));

            var requests = harness.Factory[A].Requests;
            Assert.Equal(2, requests.Count);
            var started = requests[0];
            Assert.Equal(harness.Owner.InfoHash, started.InfoHash);
            Assert.Equal(harness.Owner.PeerId, started.PeerId);
            Assert.Equal(6881, started.Port);
            Assert.Equal(11, started.Uploaded);
            Assert.Equal(22, started.Downloaded);
            Assert.Equal(1000, started.Left);
            Assert.Equal(50, started.NumWant);
            Assert.Equal(TrackerManagerHarness.Key, started.Key);
            Assert.Null(started.TrackerId);
            Assert.Equal(AnnounceEvent.Started, started.Event);

            Assert.Equal(AnnounceEvent.None, requests[1].Event);
            Assert.Equal(0, requests[1].Left);
            Assert.Equal("id-42", requests[1].TrackerId);
        }

        [Fact]
        public void PeersWithPortZeroAreDroppedAndTheRestGoToTheTorrent()
        {
            var harness = new TrackerManagerHarness().WithTiers(new[] { A });
            harness.Factory[A].Succeed(TimeSpan.FromMinutes(30), null, new TrackerPeer("10.0.0.1", 6881), new TrackerPeer("10.0.0.2", 0), new TrackerPeer("::1", 51413));
            harness.Manager.Start();
            harness.Tick();

            Assert.Equal(new[] { "10.0.0.1:6881", "[::1]:51413" }, harness.Owner.Peers.Select(p => p.ToString()));
            Assert.Equal(2, harness.Status(A).PeersReceived);
        }

        [Fact]
        public async Task StartedThenCompletedOnceThenStoppedGoOnlyToTrackersThatStarted()
        {
            var harness = new TrackerManagerHarness().WithTiers(new[] { A }, new[] { B });
            harness.Factory[B].Fail(TrackerErrorKind.Unreachable);
            harness.Manager.Start();
            harness.Tick();

            harness.TickAt(TimeSpan.FromSeconds(10));
            harness.Owner.Left = 0;
            harness.Manager.OnDownloadCompleted();
            harness.Tick();
            harness.RunUntil(TimeSpan.FromMinutes(31));
            await harness.Manager.Stop().WaitAsync(Bounded);

            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Completed, AnnounceEvent.None, AnnounceEvent.Stopped }, harness.Factory[A].Events);
            Assert.Equal(new[] { 0.0, 10, 1810, 1860 }, harness.AnnounceSeconds(A));
            var stopped = harness.Factory[A].Requests.Last();
            Assert.Equal(0, stopped.NumWant);
            Assert.Equal(0, stopped.Left);

            Assert.True(harness.Factory[B].Events.Count >= 3);
            Assert.All(harness.Factory[B].Events, e => Assert.Equal(AnnounceEvent.Started, e));
        }

        [Fact]
        public async Task CompletionDuringAStartedAnnounceIsReportedOnceThatAnnounceSucceeds()
        {
            var harness = new TrackerManagerHarness().WithTiers(new[] { A });
            var answer = new TaskCompletionSource<AnnounceResponse>();
            harness.Factory[A].OnAnnounce = (request, _) => request.Event == AnnounceEvent.Started
                ? answer.Task
                : Task.FromResult(FakeTrackerClient.Response(TimeSpan.FromMinutes(30)));
            harness.Manager.Start();
            harness.Tick();
            harness.Manager.OnDownloadCompleted();
            answer.SetResult(FakeTrackerClient.Response(TimeSpan.FromMinutes(30)));
            await EngineWait.UntilAsync(() => harness.Status(A).State == TrackerState.Working, "the started announce is answered", Bounded);
            harness.TickAt(TimeSpan.FromSeconds(1));

            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Completed }, harness.Factory[A].Events);
        }

        [Fact]
        public void ACompletionWhileStoppedIsNotAnnounced()
        {
            var harness = new TrackerManagerHarness().WithTiers(new[] { A });
            harness.Manager.Start();
            harness.Tick();
            harness.Manager.Stop();
            harness.Manager.OnDownloadCompleted();
            harness.Manager.Start();
            harness.RunUntil(TimeSpan.FromSeconds(5));

            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped, AnnounceEvent.Started }, harness.Factory[A].Events);
        }

        [Fact]
        public async Task StopWithAHangingTrackerEndsAtTheDeadlineAndCancelsAnnouncesInProgress()
        {
            var harness = new TrackerManagerHarness(1, o => o.StoppedAnnounceDeadline = TimeSpan.FromMilliseconds(200)).WithTiers(new[] { A }, new[] { B });
            harness.Factory[A].HangOn(AnnounceEvent.Stopped);
            harness.Factory[B].Hang();
            harness.Manager.Start();
            harness.Tick();
            Assert.Equal(TrackerState.Working, harness.Status(A).State);
            Assert.Equal(TrackerState.Announcing, harness.Status(B).State);

            var stop = harness.Manager.Stop();
            Assert.Same(stop, harness.Manager.Stop());
            await stop.WaitAsync(Bounded);

            Assert.Equal(1, harness.Factory[A].Cancellations);
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped }, harness.Factory[A].Events);

            // B's started was cancelled by the stop, and B never got a stopped: it had not started.
            await EngineWait.UntilAsync(() => harness.Status(B).State == TrackerState.NotContacted, "the started announce in progress is cancelled", Bounded);
            Assert.Equal(1, harness.Factory[B].Cancellations);
            Assert.Equal(new[] { AnnounceEvent.Started }, harness.Factory[B].Events);
        }

        [Fact]
        public async Task ARestartAnnouncesStartedOnlyAfterThePreviousStoppedAnnounceEnded()
        {
            var harness = new TrackerManagerHarness(1, o => o.StoppedAnnounceDeadline = TimeSpan.FromMinutes(5)).WithTiers(new[] { A });
            var stoppedAnswer = new TaskCompletionSource<AnnounceResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Factory[A].OnAnnounce = (request, _) => request.Event == AnnounceEvent.Stopped
                ? stoppedAnswer.Task
                : Task.FromResult(FakeTrackerClient.Response(TimeSpan.FromMinutes(30)));
            harness.Manager.Start();
            harness.Tick();
            var stop = harness.Manager.Stop();

            harness.Manager.Start();
            harness.TickAt(TimeSpan.FromSeconds(1));
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped }, harness.Factory[A].Events);
            Assert.False(stop.IsCompleted);

            stoppedAnswer.SetResult(FakeTrackerClient.Response(TimeSpan.FromMinutes(30)));
            await stop.WaitAsync(Bounded);
            harness.TickAt(TimeSpan.FromSeconds(2));
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped, AnnounceEvent.Started }, harness.Factory[A].Events);
        }

        [Fact]
        public async Task AStopWithNothingToSendStillCoversTheStoppedAnnouncesOfTheStopBefore()
        {
            var harness = new TrackerManagerHarness(1, o => o.StoppedAnnounceDeadline = TimeSpan.FromMinutes(5)).WithTiers(new[] { A });
            var stoppedAnswer = new TaskCompletionSource<AnnounceResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Factory[A].OnAnnounce = (request, _) => request.Event == AnnounceEvent.Stopped
                ? stoppedAnswer.Task
                : Task.FromResult(FakeTrackerClient.Response(TimeSpan.FromMinutes(30)));
            harness.Manager.Start();
            harness.Tick();
            var first = harness.Manager.Stop();

            // Started and stopped again before the first stopped announce ended: the second stop has nothing to send.
            harness.Manager.Start();
            var second = harness.Manager.Stop();
            Assert.False(second.IsCompleted, "the second stop waits for the stopped announce still under way");

            harness.Manager.Start();
            harness.TickAt(TimeSpan.FromSeconds(1));
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped }, harness.Factory[A].Events);

            stoppedAnswer.SetResult(FakeTrackerClient.Response(TimeSpan.FromMinutes(30)));
            await first.WaitAsync(Bounded);
            await second.WaitAsync(Bounded);
            harness.TickAt(TimeSpan.FromSeconds(2));
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped, AnnounceEvent.Started }, harness.Factory[A].Events);
        }
    }
}
