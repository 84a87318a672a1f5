using System;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>The engine refuses tracker options it cannot work with when it is made, not at the first announce.</summary>
    public class TrackerOptionsTests
    {
        public static TheoryData<string, Action<TrackerOptions>> BadOptions => new TheoryData<string, Action<TrackerOptions>>
        {
            { "HttpTimeout", o => o.HttpTimeout = TimeSpan.Zero },
            { "MaxResponseBytes", o => o.MaxResponseBytes = 0 },
            { "MaxRedirects", o => o.MaxRedirects = -1 },
            { "UdpBaseTimeout", o => o.UdpBaseTimeout = TimeSpan.FromSeconds(-1) },
            { "UdpMaxAttempts", o => o.UdpMaxAttempts = 0 },
            { "UdpConnectionIdLifetime", o => o.UdpConnectionIdLifetime = TimeSpan.FromSeconds(-1) },
            { "StoppedAnnounceDeadline", o => o.StoppedAnnounceDeadline = TimeSpan.FromSeconds(-1) },
            { "NumWant", o => o.NumWant = -1 },
            { "DefaultInterval", o => o.DefaultInterval = TimeSpan.Zero },
            { "MinimumInterval", o => o.MinimumInterval = TimeSpan.Zero },
            { "RetryBaseDelay", o => o.RetryBaseDelay = TimeSpan.Zero },
            { "MaxRetryDelay", o => o.MaxRetryDelay = TimeSpan.FromSeconds(1) },
        };

        [Theory]
        [MemberData(nameof(BadOptions))]
        public void AnEngineWithATrackerOptionOutOfRangeIsRefusedNamingIt(string name, Action<TrackerOptions> spoil)
        {
            var options = new EngineOptions { SocketFactory = new MemoryNetwork().CreateHost("10.0.0.1") };
            spoil(options.Trackers);

            var error = Assert.Throws<ArgumentException>(() => new BtEngine(options));

            Assert.Contains("Trackers." + name, error.Message);
        }

        [Fact]
        public void AnEngineWithoutTrackerOptionsIsRefused()
        {
            var options = new EngineOptions { SocketFactory = new MemoryNetwork().CreateHost("10.0.0.1"), Trackers = null! };

            var error = Assert.Throws<ArgumentException>(() => new BtEngine(options));

            Assert.Contains("Trackers", error.Message);
        }

        [Fact]
        public void TheDefaultsAreAccepted()
        {
            Assert.Null(Record.Exception(() => new TrackerOptions().Validate()));
        }
    }
}
