using System;
using System.Linq;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tests.Logging
{
    public class EngineLogTests
    {
        [Fact]
        public void TwoEnginesAreIndependent()
        {
            var first = new EngineLog();
            var second = new EngineLog(capacity: 10);
            int secondCalls = 0;
            using var subscription = second.Subscribe(_ => secondCalls++);
            first.SetComponentLevel(LogComponents.Peer, LogLevel.Trace);
            first.MinimumLevel = LogLevel.Error;

            first.CreateLogger(LogComponents.Engine).Error("first engine");
            first.CreateLogger(LogComponents.Engine).Error("first engine again");
            second.CreateLogger(LogComponents.Engine).Info("second engine");

            Assert.Equal(LogLevel.Information, second.MinimumLevel);
            Assert.False(second.IsEnabled(LogComponents.Peer, LogLevel.Trace));
            Assert.Equal(new[] { "first engine", "first engine again" }, first.Buffer.GetEntries().Select(e => e.Message));
            var only = Assert.Single(second.Buffer.GetEntries());
            Assert.Equal(1, only.Id);
            Assert.Equal(1, secondCalls);
            Assert.Equal(1000, first.Buffer.Capacity);
            Assert.Equal(10, second.Buffer.Capacity);
        }

        [Fact]
        public void InjectedClockStampsEntries()
        {
            var now = new DateTimeOffset(2030, 2, 3, 4, 5, 6, TimeSpan.FromHours(2));
            var log = new EngineLog(clock: () => now);
            var logger = log.CreateLogger(LogComponents.Tracker, "http://tracker.example/announce");

            logger.Info("announce");
            now = now.AddMinutes(30);
            logger.Warning("retry");

            Assert.Equal(
                new[] { new DateTimeOffset(2030, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)), new DateTimeOffset(2030, 2, 3, 4, 35, 6, TimeSpan.FromHours(2)) },
                log.Buffer.GetEntries().Select(e => e.Timestamp));
        }

        [Fact]
        public void LoggerCarriesScopeLevelAndException()
        {
            var log = new EngineLog(clock: () => DateTimeOffset.UnixEpoch);
            var torrent = log.CreateLogger(LogComponents.Torrent, "aaaa");
            var other = torrent.WithInstance("bbbb");
            var failure = new InvalidOperationException("disk full");

            torrent.Error("write failed", failure);
            other.Warning("slow", failure);
            other.Log(LogLevel.Information, "plain");

            var entries = log.Buffer.GetEntries();
            Assert.Equal(LogComponents.Torrent, other.Component);
            Assert.Equal("bbbb", other.InstanceValue);
            Assert.Equal("aaaa", torrent.InstanceValue);
            Assert.Equal(new[] { "aaaa", "bbbb", "bbbb" }, entries.Select(e => e.InstanceValue));
            Assert.Equal(new[] { LogLevel.Error, LogLevel.Warning, LogLevel.Information }, entries.Select(e => e.Level));
            Assert.Same(failure, entries[0].Exception);
            Assert.Null(entries[2].Exception);
            Assert.Equal("torrent[bbbb]", other.ToString());
        }

        [Fact]
        public void EntryToStringIsReadable()
        {
            var at = new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);
            var plain = new LogEntry(7, at, LogLevel.Information, LogComponents.Torrent, "abcd", "Started");
            var noInstance = new LogEntry(8, at, LogLevel.Warning, LogComponents.Engine, null, "Low disk space");
            var withException = new LogEntry(9, at, LogLevel.Error, LogComponents.Storage, null, "Write failed", new InvalidOperationException("disk full"));

            Assert.Equal("2024-05-01 12:00:00.123 +00:00 INFO torrent[abcd] Started", plain.ToString());
            Assert.Equal("2024-05-01 12:00:00.123 +00:00 WARN engine Low disk space", noInstance.ToString());
            Assert.StartsWith("2024-05-01 12:00:00.123 +00:00 ERROR storage Write failed" + Environment.NewLine, withException.ToString());
            Assert.Contains("disk full", withException.ToString());
        }

        [Fact]
        public void EntryRejectsNoneLevelAndIdsBelowOne()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new LogEntry(1, DateTimeOffset.UnixEpoch, LogLevel.None, "x", null, "m"));
            Assert.Throws<ArgumentOutOfRangeException>(() => new LogEntry(0, DateTimeOffset.UnixEpoch, LogLevel.Error, "x", null, "m"));
        }

        [Fact]
        public void EngineComponentLogsUnderItsNameAndInstance()
        {
            var log = new EngineLog();
            var torrent = new SampleTorrent(log, "0123abcd");

            var entry = Assert.Single(log.Buffer.GetEntries());
            Assert.Equal(LogComponents.Torrent, entry.Component);
            Assert.Equal("0123abcd", entry.InstanceValue);
            Assert.Equal("created", entry.Message);
            Assert.Same(log, torrent.OwnerLog);
        }

        private sealed class SampleTorrent : EngineComponent
        {
            public SampleTorrent(EngineLog log, string infoHash)
                : base(log, LogComponents.Torrent, infoHash)
            {
                Log.Info("created");
            }

            public EngineLog OwnerLog => EngineLog;
        }
    }
}
