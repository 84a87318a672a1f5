using System;
using System.Linq;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tests.Logging
{
    public class RingBufferLoggerTests
    {
        [Fact]
        public void IdsStartAtOneAndIncrease()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Engine);
            for (int i = 0; i < 5; i++)
            {
                logger.Info("m" + i);
            }

            Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, log.Buffer.GetEntries().Select(e => e.Id));
            Assert.Equal(5, log.Buffer.LastId);
        }

        [Fact]
        public void FullRingOverwritesOldestAndCountsDrops()
        {
            var log = new EngineLog(capacity: 3);
            var logger = log.CreateLogger(LogComponents.Engine);
            for (int i = 1; i <= 7; i++)
            {
                logger.Info("m" + i);
            }

            Assert.Equal(3, log.Buffer.Capacity);
            Assert.Equal(3, log.Buffer.Count);
            Assert.Equal(4, log.Buffer.DroppedCount);
            Assert.Equal(new[] { "m5", "m6", "m7" }, log.Buffer.GetEntries().Select(e => e.Message));
            Assert.Equal(new long[] { 5, 6, 7 }, log.Buffer.GetEntries().Select(e => e.Id));
        }

        [Fact]
        public void ClearEmptiesTheRingButIdsKeepIncreasing()
        {
            var log = new EngineLog(capacity: 2);
            var logger = log.CreateLogger(LogComponents.Engine);
            logger.Info("a");
            logger.Info("b");
            logger.Info("c");

            log.Buffer.Clear();
            Assert.Equal(0, log.Buffer.Count);
            Assert.Empty(log.Buffer.GetEntries());
            Assert.Equal(1, log.Buffer.DroppedCount);

            logger.Info("d");
            var entry = Assert.Single(log.Buffer.GetEntries());
            Assert.Equal(4, entry.Id);
        }

        [Fact]
        public void AddStoresExternalEntriesOnlyInIdOrder()
        {
            var buffer = new RingBufferLogger(capacity: 4);
            var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            buffer.Add(new LogEntry(10, at, LogLevel.Warning, LogComponents.Storage, null, "first"));

            Assert.Throws<ArgumentException>(() => buffer.Add(new LogEntry(10, at, LogLevel.Warning, LogComponents.Storage, null, "again")));
            Assert.Throws<ArgumentException>(() => buffer.Add(new LogEntry(3, at, LogLevel.Warning, LogComponents.Storage, null, "older")));

            buffer.Add(new LogEntry(11, at, LogLevel.Error, LogComponents.Storage, null, "second"));
            Assert.Equal(new[] { "first", "second" }, buffer.GetEntries().Select(e => e.Message));
            Assert.Equal(11, buffer.LastId);
        }

        [Fact]
        public void CapacityBelowOneIsRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new RingBufferLogger(0));
        }

        [Fact]
        public void GetEntriesReturnsASnapshot()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Engine);
            logger.Info("one");
            var snapshot = log.Buffer.GetEntries();

            logger.Info("two");

            Assert.Single(snapshot);
            Assert.Equal(2, log.Buffer.GetEntries().Count);
        }
    }
}
