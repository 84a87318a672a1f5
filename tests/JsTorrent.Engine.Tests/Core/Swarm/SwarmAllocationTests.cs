using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    /// <summary>The per-block and per-rechoke paths must not allocate once warmed up.</summary>
    public class SwarmAllocationTests
    {
        [Fact]
        public void RateMeterAndTokenBucketDoNotAllocate()
        {
            var meter = new RateMeter();
            var global = new TokenBucket(1_000_000, 65_536);
            var local = new TokenBucket(500_000, 65_536);
            var depth = new PipelineDepth();
            long sink = 0;
            Run(); // warm-up (JIT, statics)

            long before = GC.GetAllocatedBytesForCurrentThread();
            Run();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.True(sink > 0);

            void Run()
            {
                for (long t = 0; t < 100_000; t += 7)
                {
                    meter.Add(16_384, t);
                    depth.OnBlockReceived(t);
                    if (TokenBucket.TryTakeBoth(global, local, 16_384, t))
                    {
                        sink += meter.GetBytesPerSecond(t);
                    }

                    sink += TokenBucket.GetDelayMsBoth(global, local, 16_384, t);
                    depth.Update(meter.GetBytesPerSecond(t));
                }
            }
        }

        [Fact]
        public void RechokeDoesNotAllocateOnceWarm()
        {
            var candidates = new List<ChokeCandidate>();
            for (int i = 0; i < 200; i++)
            {
                candidates.Add(new ChokeCandidate("p" + i, i % 3 != 0, i * 37 % 101, i * 13 % 97, i * 1_000));
            }

            var choker = new Choker(new ChokerOptions(), new Random(9));
            var unchoked = new HashSet<object>();
            Run(0); // warm-up: scratch lists grow to the swarm's size

            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(1_000_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(4, unchoked.Count);

            void Run(long start)
            {
                for (int i = 0; i < 500; i++)
                {
                    choker.Rechoke(candidates, i % 2 == 0, start + (i * 10_000L), unchoked);
                }
            }
        }
    }
}
