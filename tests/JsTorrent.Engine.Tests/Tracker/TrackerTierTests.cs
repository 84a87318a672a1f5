using System;
using System.Linq;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>BEP 12 tiers: shuffling, one tracker per tier, fail-over within a tier, promotion, and URLs we cannot use.</summary>
    public class TrackerTierTests
    {
        private static readonly string[] EightUrls = Enumerable.Range(0, 8).Select(i => "http://t" + i + ".example/announce").ToArray();

        [Fact]
        public void EachTierIsShuffledOnceWithTheGivenRandomAndTiersKeepTheirOrder()
        {
            var orders = Enumerable.Range(1, 6).Select(seed => new TrackerManagerHarness(seed).WithTiers(EightUrls).Order(0)).ToList();
            foreach (var order in orders)
            {
                Assert.Equal(EightUrls.OrderBy(u => u, StringComparer.Ordinal), order.OrderBy(u => u, StringComparer.Ordinal));
            }

            Assert.Contains(orders, order => !order.SequenceEqual(EightUrls));
            Assert.Equal(orders[0], new TrackerManagerHarness(1).WithTiers(EightUrls).Order(0));

            var harness = new TrackerManagerHarness(3).WithTiers(new[] { "http://a/announce" }, new[] { "http://b1/announce", "http://b2/announce" }, new[] { "http://c/announce" });
            var snapshot = harness.Snapshot();
            Assert.Equal(new[] { 0, 1, 1, 2 }, snapshot.Select(s => s.Tier));
            Assert.Equal("http://a/announce", snapshot[0].Url);
            Assert.Equal("http://c/announce", snapshot[3].Url);

            // Shuffled once: ticking and answering does not reorder a tier whose first tracker answers.
            var before = harness.Order(1);
            harness.Tick();
            harness.RunUntil(TimeSpan.FromHours(2));
            Assert.Equal(before, harness.Order(1));
        }

        [Fact]
        public void OneTrackerPerTierAnnouncesAtATimeAndAllTiersAnnounceInParallel()
        {
            var harness = new TrackerManagerHarness().WithTiers(
                new[] { "http://a1/announce", "http://a2/announce" },
                new[] { "http://b/announce" },
                new[] { "http://c1/announce", "http://c2/announce", "http://c3/announce" });
            foreach (var url in new[] { "http://a1/announce", "http://a2/announce", "http://b/announce", "http://c1/announce", "http://c2/announce", "http://c3/announce" })
            {
                harness.Factory[url].Hang();
            }

            harness.Manager.Start();
            harness.Tick();
            var first = harness.Announces();
            Assert.Equal(3, first.Count);
            Assert.All(first, a => Assert.Equal(AnnounceEvent.Started, a.Event));
            Assert.Equal(harness.Order(0)[0], first.Single(a => a.Url.Contains("//a")).Url);
            Assert.Equal(harness.Order(2)[0], first.Single(a => a.Url.Contains("//c")).Url);
            Assert.All(harness.Snapshot().Where(s => first.Any(a => a.Url == s.Url)), s => Assert.Equal(TrackerState.Announcing, s.State));

            // While a tier's announce is outstanding, nothing else of that tier is tried.
            harness.RunUntil(TimeSpan.FromMinutes(10));
            Assert.Equal(3, harness.Announces().Count);
        }

        [Fact]
        public void AFailingTrackerHandsOverToTheNextOfItsTierAndTheOneThatAnswersMovesToTheFront()
        {
            var harness = new TrackerManagerHarness(seed: 5).WithTiers(new[] { "http://x/announce", "http://y/announce", "http://z/announce" });
            var order = harness.Order(0);
            harness.Factory[order[0]].Fail(TrackerErrorKind.Unreachable);
            harness.Factory[order[1]].Fail(TrackerErrorKind.TimedOut);
            harness.Manager.Start();

            harness.Tick();
            harness.RunUntil(TimeSpan.FromSeconds(5));
            Assert.Equal(
                new[] { (0.0, new Uri(order[0]).AbsoluteUri, AnnounceEvent.Started), (1.0, new Uri(order[1]).AbsoluteUri, AnnounceEvent.Started), (2.0, new Uri(order[2]).AbsoluteUri, AnnounceEvent.Started) },
                harness.Announces());
            Assert.Equal(new[] { order[2], order[0], order[1] }, harness.Order(0));
            var statuses = harness.Snapshot();
            Assert.Equal(TrackerState.Working, statuses[0].State);
            Assert.Equal(TrackerState.Error, statuses[1].State);
            Assert.Contains("Unreachable", statuses[1].LastError);
            Assert.Equal(TrackerState.Error, statuses[2].State);
            Assert.NotNull(statuses[0].NextAnnounce);
            Assert.Null(statuses[1].NextAnnounce);

            // The promoted tracker keeps the tier: its regular announce, and nothing to the failed ones.
            harness.RunUntil(TimeSpan.FromMinutes(31));
            var later = harness.Announces().Skip(3).ToList();
            Assert.Single(later);
            Assert.Equal((1802.0, new Uri(order[2]).AbsoluteUri, AnnounceEvent.None), later[0]);
        }

        [Fact]
        public void WhenEveryTrackerOfATierFailsTheTierWaitsForTheFirstBackOffToEnd()
        {
            var harness = new TrackerManagerHarness(seed: 2).WithTiers(new[] { "http://p/announce", "http://q/announce" });
            var order = harness.Order(0).Select(u => new Uri(u).AbsoluteUri).ToList();
            harness.Factory[order[0]].Fail(TrackerErrorKind.Unreachable);
            harness.Factory[order[1]].Fail(TrackerErrorKind.InvalidResponse);
            harness.Manager.Start();

            harness.Tick();
            harness.RunUntil(TimeSpan.FromSeconds(20));

            Assert.Equal(
                new[] { (0.0, order[0]), (1.0, order[1]), (15.0, order[0]), (16.0, order[1]) },
                harness.Announces().Select(a => (a.Seconds, a.Url)));
        }

        [Fact]
        public void UrlsWithASchemeTheFactoryDoesNotSpeakAreLoggedOnceAndNeverContacted()
        {
            var harness = new TrackerManagerHarness(1, null, "http").WithTiers(
                new[] { "wss://w.example/announce", "http://h.example/announce" },
                new[] { "udp://u.example:80/announce" },
                new[] { "not a url" });
            harness.Manager.Start();
            harness.Tick();
            harness.RunUntil(TimeSpan.FromHours(1));

            Assert.All(harness.Announces(), a => Assert.Equal("http://h.example/announce", a.Url));
            Assert.Equal(3, harness.Announces().Count);
            Assert.Equal(3, harness.Factory.CreateCalls);
            var warnings = harness.Log.Buffer.GetEntries(new LogFilter { Component = LogComponents.Tracker, MinimumLevel = LogLevel.Warning });
            Assert.Equal(3, warnings.Count);
            Assert.Single(warnings, w => w.Message.Contains("wss://w.example/announce"));
            Assert.Single(warnings, w => w.Message.Contains("udp://u.example:80/announce"));
            Assert.Single(warnings, w => w.Message.Contains("not a url"));
            Assert.All(warnings, w => Assert.Equal(harness.Owner.InfoHash.ToString(), w.InstanceValue));

            var statuses = harness.Snapshot();
            Assert.Equal(TrackerState.Working, statuses.Single(s => s.Url == "http://h.example/announce").State);
            Assert.All(statuses.Where(s => s.Url != "http://h.example/announce"), s =>
            {
                Assert.Equal(TrackerState.Unsupported, s.State);
                Assert.NotNull(s.LastError);
                Assert.Null(s.NextAnnounce);
            });
        }

        [Fact]
        public void ATrackerThatReportsItsUrlUnsupportedIsDroppedFromRotation()
        {
            var harness = new TrackerManagerHarness(seed: 4).WithTiers(new[] { "udp://a.example/announce", "http://b.example/announce" });
            var order = harness.Order(0).Select(u => new Uri(u).AbsoluteUri).ToList();
            harness.Factory[order[0]].Fail(TrackerErrorKind.Unsupported);
            harness.Factory[order[1]].Fail(TrackerErrorKind.Unreachable);
            harness.Manager.Start();

            harness.Tick();
            harness.RunUntil(TimeSpan.FromMinutes(5));

            Assert.Single(harness.Announces(), a => a.Url == order[0]);
            Assert.True(harness.Announces().Count(a => a.Url == order[1]) >= 4, "the other tracker keeps being retried");
            Assert.Equal(TrackerState.Unsupported, harness.Snapshot().Single(s => new Uri(s.Url).AbsoluteUri == order[0]).State);
        }

        [Fact]
        public void DuplicateUrlsAreAddedOnceAndAddTrackerJoinsATierOrMakesOne()
        {
            var harness = new TrackerManagerHarness();
            Assert.Equal(1, harness.Manager.AddTiers(new[] { new[] { "http://A.example/announce", "http://a.example/announce" }, new[] { " http://a.example/announce " } }));
            Assert.False(harness.Manager.AddTracker("HTTP://a.EXAMPLE/announce", null));
            Assert.True(harness.Manager.AddTracker("http://b.example/announce", 0));
            Assert.True(harness.Manager.AddTracker("http://c.example/announce", 99));
            Assert.True(harness.Manager.AddTracker("udp://d.example:6969/announce", null));

            var statuses = harness.Snapshot();
            Assert.Equal(new[] { 0, 0, 1, 2 }, statuses.Select(s => s.Tier));
            Assert.Equal("http://b.example/announce", statuses[1].Url);
            Assert.Equal("http://c.example/announce", statuses[2].Url);

            // Only the metainfo's trackers stay (a private torrent).
            Assert.Equal(2, harness.Manager.RetainOnly(new[] { "http://a.example/announce", "HTTP://C.example/announce" }));
            Assert.Equal(new[] { "http://A.example/announce", "http://c.example/announce" }, harness.Snapshot().Select(s => s.Url));
            Assert.Equal(new[] { 0, 1 }, harness.Snapshot().Select(s => s.Tier));
        }
    }
}
