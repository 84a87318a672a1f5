using System;
using System.Linq;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>When announces happen: intervals, minimum intervals, back-off, announcing sooner, forced announces, scrapes.</summary>
    public class TrackerSchedulingTests
    {
        private const string Url = "http://tracker.example/announce";

        private static TrackerManagerHarness Started(Action<FakeTrackerClient> script, Action<TrackerOptions>? configure = null)
        {
            var harness = new TrackerManagerHarness(1, configure).WithTiers(new[] { Url });
            script(harness.Factory[Url]);
            harness.Manager.Start();
            harness.Tick();
            return harness;
        }

        [Fact]
        public void BackOffDoublesFromTheBaseDelayUpToTheMaximumAndResetsAfterASuccess()
        {
            var harness = Started(c => c.Fail(TrackerErrorKind.Unreachable), o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
            harness.RunUntil(TimeSpan.FromSeconds(170));
            Assert.Equal(new[] { 0.0, 15, 45, 105, 165 }, harness.AnnounceSeconds(Url));
            Assert.Equal(5, harness.Status(Url).ConsecutiveFailures);
            Assert.Equal(TrackerState.Error, harness.Status(Url).State);

            harness.Factory[Url].Succeed(TimeSpan.FromMinutes(30));
            harness.RunUntil(TimeSpan.FromSeconds(230));
            Assert.Equal(225, harness.AnnounceSeconds(Url).Last());
            Assert.Equal(0, harness.Status(Url).ConsecutiveFailures);
            Assert.Null(harness.Status(Url).LastError);

            harness.Factory[Url].Fail(TrackerErrorKind.TimedOut);
            harness.RunUntil(TimeSpan.FromSeconds(225 + 1800 + 20));
            Assert.Equal(new[] { 0.0, 15, 45, 105, 165, 225, 2025, 2040 }, harness.AnnounceSeconds(Url));
            Assert.Equal(AnnounceEvent.Started, harness.Factory[Url].Events[5]);
            Assert.Equal(AnnounceEvent.None, harness.Factory[Url].Events[6]);
        }

        [Fact]
        public void RejectionsBackOffTooAndRetriesHonourTheTrackersMinimumInterval()
        {
            var harness = Started(c => c.Succeed(TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(300)));
            harness.RunUntil(TimeSpan.FromSeconds(599));
            harness.Factory[Url].Fail(TrackerErrorKind.Rejected);
            harness.RunUntil(TimeSpan.FromSeconds(1300));

            Assert.Equal(new[] { 0.0, 600, 900, 1200 }, harness.AnnounceSeconds(Url));
            var status = harness.Status(Url);
            Assert.Equal(TrackerState.Error, status.State);
            Assert.Contains("Rejected", status.LastError);
            Assert.Equal(3, status.ConsecutiveFailures);
        }

        [Fact]
        public void RegularAnnouncesFollowTheIntervalButNeverComeBeforeTheMinimumIntervals()
        {
            var byInterval = Started(c => c.Succeed(TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(300)));
            byInterval.RunUntil(TimeSpan.FromSeconds(1300));
            Assert.Equal(new[] { 0.0, 600, 1200 }, byInterval.AnnounceSeconds(Url));
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.None, AnnounceEvent.None }, byInterval.Factory[Url].Events);

            // A tracker asking for 10 s gets our floor (TrackerOptions.MinimumInterval, 1 minute by default).
            var tooShort = Started(c => c.Succeed(TimeSpan.FromSeconds(10)));
            tooShort.RunUntil(TimeSpan.FromSeconds(130));
            Assert.Equal(new[] { 0.0, 60, 120 }, tooShort.AnnounceSeconds(Url));

            // A tracker that gives no interval gets TrackerOptions.DefaultInterval.
            var none = Started(c => c.Succeed(TimeSpan.Zero), o => o.DefaultInterval = TimeSpan.FromMinutes(20));
            none.RunUntil(TimeSpan.FromMinutes(25));
            Assert.Equal(new[] { 0.0, 1200 }, none.AnnounceSeconds(Url));
        }

        [Fact]
        public void AnnounceNowWaitsForTheMinimumIntervalButRetriesAFailingTrackerAtOnce()
        {
            var working = Started(c => c.Succeed(TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(300)));
            working.TickAt(TimeSpan.FromSeconds(10));
            working.Manager.AnnounceNow(working.Now);
            Assert.Equal(TrackerManagerHarness.Epoch.AddSeconds(290), working.Status(Url).NextAnnounce);
            working.RunUntil(TimeSpan.FromSeconds(400));
            Assert.Equal(new[] { 0.0, 300 }, working.AnnounceSeconds(Url));

            var failing = Started(c => c.Fail(TrackerErrorKind.Unreachable));
            failing.TickAt(TimeSpan.FromSeconds(5));
            failing.Manager.AnnounceNow(failing.Now);
            failing.Tick();
            failing.RunUntil(TimeSpan.FromSeconds(40));
            Assert.Equal(new[] { 0.0, 5, 35 }, failing.AnnounceSeconds(Url));
        }

        [Fact]
        public void WhenTheSwarmNeedsPeersAnnouncesComeSoonerButNotBeforeTheMinimumInterval()
        {
            // Sooner is a quarter of the interval (300 s) unless the minimum interval is longer.
            var needy = Started(c => c.Succeed(TimeSpan.FromSeconds(1200), TimeSpan.FromSeconds(120)));
            needy.Owner.NeedsPeers = true;
            needy.RunUntil(TimeSpan.FromSeconds(700));
            Assert.Equal(new[] { 0.0, 300, 600 }, needy.AnnounceSeconds(Url));

            var strict = Started(c => c.Succeed(TimeSpan.FromSeconds(1200), TimeSpan.FromSeconds(900)));
            strict.Owner.NeedsPeers = true;
            strict.RunUntil(TimeSpan.FromSeconds(1000));
            Assert.Equal(new[] { 0.0, 900 }, strict.AnnounceSeconds(Url));

            var content = Started(c => c.Succeed(TimeSpan.FromSeconds(1200), TimeSpan.FromSeconds(120)));
            content.RunUntil(TimeSpan.FromSeconds(1199));
            Assert.Equal(new[] { 0.0 }, content.AnnounceSeconds(Url));
        }

        [Fact]
        public void SnapshotTimesAreWallClockTimesDerivedFromEngineMilliseconds()
        {
            var harness = Started(c => c.Succeed(TimeSpan.FromSeconds(600)));
            harness.TickAt(TimeSpan.FromSeconds(100));
            var status = harness.Status(Url);
            Assert.Equal(TrackerManagerHarness.Epoch.AddSeconds(-100), status.LastAnnounce);
            Assert.Equal(TrackerManagerHarness.Epoch.AddSeconds(500), status.NextAnnounce);

            harness.Manager.Stop();
            Assert.Null(harness.Status(Url).NextAnnounce);
        }

        [Fact]
        public void ASnapshotOfATrackerDueCenturiesAheadDoesNotOverflow()
        {
            var harness = Started(c => c.Succeed(TimeSpan.Zero), o => o.DefaultInterval = TimeSpan.MaxValue);

            var status = harness.Status(Url);

            Assert.Equal(TrackerState.Working, status.State);
            Assert.True(status.NextAnnounce > TrackerManagerHarness.Epoch.AddYears(99));
        }

        [Fact]
        public void ATrackerThatSupportsScrapeAndGivesNoCountsIsScrapedAtMostEveryThirtyMinutes()
        {
            var harness = Started(c => c.SupportsScrape = true);
            harness.RunUntil(TimeSpan.FromSeconds(1));
            Assert.Equal(1, harness.Factory[Url].Scrapes);
            var status = harness.Status(Url);
            Assert.Equal(7, status.Seeders);
            Assert.Equal(3, status.Leechers);
            Assert.Equal(70, status.Completed);

            harness.RunUntil(TimeSpan.FromMinutes(29));
            Assert.Equal(1, harness.Factory[Url].Scrapes);
            harness.RunUntil(TimeSpan.FromMinutes(31));
            Assert.Equal(2, harness.Factory[Url].Scrapes);
        }

        [Fact]
        public void ATrackerWhoseAnnouncesGiveCountsIsNotScraped()
        {
            var harness = Started(c =>
            {
                c.SupportsScrape = true;
                c.OnAnnounce = (_, _) => System.Threading.Tasks.Task.FromResult(
                    new AnnounceResponse(Array.Empty<TrackerPeer>(), TimeSpan.FromMinutes(30)) { Seeders = 4, Leechers = 9, WarningMessage = "be nice" });
            });
            harness.RunUntil(TimeSpan.FromMinutes(40));

            Assert.Equal(0, harness.Factory[Url].Scrapes);
            var status = harness.Status(Url);
            Assert.Equal(4, status.Seeders);
            Assert.Equal(9, status.Leechers);
            Assert.Null(status.Completed);
            Assert.Equal("be nice", status.WarningMessage);
        }
    }
}
