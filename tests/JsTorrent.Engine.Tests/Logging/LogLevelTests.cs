using System;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tests.Logging
{
    public class LogLevelTests
    {
        [Fact]
        public void DefaultMinimumIsInformation()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Torrent);

            Assert.Equal(LogLevel.Information, log.MinimumLevel);
            Assert.False(logger.IsEnabled(LogLevel.Trace));
            Assert.False(logger.IsEnabled(LogLevel.Debug));
            Assert.True(logger.IsEnabled(LogLevel.Information));
            Assert.True(logger.IsEnabled(LogLevel.Error));
            Assert.False(logger.IsEnabled(LogLevel.None));
        }

        [Fact]
        public void DisabledLevelCreatesNoEntryAndUsesNoId()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Peer, "1.2.3.4:6881");

            logger.Trace("t");
            logger.Debug("d");
            logger.Log(LogLevel.None, "n");

            Assert.Equal(0, log.Buffer.Count);
            Assert.Equal(0, log.Buffer.LastId);

            logger.Info("kept");
            var entry = Assert.Single(log.Buffer.GetEntries());
            Assert.Equal(1, entry.Id);
            Assert.Equal("kept", entry.Message);
        }

        [Fact]
        public void MinimumLevelNoneDisablesEverything()
        {
            var log = new EngineLog { MinimumLevel = LogLevel.None };
            var logger = log.CreateLogger(LogComponents.Engine);

            logger.Error("lost");

            Assert.False(log.IsEnabled(LogComponents.Engine, LogLevel.Error));
            Assert.Equal(0, log.Buffer.Count);
        }

        [Fact]
        public void ComponentOverrideWinsOverMinimumAndIsCaseInsensitive()
        {
            var log = new EngineLog();
            log.SetComponentLevel("Peer", LogLevel.Trace);
            log.SetComponentLevel(LogComponents.Tracker, LogLevel.Error);

            Assert.True(log.IsEnabled(LogComponents.Peer, LogLevel.Trace));
            Assert.False(log.IsEnabled(LogComponents.Tracker, LogLevel.Warning));
            Assert.True(log.IsEnabled(LogComponents.Tracker, LogLevel.Error));
            Assert.False(log.IsEnabled(LogComponents.Torrent, LogLevel.Debug));
            Assert.Equal(LogLevel.Trace, log.ComponentLevels["PEER"]);
        }

        [Fact]
        public void ExistingLoggerSeesLevelChangesMadeAfterItWasCreated()
        {
            var log = new EngineLog();
            var peer = log.CreateLogger(LogComponents.Peer);
            Assert.False(peer.IsEnabled(LogLevel.Debug));

            log.SetComponentLevel(LogComponents.Peer, LogLevel.Debug);
            Assert.True(peer.IsEnabled(LogLevel.Debug));
            peer.Debug("now visible");

            Assert.True(log.ClearComponentLevel(LogComponents.Peer));
            Assert.False(peer.IsEnabled(LogLevel.Debug));
            peer.Debug("hidden again");

            log.MinimumLevel = LogLevel.Warning;
            Assert.False(peer.IsEnabled(LogLevel.Information));

            Assert.Equal(new[] { "now visible" }, MessagesOf(log));
        }

        [Fact]
        public void ClearingAMissingOverrideReportsFalse()
        {
            var log = new EngineLog();
            Assert.False(log.ClearComponentLevel(LogComponents.Storage));
            Assert.Empty(log.ComponentLevels);
        }

        [Fact]
        public void ComponentOverrideNoneSilencesOnlyThatComponent()
        {
            var log = new EngineLog();
            log.SetComponentLevel(LogComponents.Peer, LogLevel.None);

            log.CreateLogger(LogComponents.Peer).Error("silenced");
            log.CreateLogger(LogComponents.Torrent).Error("kept");

            Assert.Equal(new[] { "kept" }, MessagesOf(log));
        }

        [Fact]
        public void InvalidArgumentsAreRejected()
        {
            var log = new EngineLog();
            Assert.Throws<ArgumentOutOfRangeException>(() => log.MinimumLevel = (LogLevel)42);
            Assert.Throws<ArgumentOutOfRangeException>(() => log.SetComponentLevel(LogComponents.Peer, (LogLevel)(-1)));
            Assert.Throws<ArgumentException>(() => log.SetComponentLevel("", LogLevel.Debug));
            Assert.Throws<ArgumentException>(() => log.CreateLogger(""));
            Assert.Throws<ArgumentOutOfRangeException>(() => new EngineLog(capacity: 0));
            Assert.False(log.CreateLogger(LogComponents.Peer).IsEnabled((LogLevel)42));
        }

        [Fact]
        public void DisabledMessagesDoNotAllocate()
        {
            var log = new EngineLog();
            log.SetComponentLevel(LogComponents.Torrent, LogLevel.Warning);
            var logger = log.CreateLogger(LogComponents.Peer, "1.2.3.4:6881");
            logger.Debug("warm-up"); // fills the level cache once

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                logger.Debug("ignored");
                logger.Trace("ignored");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(0, log.Buffer.Count);
        }

        private static string[] MessagesOf(EngineLog log)
        {
            var entries = log.Buffer.GetEntries();
            var messages = new string[entries.Count];
            for (int i = 0; i < entries.Count; i++)
            {
                messages[i] = entries[i].Message;
            }

            return messages;
        }
    }
}
