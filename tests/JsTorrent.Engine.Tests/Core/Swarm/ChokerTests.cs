using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class ChokerTests
    {
        // Far enough in the past that nobody counts as a new peer.
        private const long Old = -1_000_000;

        private static ChokeCandidate Peer(string name, long down = 0, long up = 0, bool interested = true, long connectedAt = Old, bool seed = false) =>
            new ChokeCandidate(name, interested, down, up, connectedAt, seed);

        private static List<object> Rechoke(Choker choker, IReadOnlyList<ChokeCandidate> candidates, bool seeding, long now)
        {
            var unchoked = new List<object>();
            choker.Rechoke(candidates, seeding, now, unchoked);
            return unchoked;
        }

        private static object[] Regular(Choker choker, List<object> unchoked) =>
            unchoked.Where(p => !Equals(p, choker.OptimisticPeer)).ToArray();

        [Fact]
        public void LeechingUnchokesTheThreeFastestUploadersPlusOneOptimistic()
        {
            var candidates = new[]
            {
                Peer("a", down: 500, up: 9_000), Peer("b", down: 9_000, up: 1), Peer("c", down: 100, up: 8_000),
                Peer("d", down: 7_000, up: 2), Peer("e", down: 8_000, up: 3), Peer("f", down: 50, up: 7_000),
                Peer("g", down: 0, up: 6_000),
            };
            var choker = new Choker(new ChokerOptions(), new Random(1));

            var unchoked = Rechoke(choker, candidates, seeding: false, now: 0);

            Assert.Equal(4, unchoked.Count);
            Assert.Equal(new object[] { "b", "d", "e" }, Regular(choker, unchoked).OrderBy(p => (string)p));
            Assert.NotNull(choker.OptimisticPeer);
            Assert.Contains(choker.OptimisticPeer!, new object[] { "a", "c", "f", "g" });
        }

        [Fact]
        public void SeedingUnchokesThePeersThatTakeDataFastest()
        {
            var candidates = new[]
            {
                Peer("a", down: 500, up: 9_000), Peer("b", down: 9_000, up: 1), Peer("c", down: 100, up: 8_000),
                Peer("d", down: 7_000, up: 2), Peer("e", down: 8_000, up: 3), Peer("f", down: 50, up: 7_000),
            };
            var choker = new Choker(new ChokerOptions(), new Random(1));

            var unchoked = Rechoke(choker, candidates, seeding: true, now: 0);

            Assert.Equal(4, unchoked.Count);
            Assert.Equal(new object[] { "a", "c", "f" }, Regular(choker, unchoked).OrderBy(p => (string)p));
            Assert.Contains(choker.OptimisticPeer!, new object[] { "b", "d", "e" });
        }

        [Fact]
        public void PeersThatAreNotInterestedOrAreSeedsNeverTakeASlot()
        {
            var candidates = new[]
            {
                Peer("fast-uninterested", down: 1_000_000, interested: false),
                Peer("fast-seed", down: 900_000, seed: true),
                Peer("x", down: 10), Peer("y", down: 5),
                Peer("slow-uninterested", interested: false),
            };
            var choker = new Choker(new ChokerOptions(), new Random(3));

            for (long now = 0; now < 300_000; now += 10_000)
            {
                var unchoked = Rechoke(choker, candidates, seeding: false, now);
                Assert.Equal(new object[] { "x", "y" }, unchoked.OrderBy(p => (string)p));
                Assert.Null(choker.OptimisticPeer); // both interested peers already hold regular slots
            }
        }

        [Fact]
        public void OptimisticSlotRotatesToADifferentPeerAfterTheInterval()
        {
            var options = new ChokerOptions();
            var candidates = new[]
            {
                Peer("r1", down: 900), Peer("r2", down: 800), Peer("r3", down: 700),
                Peer("o1"), Peer("o2"), Peer("o3"),
            };
            var choker = new Choker(options, new Random(7));
            long now = 0;
            Rechoke(choker, candidates, seeding: false, now);
            object previous = choker.OptimisticPeer!;
            var seen = new HashSet<object> { previous };

            for (int rotation = 0; rotation < 10; rotation++)
            {
                // Rechokes inside the interval keep the optimistic peer.
                for (int i = 1; i < options.OptimisticIntervalMs / options.RechokeIntervalMs; i++)
                {
                    var unchoked = Rechoke(choker, candidates, seeding: false, now + (i * options.RechokeIntervalMs));
                    Assert.Same(previous, choker.OptimisticPeer);
                    Assert.Contains(previous, unchoked);
                }

                now += options.OptimisticIntervalMs;
                Rechoke(choker, candidates, seeding: false, now);
                Assert.NotNull(choker.OptimisticPeer);
                Assert.NotEqual(previous, choker.OptimisticPeer);
                Assert.StartsWith("o", (string)choker.OptimisticPeer!);
                previous = choker.OptimisticPeer!;
                seen.Add(previous);
            }

            Assert.True(seen.Count > 1, "the optimistic slot never moved");
        }

        [Fact]
        public void OptimisticPeerThatLeavesOrLosesInterestIsReplacedAtOnce()
        {
            var candidates = new List<ChokeCandidate>
            {
                Peer("r1", down: 900), Peer("r2", down: 800), Peer("r3", down: 700), Peer("o1"), Peer("o2"), Peer("o3"),
            };
            var choker = new Choker(new ChokerOptions(), new Random(11));
            Rechoke(choker, candidates, seeding: false, now: 0);
            object first = choker.OptimisticPeer!;

            candidates.RemoveAll(c => Equals(c.Peer, first));
            var unchoked = Rechoke(choker, candidates, seeding: false, now: 1_000);
            object second = choker.OptimisticPeer!;
            Assert.NotNull(second);
            Assert.NotEqual(first, second);
            Assert.Equal(4, unchoked.Count);

            int index = candidates.FindIndex(c => Equals(c.Peer, second));
            candidates[index] = Peer((string)second, interested: false);
            unchoked = Rechoke(choker, candidates, seeding: false, now: 2_000);
            Assert.NotNull(choker.OptimisticPeer);
            Assert.NotEqual(second, choker.OptimisticPeer);
            Assert.DoesNotContain(second, unchoked);
        }

        [Fact]
        public void OptimisticPeerThatEarnsARegularSlotFreesTheOptimisticSlot()
        {
            var candidates = new List<ChokeCandidate>
            {
                Peer("r1", down: 900), Peer("r2", down: 800), Peer("r3", down: 700), Peer("o1"), Peer("o2"),
            };
            var choker = new Choker(new ChokerOptions(), new Random(5));
            Rechoke(choker, candidates, seeding: false, now: 0);
            object optimistic = choker.OptimisticPeer!;

            int index = candidates.FindIndex(c => Equals(c.Peer, optimistic));
            candidates[index] = Peer((string)optimistic, down: 5_000);
            var unchoked = Rechoke(choker, candidates, seeding: false, now: 10_000);

            Assert.Equal(4, unchoked.Count);
            Assert.Contains(optimistic, Regular(choker, unchoked));
            Assert.NotEqual(optimistic, choker.OptimisticPeer);
            object other = Equals(optimistic, "o1") ? "o2" : "o1";
            Assert.Contains(choker.OptimisticPeer!, new object[] { "r3", other });
            Assert.Single(candidates.Select(c => c.Peer).Except(unchoked));
        }

        [Fact]
        public void LoneOptimisticCandidateKeepsTheSlotWhenTheIntervalEnds()
        {
            var candidates = new[] { Peer("r1", down: 3), Peer("r2", down: 2), Peer("r3", down: 1), Peer("o") };
            var choker = new Choker(new ChokerOptions(), new Random(2));
            for (long now = 0; now <= 120_000; now += 30_000)
            {
                Rechoke(choker, candidates, seeding: false, now);
                Assert.Equal("o", choker.OptimisticPeer);
            }
        }

        [Theory]
        [InlineData(3, 0.40, 0.60)] // 1 new × 3 tickets against 3 old × 1: 1/2
        [InlineData(1, 0.20, 0.30)] // unweighted: 1/4
        public void NewPeersAreFavouredForTheOptimisticSlot(int newPeerWeight, double low, double high)
        {
            const long now = 1_000_000;
            var candidates = new[]
            {
                Peer("r1", down: 900), Peer("r2", down: 800), Peer("r3", down: 700),
                Peer("old1"), Peer("new", connectedAt: now - 1_000), Peer("old2"), Peer("old3"),
            };
            var options = new ChokerOptions { NewPeerWeight = newPeerWeight };
            const int trials = 4_000;
            int newChosen = 0;
            for (int seed = 0; seed < trials; seed++)
            {
                var choker = new Choker(options, new Random(seed));
                Rechoke(choker, candidates, seeding: false, now);
                if (Equals(choker.OptimisticPeer, "new"))
                {
                    newChosen++;
                }
            }

            Assert.InRange((double)newChosen / trials, low, high);
        }

        [Fact]
        public void PeerOlderThanTheNewPeerAgeGetsNoBonus()
        {
            const long now = 1_000_000;
            var options = new ChokerOptions();
            var candidates = new[]
            {
                Peer("r1", down: 900), Peer("r2", down: 800), Peer("r3", down: 700),
                Peer("old1"), Peer("aged", connectedAt: now - options.NewPeerAgeMs), Peer("old2"), Peer("old3"),
            };
            int chosen = 0;
            for (int seed = 0; seed < 4_000; seed++)
            {
                var choker = new Choker(options, new Random(seed));
                Rechoke(choker, candidates, seeding: false, now);
                chosen += Equals(choker.OptimisticPeer, "aged") ? 1 : 0;
            }

            Assert.InRange(chosen / 4_000.0, 0.20, 0.30);
        }

        [Fact]
        public void TiesAreBrokenRandomlyButReproduciblyForASeed()
        {
            var candidates = Enumerable.Range(0, 10).Select(i => Peer("p" + i, down: 100)).ToArray();
            var sets = new HashSet<string>();
            for (int seed = 0; seed < 50; seed++)
            {
                var first = new Choker(new ChokerOptions(), new Random(seed));
                var again = new Choker(new ChokerOptions(), new Random(seed));
                var a = Rechoke(first, candidates, seeding: false, now: 0);
                var b = Rechoke(again, candidates, seeding: false, now: 0);
                Assert.Equal(a, b);
                sets.Add(string.Join(",", Regular(first, a).Select(p => (string)p).OrderBy(p => p)));
            }

            Assert.True(sets.Count > 10, $"only {sets.Count} distinct regular sets over 50 seeds");
        }

        [Fact]
        public void SlotsAreNeverExceededAndRegularSlotsGoToTheBest()
        {
            var random = new Random(42);
            var options = new ChokerOptions();
            var choker = new Choker(options, new Random(43));
            long now = 0;
            for (int round = 0; round < 2_000; round++)
            {
                options.UploadSlots = random.Next(0, 7);
                bool seeding = random.Next(2) == 0;
                var candidates = Enumerable.Range(0, random.Next(0, 30))
                    .Select(i => Peer("p" + random.Next(40), down: random.Next(5), up: random.Next(5), interested: random.Next(4) != 0, connectedAt: now - random.Next(120_000), seed: random.Next(10) == 0))
                    .GroupBy(c => c.Peer).Select(g => g.First()).ToArray();
                now += random.Next(1, 40_000);

                var unchoked = Rechoke(choker, candidates, seeding, now);

                var eligible = candidates.Where(c => c.IsInterested && !c.IsSeed).ToArray();
                Func<ChokeCandidate, long> rank = c => seeding ? c.UploadRateToPeer : c.DownloadRateFromPeer;
                Assert.True(unchoked.Count <= options.UploadSlots);
                Assert.Equal(unchoked.Count, unchoked.Distinct().Count());
                Assert.All(unchoked, p => Assert.Contains(p, eligible.Select(c => c.Peer)));
                Assert.Equal(Math.Min(options.UploadSlots, eligible.Length), unchoked.Count);

                var regular = eligible.Where(c => unchoked.Contains(c.Peer) && !Equals(c.Peer, choker.OptimisticPeer)).ToArray();
                var rest = eligible.Where(c => !regular.Contains(c)).ToArray();
                Assert.Equal(Math.Min(Math.Max(0, options.UploadSlots - 1), eligible.Length), regular.Length);
                if (regular.Length > 0 && rest.Length > 0)
                {
                    Assert.True(regular.Min(rank) >= rest.Max(rank));
                }
            }
        }

        [Fact]
        public void RechokeIsDueEveryIntervalOrWhenRequested()
        {
            var options = new ChokerOptions();
            var choker = new Choker(options, new Random(1));
            Assert.True(choker.IsRechokeDue(0));
            Rechoke(choker, new[] { Peer("a") }, seeding: false, now: 5_000);
            Assert.False(choker.IsRechokeDue(5_000 + options.RechokeIntervalMs - 1));
            Assert.True(choker.IsRechokeDue(5_000 + options.RechokeIntervalMs));
            choker.RequestRechoke();
            Assert.True(choker.IsRechokeDue(5_001));
            Rechoke(choker, new[] { Peer("a") }, seeding: false, now: 5_001);
            Assert.False(choker.IsRechokeDue(5_002));
        }

        [Fact]
        public void RechokeReplacesTheCollectionsContents()
        {
            var choker = new Choker(new ChokerOptions(), new Random(1));
            var unchoked = new HashSet<object> { "stale" };
            choker.Rechoke(new[] { Peer("a") }, seeding: false, nowMs: 0, unchoked);
            Assert.Equal(new object[] { "a" }, unchoked);
        }
    }
}
