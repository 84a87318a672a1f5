using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class PipelineDepthTests
    {
        private static void Deliver(PipelineDepth depth, long bytesPerSecond, int updates)
        {
            for (int i = 0; i < updates; i++)
            {
                depth.OnBlockReceived(i * 1_000);
                depth.Update(bytesPerSecond);
            }
        }

        [Fact]
        public void StartsAtTheInitialDepth()
        {
            Assert.Equal(PipelineDepth.DefaultInitialDepth, new PipelineDepth().Current);
            Assert.Equal(PipelineDepth.MinDepth, new PipelineDepth(0).Current);
            Assert.Equal(PipelineDepth.DefaultRemoteLimit, new PipelineDepth(10_000).Current);
        }

        [Theory]
        [InlineData(1_048_576L, 96)] // 1 MiB/s × 1.5 s / 16 KiB
        [InlineData(163_840L, 15)]
        [InlineData(10_000L, 2)]
        public void SettlesOnRateTimesTargetOverBlockSize(long rate, int expected)
        {
            var depth = new PipelineDepth();
            Deliver(depth, rate, 40);
            Assert.Equal(expected, depth.Current);
        }

        [Fact]
        public void GrowsWithTheRateButAtMostDoublingPerUpdate()
        {
            var depth = new PipelineDepth();
            int previous = depth.Current;
            depth.SetRemoteLimit(1_000);
            for (int i = 0; i < 10; i++)
            {
                Deliver(depth, 100_000_000, 1);
                Assert.InRange(depth.Current, previous, previous * 2);
                previous = depth.Current;
            }

            Assert.Equal(PipelineDepth.MaxDepth, depth.Current);
        }

        [Fact]
        public void FasterPeerGetsADeeperPipeline()
        {
            var slow = new PipelineDepth();
            var fast = new PipelineDepth();
            Deliver(slow, 200_000, 20);
            Deliver(fast, 2_000_000, 20);
            Assert.True(fast.Current > slow.Current * 5, $"fast {fast.Current}, slow {slow.Current}");
        }

        [Fact]
        public void ShrinksGraduallyWhenTheRateFalls()
        {
            var depth = new PipelineDepth();
            Deliver(depth, 1_048_576, 20);
            Assert.Equal(96, depth.Current);
            Deliver(depth, 0, 1);
            Assert.InRange(depth.Current, 60, 95); // eases down, does not collapse
            Deliver(depth, 0, 40);
            Assert.Equal(PipelineDepth.MinDepth, depth.Current);
        }

        [Fact]
        public void UpdateWithoutAnyBlockChangesNothing()
        {
            var depth = new PipelineDepth();
            Deliver(depth, 1_048_576, 20);
            for (int i = 0; i < 10; i++)
            {
                depth.Update(0); // choked or idle: the rate says nothing about the link
            }

            Assert.Equal(96, depth.Current);
        }

        [Fact]
        public void HalvesOnChoke()
        {
            var depth = new PipelineDepth();
            Deliver(depth, 1_048_576, 20);
            depth.OnChoked();
            Assert.Equal(48, depth.Current);
            depth.OnChoked();
            Assert.Equal(24, depth.Current);
            for (int i = 0; i < 10; i++)
            {
                depth.OnChoked();
            }

            Assert.Equal(PipelineDepth.MinDepth, depth.Current);
        }

        [Fact]
        public void RespectsTheAdvertisedReqq()
        {
            var depth = new PipelineDepth();
            depth.SetRemoteLimit(1_000);
            Deliver(depth, 100_000_000, 20);
            Assert.Equal(PipelineDepth.MaxDepth, depth.Current);

            depth.SetRemoteLimit(64);
            Assert.Equal(64, depth.Current);
            Deliver(depth, 100_000_000, 5);
            Assert.Equal(64, depth.Current);

            depth.SetRemoteLimit(1); // the peer's bound wins even below the minimum
            Assert.Equal(1, depth.Current);

            depth.SetRemoteLimit(0); // withdrawn: back to the default bound
            Assert.Equal(PipelineDepth.DefaultRemoteLimit, depth.Current);
            Assert.Equal(PipelineDepth.DefaultRemoteLimit, depth.RemoteLimit);
        }

        [Fact]
        public void RemembersTheLastBlockTime()
        {
            var depth = new PipelineDepth();
            Assert.Null(depth.LastBlockMs);
            depth.OnBlockReceived(1_234);
            Assert.Equal(1_234, depth.LastBlockMs);
        }
    }
}
