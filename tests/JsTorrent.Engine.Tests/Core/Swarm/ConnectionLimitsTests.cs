using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class ConnectionLimitsTests
    {
        [Fact]
        public void DefaultsMatchTheDesign()
        {
            var options = new ConnectionLimitsOptions();
            Assert.Equal(200, options.MaxConnections);
            Assert.Equal(20, options.MaxConnectionsPerTorrent);
            Assert.Equal(0.6, options.IncomingShare);
            Assert.Equal(50, options.MaxPendingIncoming);
            Assert.Equal(12, new ConnectionLimits(options).IncomingLimit);
        }

        [Fact]
        public void PerTorrentLimitAndIncomingShareHold()
        {
            var limits = new ConnectionLimits(new ConnectionLimitsOptions());
            var torrent = new object();
            int incoming = 0;
            while (limits.TryAcquire(torrent, incoming: true))
            {
                incoming++;
            }

            Assert.Equal(12, incoming); // 60 % of 20
            int outgoing = 0;
            while (limits.TryAcquire(torrent, incoming: false))
            {
                outgoing++;
            }

            Assert.Equal(8, outgoing);
            Assert.Equal(20, limits.CountFor(torrent));
            Assert.Equal(12, limits.IncomingCountFor(torrent));
            Assert.True(limits.TryAcquire(new object(), incoming: true)); // another torrent has its own slots
            Assert.Equal(21, limits.Count);
        }

        [Fact]
        public void OutgoingMayFillEveryTorrentSlot()
        {
            var limits = new ConnectionLimits(new ConnectionLimitsOptions());
            var torrent = "t";
            for (int i = 0; i < 20; i++)
            {
                Assert.True(limits.TryAcquire(torrent, incoming: false));
            }

            Assert.False(limits.TryAcquire(torrent, incoming: false));
            Assert.False(limits.TryAcquire(torrent, incoming: true));
        }

        [Fact]
        public void GlobalLimitHoldsAcrossTorrents()
        {
            var limits = new ConnectionLimits(new ConnectionLimitsOptions());
            int acquired = 0;
            for (int t = 0; t < 15; t++)
            {
                for (int i = 0; i < 20; i++)
                {
                    acquired += limits.TryAcquire("t" + t, incoming: false) ? 1 : 0;
                }
            }

            Assert.Equal(200, acquired);
            Assert.Equal(200, limits.Count);
            Assert.Equal(200, limits.MaxSeen);
            Assert.False(limits.CanAcquire("t14", incoming: false));
        }

        [Fact]
        public void RandomChurnNeverExceedsAnyLimitAndMaxSeenMatches()
        {
            var options = new ConnectionLimitsOptions { MaxConnections = 50, MaxConnectionsPerTorrent = 20, IncomingShare = 0.6 };
            var limits = new ConnectionLimits(options);
            var random = new Random(1234);
            string[] torrents = { "a", "b", "c", "d" };
            var held = new List<(string Torrent, bool Incoming)>();
            var count = new Dictionary<string, int>();
            var incomingCount = new Dictionary<string, int>();
            var maxSeen = new Dictionary<string, int>();
            var maxSeenIncoming = new Dictionary<string, int>();
            foreach (var t in torrents)
            {
                count[t] = incomingCount[t] = maxSeen[t] = maxSeenIncoming[t] = 0;
            }

            int globalMax = 0;
            int refusals = 0;
            for (int step = 0; step < 20_000; step++)
            {
                if (held.Count > 0 && random.Next(100) < 45)
                {
                    int index = random.Next(held.Count);
                    var (torrent, incoming) = held[index];
                    held.RemoveAt(index);
                    limits.Release(torrent, incoming);
                    count[torrent]--;
                    incomingCount[torrent] -= incoming ? 1 : 0;
                }
                else
                {
                    string torrent = torrents[random.Next(torrents.Length)];
                    bool incoming = random.Next(2) == 0;
                    bool expected = held.Count < 50 && count[torrent] < 20 && (!incoming || incomingCount[torrent] < 12);
                    Assert.Equal(expected, limits.TryAcquire(torrent, incoming));
                    if (expected)
                    {
                        held.Add((torrent, incoming));
                        count[torrent]++;
                        incomingCount[torrent] += incoming ? 1 : 0;
                        maxSeen[torrent] = Math.Max(maxSeen[torrent], count[torrent]);
                        maxSeenIncoming[torrent] = Math.Max(maxSeenIncoming[torrent], incomingCount[torrent]);
                        globalMax = Math.Max(globalMax, held.Count);
                    }
                    else
                    {
                        refusals++;
                    }
                }

                Assert.Equal(held.Count, limits.Count);
            }

            Assert.True(refusals > 0, "the churn never reached a limit");
            Assert.Equal(globalMax, limits.MaxSeen);
            Assert.InRange(limits.MaxSeen, 1, 50);
            foreach (var t in torrents)
            {
                Assert.Equal(count[t], limits.CountFor(t));
                Assert.Equal(maxSeen[t], limits.MaxSeenFor(t));
                Assert.Equal(maxSeenIncoming[t], limits.MaxSeenIncomingFor(t));
                Assert.InRange(limits.MaxSeenFor(t), 1, 20);
                Assert.InRange(limits.MaxSeenIncomingFor(t), 1, 12);
            }
        }

        [Fact]
        public void PendingIncomingHandshakesAreCapped()
        {
            var limits = new ConnectionLimits(new ConnectionLimitsOptions());
            for (int i = 0; i < 50; i++)
            {
                Assert.True(limits.TryAcquirePending());
            }

            Assert.False(limits.TryAcquirePending());
            Assert.Equal(50, limits.PendingCount);
            limits.ReleasePending();
            Assert.True(limits.TryAcquirePending());
            Assert.Equal(50, limits.MaxSeenPending);
            Assert.Equal(0, limits.Count); // pending handshakes are not connections yet
        }

        [Fact]
        public void LoweringALimitRefusesNewConnectionsButKeepsExistingOnes()
        {
            var options = new ConnectionLimitsOptions();
            var limits = new ConnectionLimits(options);
            for (int i = 0; i < 20; i++)
            {
                Assert.True(limits.TryAcquire("t", incoming: false));
            }

            options.MaxConnectionsPerTorrent = 10;
            Assert.Equal(20, limits.CountFor("t"));
            for (int i = 0; i < 10; i++)
            {
                limits.Release("t", incoming: false);
                Assert.False(limits.TryAcquire("t", incoming: false));
            }

            limits.Release("t", incoming: false);
            Assert.True(limits.TryAcquire("t", incoming: false));

            options.MaxConnections = 5;
            Assert.False(limits.TryAcquire("u", incoming: false));
            options.MaxPendingIncoming = 0;
            Assert.False(limits.TryAcquirePending());
            limits.Options = new ConnectionLimitsOptions();
            Assert.True(limits.TryAcquire("u", incoming: true));
        }

        [Fact]
        public void ZeroIncomingShareRefusesIncoming()
        {
            var limits = new ConnectionLimits(new ConnectionLimitsOptions { IncomingShare = 0 });
            Assert.False(limits.TryAcquire("t", incoming: true));
            Assert.True(limits.TryAcquire("t", incoming: false));
        }

        [Fact]
        public void ReleasingWhatWasNotAcquiredIsABug()
        {
            var limits = new ConnectionLimits(new ConnectionLimitsOptions());
            Assert.Throws<InvalidOperationException>(() => limits.Release("t", incoming: false));
            Assert.True(limits.TryAcquire("t", incoming: false));
            Assert.Throws<InvalidOperationException>(() => limits.Release("t", incoming: true));
            Assert.Throws<InvalidOperationException>(() => limits.ReleasePending());
            Assert.Throws<InvalidOperationException>(() => limits.Forget("t"));
            limits.Release("t", incoming: false);
            limits.Forget("t");
            Assert.Equal(0, limits.MaxSeenFor("t"));
        }
    }
}
