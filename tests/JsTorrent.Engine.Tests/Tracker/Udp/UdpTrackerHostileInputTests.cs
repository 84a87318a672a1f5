using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>Odd senders, odd counts and odd options do not turn into garbage peers or exceptions other than TrackerException.</summary>
    public sealed class UdpTrackerHostileInputTests
    {
        [Theory]
        [InlineData("10.0.0.2", false)]
        [InlineData("::ffff:10.0.0.2", false)]
        [InlineData("tracker.memory", false)]
        [InlineData("2001:db8::2", true)]
        public void OnlyARealIPv6SenderMeansEighteenBytePeerEntries(string sender, bool ipv6)
        {
            Assert.Equal(ipv6, new UdpTrackerReply(new byte[8], sender).FromIPv6);
        }

        [Fact]
        public async Task NegativeScrapeCountsReadAsZero()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Tracker.ScrapeCounts = (-1, int.MinValue, 4);

            ScrapeResult result = await h.CreateClient().ScrapeAsync(UdpTrackerHarness.Request().InfoHash, CancellationToken.None).WaitAsync(UdpTrackerHarness.Timeout);

            Assert.Equal((0, 0, 4), (result.Seeders, result.Completed, result.Leechers));
        }

        [Fact]
        public async Task ABaseTimeoutBeyondWhatTimersTakeStillWorks()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Options.UdpBaseTimeout = TimeSpan.FromDays(60);

            AnnounceResponse response = await h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(UdpTrackerHarness.Timeout);

            Assert.Equal(TimeSpan.FromSeconds(FakeUdpTracker.DefaultInterval), response.Interval);
        }
    }
}
