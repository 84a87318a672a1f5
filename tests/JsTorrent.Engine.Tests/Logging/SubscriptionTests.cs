using System;
using System.Collections.Generic;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tests.Logging
{
    public class SubscriptionTests
    {
        [Fact]
        public void SubscribersReceiveEntriesUntilDisposed()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Torrent, "abc");
            var first = new List<LogEntry>();
            var second = new List<string>();

            var firstSubscription = log.Subscribe(first.Add);
            using var secondSubscription = log.Buffer.OnEntry(e => second.Add(e.Message));
            logger.Info("one");
            firstSubscription.Dispose();
            firstSubscription.Dispose(); // harmless
            logger.Info("two");

            var received = Assert.Single(first);
            Assert.Same(log.Buffer.GetEntries()[0], received);
            Assert.Equal(LogComponents.Torrent, received.Component);
            Assert.Equal("abc", received.InstanceValue);
            Assert.Equal(new[] { "one", "two" }, second);
        }

        [Fact]
        public void DisabledEntriesAreNotAnnounced()
        {
            var log = new EngineLog();
            int calls = 0;
            using var subscription = log.Subscribe(_ => calls++);

            log.CreateLogger(LogComponents.Peer).Debug("below the minimum");

            Assert.Equal(0, calls);
        }

        [Fact]
        public void ThrowingCallbackIsCountedAndDoesNotBreakLogging()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Engine);
            var delivered = new List<long>();
            using var faulty = log.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
            using var healthy = log.Subscribe(e => delivered.Add(e.Id));

            logger.Info("one");
            logger.Warning("two");

            Assert.Equal(2, log.CallbackFailures);
            Assert.Equal(2, log.Buffer.CallbackFailures);
            Assert.Equal(new long[] { 1, 2 }, delivered);
            Assert.Equal(2, log.Buffer.Count);
        }

        [Fact]
        public void EntriesAddedDirectlyToTheBufferAreAnnouncedToo()
        {
            var log = new EngineLog();
            var seen = new List<string>();
            using var subscription = log.Subscribe(e => seen.Add(e.Message));

            log.Buffer.Add(new LogEntry(1, DateTimeOffset.UnixEpoch, LogLevel.Information, "custom", null, "external"));

            Assert.Equal(new[] { "external" }, seen);
        }

        [Fact]
        public void SameCallbackSubscribedTwiceIsRemovedOncePerHandle()
        {
            var log = new EngineLog();
            var logger = log.CreateLogger(LogComponents.Engine);
            var seen = new List<long>();
            Action<LogEntry> callback = e => seen.Add(e.Id);
            var a = log.Subscribe(callback);
            using var b = log.Subscribe(callback);

            logger.Info("twice");
            a.Dispose();
            logger.Info("once");

            Assert.Equal(new long[] { 1, 1, 2 }, seen);
            Assert.Equal(0, log.CallbackFailures);
        }

        [Fact]
        public void NullCallbackIsRejected()
        {
            var log = new EngineLog();
            Assert.Throws<ArgumentNullException>(() => log.Subscribe(null!));
            Assert.Throws<ArgumentNullException>(() => log.Buffer.OnEntry(null!));
        }
    }
}
