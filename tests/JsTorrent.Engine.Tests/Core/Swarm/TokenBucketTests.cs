using System;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class TokenBucketTests
    {
        [Theory]
        [InlineData(100_000, 16_384, 1_000)]
        [InlineData(1_000_000, 65_536, 16_384)]
        [InlineData(7_777, 4_000, 333)]
        public void TenSimulatedSecondsPassRateTimesTenWithinTheBurst(long rate, long burst, long chunk)
        {
            var bucket = new TokenBucket(rate, burst);
            long taken = 0;
            for (long t = 0; t <= 10_000; t++)
            {
                while (bucket.TryTake(chunk, t))
                {
                    taken += chunk;
                }
            }

            Assert.InRange(taken, (rate * 10) + burst - chunk - 1, (rate * 10) + burst);
        }

        [Fact]
        public void RefillsByElapsedTimeOnly()
        {
            var bucket = new TokenBucket(1_000, 1_000);
            Assert.True(bucket.TryTake(1_000, 0));
            Assert.False(bucket.TryTake(1, 0));
            Assert.False(bucket.TryTake(500, 499));
            Assert.True(bucket.TryTake(500, 500));
            Assert.False(bucket.TryTake(1, 500));
        }

        [Fact]
        public void IdleTimeRefillsNoFurtherThanTheBurst()
        {
            var bucket = new TokenBucket(1_000, 2_000);
            Assert.True(bucket.TryTake(2_000, 0));
            Assert.True(bucket.TryTake(2_000, 1_000_000_000_000)); // long idle: no overflow
            Assert.False(bucket.TryTake(1, 1_000_000_000_000));
            Assert.Equal(0, bucket.AvailableBytes);
        }

        [Fact]
        public void GetDelayMsSaysWhenBytesWillBeAvailable()
        {
            var bucket = new TokenBucket(1_000, 1_000);
            Assert.Equal(0, bucket.GetDelayMs(1_000, 0));
            Assert.True(bucket.TryTake(1_000, 0));
            Assert.Equal(250, bucket.GetDelayMs(250, 0));
            Assert.Equal(1, bucket.GetDelayMs(1, 0));
            long delay = bucket.GetDelayMs(600, 100);
            Assert.Equal(500, delay);
            Assert.False(bucket.TryTake(600, 100 + delay - 1));
            Assert.True(bucket.TryTake(600, 100 + delay));
        }

        [Fact]
        public void UnlimitedPassesEverythingAtOnce()
        {
            var bucket = new TokenBucket(0, 1);
            Assert.True(bucket.IsUnlimited);
            for (int i = 0; i < 1_000; i++)
            {
                Assert.True(bucket.TryTake(1L << 40, 0));
            }

            Assert.Equal(0, bucket.GetDelayMs(long.MaxValue, 0));
        }

        [Fact]
        public void RateCanBeChangedAtRuntime()
        {
            var bucket = new TokenBucket(0, 1_000);
            Assert.True(bucket.TryTake(5_000, 0));
            bucket.BytesPerSecond = 1_000;
            Assert.True(bucket.TryTake(1_000, 0));
            Assert.False(bucket.TryTake(1, 0));
            bucket.BytesPerSecond = 0;
            Assert.True(bucket.TryTake(1_000_000, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => bucket.BytesPerSecond = -1);
        }

        [Fact]
        public void LargerThanBurstRequestPassesWhenFullThenRepaysItsDebt()
        {
            var bucket = new TokenBucket(1_000, 1_000);
            Assert.True(bucket.TryTake(5_000, 0)); // a full bucket covers any request...
            Assert.Equal(-4_000, bucket.AvailableBytes); // ...by going into debt
            Assert.False(bucket.TryTake(1, 4_000));
            Assert.Equal(1, bucket.GetDelayMs(1, 4_000));
            Assert.True(bucket.TryTake(1, 4_001));
            Assert.Equal(1_000, bucket.GetDelayMs(5_000, 4_001)); // the next big one waits for a full bucket
        }

        [Fact]
        public void LargeRequestsKeepTheLongRunRate()
        {
            var bucket = new TokenBucket(10_000, 1_000);
            long taken = 0;
            for (long t = 0; t <= 60_000; t++)
            {
                if (bucket.TryTake(16_384, t))
                {
                    taken += 16_384;
                }
            }

            // 60 s at 10 kB/s, give or take one request.
            Assert.InRange(taken, 600_000 - 16_384, 600_000 + 16_384);
        }

        [Fact]
        public void TryTakeBothTakesFromBothOrNeither()
        {
            var global = new TokenBucket(100, 1_000);
            var local = new TokenBucket(1_000, 300);
            Assert.True(local.TryTake(200, 0));

            Assert.False(TokenBucket.TryTakeBoth(global, local, 150, 0)); // local short
            Assert.Equal(1_000, global.AvailableBytes); // so global gave nothing
            Assert.True(TokenBucket.TryTakeBoth(global, local, 100, 0));
            Assert.Equal(900, global.AvailableBytes);
            Assert.Equal(0, local.AvailableBytes);

            Assert.True(global.TryTake(900, 0));
            Assert.False(TokenBucket.TryTakeBoth(global, local, 100, 100)); // global short (10 refilled)
            Assert.Equal(0, local.GetDelayMs(100, 100)); // so local still holds its 100
            Assert.Equal(900, TokenBucket.GetDelayMsBoth(global, local, 100, 100));
            Assert.False(TokenBucket.TryTakeBoth(global, local, 100, 999));
            Assert.True(TokenBucket.TryTakeBoth(global, local, 100, 1_000));
            Assert.Equal(0, global.AvailableBytes);
        }

        [Fact]
        public void TryTakeBothTreatsNullAndUnlimitedAsNoLimit()
        {
            var limited = new TokenBucket(1_000, 100);
            var unlimited = new TokenBucket(0, 1);
            Assert.True(TokenBucket.TryTakeBoth(null, null, 1_000_000, 0));
            Assert.True(TokenBucket.TryTakeBoth(unlimited, limited, 100, 0));
            Assert.False(TokenBucket.TryTakeBoth(null, limited, 1, 0));
            Assert.False(TokenBucket.TryTakeBoth(limited, unlimited, 1, 0));
            Assert.Equal(0, TokenBucket.GetDelayMsBoth(null, unlimited, 1_000, 0));
        }

        [Fact]
        public void BothLimitsHoldOverSimulatedTime()
        {
            var global = new TokenBucket(50_000, 10_000);
            var fast = new TokenBucket(100_000, 10_000);
            var slow = new TokenBucket(20_000, 10_000);
            long fastTaken = 0;
            long slowTaken = 0;
            for (long t = 0; t <= 10_000; t++)
            {
                while (TokenBucket.TryTakeBoth(global, slow, 1_000, t))
                {
                    slowTaken += 1_000;
                }

                while (TokenBucket.TryTakeBoth(global, fast, 1_000, t))
                {
                    fastTaken += 1_000;
                }
            }

            Assert.InRange(slowTaken, 200_000, 210_000);
            Assert.InRange(fastTaken + slowTaken, 500_000 - 1_000, 510_000);
        }

        [Fact]
        public void LoweringTheBurstDropsTheExcess()
        {
            var bucket = new TokenBucket(1_000, 10_000);
            bucket.BurstBytes = 100;
            Assert.Equal(100, bucket.AvailableBytes);
            Assert.Throws<ArgumentOutOfRangeException>(() => bucket.BurstBytes = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => bucket.TryTake(-1, 0));
        }
    }
}
