using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tests.Logging
{
    public class ConcurrentLoggingTests
    {
        private const int Writers = 4;
        private const int EntriesPerWriter = 10_000;
        private const int Capacity = 1000;

        [Fact]
        public async Task ConcurrentWritersKeepIdsCountsAndOrderConsistent()
        {
            var log = new EngineLog(Capacity);
            long announced = 0;
            long announcedIdSum = 0;
            using var subscription = log.Subscribe(e =>
            {
                Interlocked.Increment(ref announced);
                Interlocked.Add(ref announcedIdSum, e.Id);
            });

            using var start = new ManualResetEventSlim(false);
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
            {
                var logger = log.CreateLogger(LogComponents.Peer, "writer" + w);
                Assert.True(start.Wait(TimeSpan.FromSeconds(10)));
                for (int i = 0; i < EntriesPerWriter; i++)
                {
                    logger.Info("entry");
                }
            })).ToArray();

            start.Set();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

            const long total = Writers * EntriesPerWriter;
            Assert.Equal(total, log.Buffer.LastId);
            Assert.Equal(Capacity, log.Buffer.Count);
            Assert.Equal(total - Capacity, log.Buffer.DroppedCount);
            Assert.Equal(total, Interlocked.Read(ref announced));
            Assert.Equal(total * (total + 1) / 2, Interlocked.Read(ref announcedIdSum)); // every id 1..total exactly once

            var kept = log.Buffer.GetEntries();
            Assert.Equal(Enumerable.Range((int)(total - Capacity + 1), Capacity).Select(i => (long)i), kept.Select(e => e.Id));
            for (int i = 1; i < kept.Count; i++)
            {
                Assert.True(kept[i].Timestamp >= kept[i - 1].Timestamp, "timestamps follow ids");
            }
        }

        [Fact]
        public async Task LevelChangesWhileWritingAreSafe()
        {
            var log = new EngineLog(Capacity);
            var logger = log.CreateLogger(LogComponents.Peer);

            var toggler = Task.Run(() =>
            {
                for (int i = 0; i < 2000; i++)
                {
                    log.SetComponentLevel(LogComponents.Peer, i % 2 == 0 ? LogLevel.Trace : LogLevel.Error);
                    log.ClearComponentLevel(LogComponents.Peer);
                }
            });
            var writer = Task.Run(() =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    logger.Debug("maybe");
                }
            });

            await Task.WhenAll(toggler, writer).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Empty(log.ComponentLevels);
            Assert.False(logger.IsEnabled(LogLevel.Debug));
            Assert.All(log.Buffer.GetEntries(), e => Assert.Equal(LogLevel.Debug, e.Level));
        }
    }
}
