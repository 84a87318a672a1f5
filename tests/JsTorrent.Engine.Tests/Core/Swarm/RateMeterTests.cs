using System;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class RateMeterTests
    {
        [Theory]
        [InlineData(16_384, 10)]
        [InlineData(1_000, 3)]
        [InlineData(65_536, 97)]
        public void SteadyInputReportsTheInputRate(long bytesPerAdd, int intervalMs)
        {
            var meter = new RateMeter();
            long expected = bytesPerAdd * 1000 / intervalMs;
            for (long t = 0; t <= 20_000; t += intervalMs)
            {
                meter.Add(bytesPerAdd, t);
                if (t >= 6_000)
                {
                    // Sampled throughout, not only on a bucket boundary.
                    long rate = meter.GetBytesPerSecond(t);
                    Assert.InRange(rate, expected * 0.97, expected * 1.03);
                }
            }
        }

        [Fact]
        public void RateFollowsAChangeWithinTheWindow()
        {
            var meter = new RateMeter();
            long t = 0;
            for (; t < 10_000; t += 10)
            {
                meter.Add(1_000, t); // 100 kB/s
            }

            for (; t < 20_000; t += 10)
            {
                meter.Add(3_000, t); // 300 kB/s
            }

            Assert.InRange(meter.GetBytesPerSecond(t), 291_000, 309_000);
        }

        [Fact]
        public void RateExpiresToZeroAfterTheWindowWithoutFurtherAdds()
        {
            var meter = new RateMeter();
            for (long t = 0; t < 5_000; t += 50)
            {
                meter.Add(5_000, t);
            }

            long full = meter.GetBytesPerSecond(5_000);
            Assert.InRange(full, 97_000, 103_000);
            long halfway = meter.GetBytesPerSecond(7_500);
            Assert.InRange(halfway, full / 3, full * 2 / 3); // decays bucket by bucket, not all at once
            Assert.Equal(0, meter.GetBytesPerSecond(5_000 + meter.WindowMs + 250));
            Assert.Equal(0, meter.GetBytesPerSecond(1_000_000));
        }

        [Fact]
        public void TotalCountsEveryByteIncludingExpiredOnes()
        {
            var meter = new RateMeter();
            meter.Add(100, 0);
            meter.Add(200, 10_000);
            meter.Add(300, 1_000_000);
            Assert.Equal(600, meter.Total);
            Assert.Equal(300 * 1000 / 4_750, meter.GetBytesPerSecond(1_000_000)); // one sample over the full window
        }

        [Fact]
        public void EmptyMeterReportsZero()
        {
            var meter = new RateMeter();
            Assert.Equal(0, meter.GetBytesPerSecond(12_345));
            Assert.Equal(0, meter.Total);
        }

        [Fact]
        public void FirstBlockIsNotReportedAsASpike()
        {
            var meter = new RateMeter();
            meter.Add(16_384, 1_000);
            Assert.Equal(16_384, meter.GetBytesPerSecond(1_000));
        }

        [Fact]
        public void ShortHistoryIsAveragedOverItsOwnLength()
        {
            var meter = new RateMeter();
            for (long t = 0; t < 2_000; t += 10)
            {
                meter.Add(1_000, t);
            }

            // 2 s of 100 kB/s: not diluted over the 5 s window.
            Assert.InRange(meter.GetBytesPerSecond(2_000), 97_000, 103_000);
        }

        [Fact]
        public void ClockSteppingBackCountsInTheCurrentBucket()
        {
            var meter = new RateMeter();
            meter.Add(1_000, 10_000);
            meter.Add(1_000, 9_000);
            Assert.Equal(2_000, meter.Total);
            Assert.Equal(2_000, meter.GetBytesPerSecond(10_000));
        }

        [Fact]
        public void ResetForgetsEverything()
        {
            var meter = new RateMeter();
            meter.Add(1_000, 0);
            meter.Reset();
            Assert.Equal(0, meter.Total);
            Assert.Equal(0, meter.GetBytesPerSecond(100));
        }

        [Fact]
        public void RefusesNegativeBytesAndBadShapes()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateMeter().Add(-1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateMeter(1, 250));
            Assert.Throws<ArgumentOutOfRangeException>(() => new RateMeter(20, 0));
        }
    }
}
