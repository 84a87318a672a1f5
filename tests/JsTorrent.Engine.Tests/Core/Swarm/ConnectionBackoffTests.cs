using System;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class ConnectionBackoffTests
    {
        private const string Key = "10.0.0.1:6881";

        [Fact]
        public void UnknownEndpointMayConnectAtOnce()
        {
            var backoff = new ConnectionBackoff();
            Assert.True(backoff.CanConnect(Key, 0));
            Assert.Equal(0, backoff.GetNextAttemptMs(Key));
            Assert.Equal(0, backoff.Count);
        }

        [Fact]
        public void DelayDoublesPerFailureAndCapsAtFiveMinutes()
        {
            var backoff = new ConnectionBackoff();
            long now = 1_000;
            long[] expected = { 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000 };
            foreach (long delay in expected)
            {
                backoff.RecordFailure(Key, now);
                Assert.Equal(now + delay, backoff.GetNextAttemptMs(Key));
                Assert.False(backoff.CanConnect(Key, now + delay - 1));
                Assert.True(backoff.CanConnect(Key, now + delay));
                now += delay;
            }

            for (int i = 0; i < 100; i++)
            {
                backoff.RecordFailure(Key, now);
            }

            Assert.Equal(now + 300_000, backoff.GetNextAttemptMs(Key));
        }

        [Theory]
        [InlineData(0, 0L)]
        [InlineData(1, 1_000L)]
        [InlineData(9, 256_000L)]
        [InlineData(10, 300_000L)]
        [InlineData(63, 300_000L)]
        [InlineData(int.MaxValue, 300_000L)]
        public void DelayAfterFollowsTheFormula(int failures, long delay)
        {
            Assert.Equal(delay, new ConnectionBackoff().DelayAfter(failures));
        }

        [Fact]
        public void ShortLivedConnectionCountsAsAFailure()
        {
            var backoff = new ConnectionBackoff();
            backoff.RecordFailure(Key, 0);
            backoff.RecordConnected(Key, 1_000);
            backoff.RecordDisconnected(Key, 1_000 + 29_999);
            Assert.Equal(2, backoff.GetFailureCount(Key));
            Assert.Equal(30_999 + 2_000, backoff.GetNextAttemptMs(Key));
        }

        [Fact]
        public void ConnectionThatDiesYoungWithNoEarlierFailureStartsTheBackoff()
        {
            var backoff = new ConnectionBackoff();
            backoff.RecordConnected(Key, 0);
            backoff.RecordDisconnected(Key, 5_000);
            Assert.False(backoff.CanConnect(Key, 5_999));
            Assert.True(backoff.CanConnect(Key, 6_000));
        }

        [Fact]
        public void LongLivedConnectionResetsTheBackoff()
        {
            var backoff = new ConnectionBackoff();
            for (int i = 0; i < 5; i++)
            {
                backoff.RecordFailure(Key, 0);
            }

            backoff.RecordConnected(Key, 100_000);
            backoff.RecordDisconnected(Key, 130_000);
            Assert.True(backoff.CanConnect(Key, 130_000));
            Assert.Equal(0, backoff.GetFailureCount(Key));
            Assert.Equal(0, backoff.Count);

            backoff.RecordFailure(Key, 200_000);
            Assert.Equal(201_000, backoff.GetNextAttemptMs(Key)); // back to the first step
        }

        [Fact]
        public void DisconnectWithoutARecordChangesNothing()
        {
            var backoff = new ConnectionBackoff();
            backoff.RecordDisconnected(Key, 10);
            Assert.Equal(0, backoff.Count);
            Assert.True(backoff.CanConnect(Key, 10));
        }

        [Fact]
        public void EndpointsAreIndependentAndKeysIgnoreCase()
        {
            var backoff = new ConnectionBackoff();
            backoff.RecordFailure("Host.Example:1", 0);
            Assert.False(backoff.CanConnect("host.example:1", 0));
            Assert.True(backoff.CanConnect("host.example:2", 0));
            Assert.True(backoff.Remove("HOST.EXAMPLE:1"));
            Assert.True(backoff.CanConnect("host.example:1", 0));
        }

        [Fact]
        public void MemoryIsBoundedAndTheEarliestNextAttemptsGoFirst()
        {
            var backoff = new ConnectionBackoff(capacity: 100);
            backoff.RecordFailure("long-wait:1", 0);
            for (int i = 0; i < 10; i++)
            {
                backoff.RecordFailure("long-wait:1", 0); // next attempt at +5 min
            }

            backoff.RecordConnected("live:1", 0);
            for (int i = 0; i < 10_000; i++)
            {
                backoff.RecordFailure("peer-" + i + ":1", i);
                Assert.True(backoff.Count <= 100);
            }

            Assert.InRange(backoff.Count, 90, 100); // a tenth is dropped at a time
            Assert.False(backoff.CanConnect("long-wait:1", 10_000)); // still backing off: kept
            Assert.Equal(1, backoff.GetFailureCount("peer-9999:1")); // newest kept
            Assert.Equal(0, backoff.GetFailureCount("peer-0:1")); // earliest next attempt evicted

            backoff.RecordDisconnected("live:1", 10_000); // a live connection's record survived
            Assert.Equal(1, backoff.GetFailureCount("live:1"));
        }

        [Fact]
        public void RefusesBadArguments()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionBackoff(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionBackoff(10, baseDelayMs: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionBackoff(10, baseDelayMs: 10, maxDelayMs: 5));
            Assert.Throws<ArgumentNullException>(() => new ConnectionBackoff().RecordFailure(null!, 0));
        }
    }
}
