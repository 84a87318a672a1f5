using System;
using System.Linq;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tests.Logging
{
    public class LogFilterTests
    {
        private const string HashA = "0123456789abcdef0123456789abcdef01234567";
        private const string HashB = "fedcba9876543210fedcba9876543210fedcba98";
        private static readonly DateTimeOffset Start = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public void NoFilterReturnsEverythingInIdOrder()
        {
            var log = Populate();
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, log.Buffer.GetEntries().Select(e => e.Id));
            Assert.Equal(6, log.Buffer.GetEntries(new LogFilter()).Count);
        }

        [Fact]
        public void MinimumLevel()
        {
            var entries = Populate().Buffer.GetEntries(new LogFilter { MinimumLevel = LogLevel.Warning });
            Assert.Equal(new[] { "torrent A failed", "peer dropped" }, entries.Select(e => e.Message));
        }

        [Fact]
        public void ComponentIsCaseInsensitive()
        {
            var entries = Populate().Buffer.GetEntries(new LogFilter { Component = "TORRENT" });
            Assert.Equal(new long[] { 2, 3, 4 }, entries.Select(e => e.Id));
        }

        [Fact]
        public void InstanceValueIsCaseInsensitive()
        {
            var entries = Populate().Buffer.GetEntries(new LogFilter { InstanceValue = HashA.ToUpperInvariant() });
            Assert.Equal(new[] { "torrent A added", "torrent A failed" }, entries.Select(e => e.Message));
        }

        [Fact]
        public void SinceIdReturnsOnlyNewerEntries()
        {
            var log = Populate();
            Assert.Equal(new long[] { 5, 6 }, log.Buffer.GetEntries(new LogFilter { SinceId = 4 }).Select(e => e.Id));
            Assert.Empty(log.Buffer.GetEntries(new LogFilter { SinceId = log.Buffer.LastId }));
        }

        [Fact]
        public void SinceIsInclusiveOnTimestamps()
        {
            var entries = Populate().Buffer.GetEntries(new LogFilter { Since = Start.AddSeconds(4) });
            Assert.Equal(new long[] { 5, 6 }, entries.Select(e => e.Id));
        }

        [Fact]
        public void LimitReturnsTheLastMatchingEntries()
        {
            var log = Populate();
            Assert.Equal(new long[] { 4, 5, 6 }, log.Buffer.GetEntries(new LogFilter { Limit = 3 }).Select(e => e.Id));
            Assert.Equal(new long[] { 3, 4 }, log.Buffer.GetEntries(new LogFilter { Component = LogComponents.Torrent, Limit = 2 }).Select(e => e.Id));
            Assert.Equal(6, log.Buffer.GetEntries(new LogFilter { Limit = 100 }).Count);
            Assert.Empty(log.Buffer.GetEntries(new LogFilter { Limit = 0 }));
        }

        [Fact]
        public void NegativeLimitIsRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new LogFilter { Limit = -1 });
        }

        [Fact]
        public void CriteriaCombine()
        {
            var filter = new LogFilter
            {
                MinimumLevel = LogLevel.Information,
                Component = LogComponents.Torrent,
                InstanceValue = HashB,
                SinceId = 1,
                Since = Start,
            };
            var entry = Assert.Single(Populate().Buffer.GetEntries(filter));
            Assert.Equal("torrent B added", entry.Message);
        }

        /// <summary>Six entries, one second apart, starting at <see cref="Start"/>.</summary>
        private static EngineLog Populate()
        {
            var now = Start;
            var log = new EngineLog(clock: () => now) { MinimumLevel = LogLevel.Debug };
            var engine = log.CreateLogger(LogComponents.Engine);
            var torrentA = log.CreateLogger(LogComponents.Torrent, HashA);
            var torrentB = torrentA.WithInstance(HashB);
            var peer = log.CreateLogger(LogComponents.Peer, "1.2.3.4:6881");

            void Next(Action write)
            {
                write();
                now = now.AddSeconds(1);
            }

            Next(() => engine.Info("engine started"));       // 1 @ +0
            Next(() => torrentA.Info("torrent A added"));    // 2 @ +1
            Next(() => torrentB.Info("torrent B added"));    // 3 @ +2
            Next(() => torrentA.Error("torrent A failed"));  // 4 @ +3
            Next(() => peer.Debug("peer handshake"));        // 5 @ +4
            Next(() => peer.Warning("peer dropped"));        // 6 @ +5
            return log;
        }
    }
}
