using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    public sealed class UdpTrackerClientTests
    {
        private static readonly TimeSpan Timeout = UdpTrackerHarness.Timeout;

        [Fact]
        public async Task ConnectThenAnnounceSendEveryFieldInTheBep15Layout()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Tracker.PeerEntries = FakeUdpTracker.Peers(("192.0.2.10", 6881), ("198.51.100.7", 51413));
            UdpTrackerClient client = h.CreateClient();
            Assert.Equal(0, h.Socket.LocalPort);

            AnnounceResponse response = await client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);

            IReadOnlyList<FakeUdpRequest> requests = h.Tracker.Requests;
            Assert.Equal(2, requests.Count);
            FakeUdpRequest connect = requests[0];
            Assert.Equal(16, connect.Data.Length);
            Assert.Equal(0x41727101980L, connect.ConnectionId);
            Assert.Equal(0, connect.Action);
            Assert.Equal("10.0.0.1", connect.Address);
            Assert.Equal(h.Socket.LocalPort, connect.Port);

            FakeUdpRequest announce = requests[1];
            Assert.Equal(98, announce.Data.Length);
            Assert.Equal(h.Tracker.IssuedConnectionIds.Single(), announce.ConnectionId);
            Assert.Equal(1, announce.Action);
            Assert.NotEqual(connect.TransactionId, announce.TransactionId);
            Assert.Equal(UdpTrackerHarness.Bytes(20, 0xA0), announce.InfoHash);
            Assert.Equal(UdpTrackerHarness.Bytes(20, 0x30), announce.PeerId);
            Assert.Equal(0x0A0B0C0D0EL, announce.Downloaded);
            Assert.Equal(0x1112131415L, announce.Left);
            Assert.Equal(0x0102030405L, announce.Uploaded);
            Assert.Equal(2, announce.Event);
            Assert.Equal(0u, announce.IpAddress);
            Assert.Equal(0xCAFEBABEu, announce.Key);
            Assert.Equal(45, announce.NumWant);
            Assert.Equal(51413, announce.AnnouncePort);
            // The same shared socket sent both.
            Assert.Equal(connect.Port, announce.Port);

            Assert.Equal(TimeSpan.FromSeconds(FakeUdpTracker.DefaultInterval), response.Interval);
            Assert.Equal(FakeUdpTracker.DefaultLeechers, response.Leechers);
            Assert.Equal(FakeUdpTracker.DefaultSeeders, response.Seeders);
            Assert.Equal(new[] { "192.0.2.10:6881", "198.51.100.7:51413" }, response.Peers.Select(p => p.ToString()));
            Assert.Equal(0, h.Socket.PendingCount);
        }

        [Theory]
        [InlineData(AnnounceEvent.None, 0)]
        [InlineData(AnnounceEvent.Completed, 1)]
        [InlineData(AnnounceEvent.Started, 2)]
        [InlineData(AnnounceEvent.Stopped, 3)]
        public async Task EventsAreNumberedAsBep15Says(AnnounceEvent announceEvent, int expected)
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            await h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(announceEvent), CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(expected, h.Tracker.Requests[1].Event);
        }

        [Fact]
        public async Task UnknownLeftIsSentAsTheLargestValueAndNegativeNumWantAsTheDefault()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            AnnounceRequest request = UdpTrackerHarness.Request();
            request.Left = -1;
            request.NumWant = -5;
            await h.CreateClient().AnnounceAsync(request, CancellationToken.None).WaitAsync(Timeout);

            FakeUdpRequest announce = h.Tracker.Requests[1];
            Assert.Equal(long.MaxValue, announce.Left);
            Assert.Equal(UdpTrackerMessages.UnknownLeft, announce.Left);
            Assert.Equal(-1, announce.NumWant);
        }

        [Fact]
        public async Task IPv4PeersAreSixByteEntriesAndPortZeroOnesAreDropped()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            byte[] peers = FakeUdpTracker.Peers(("1.2.3.4", 1), ("5.6.7.8", 0), ("255.254.253.252", 65535));

            // A trailing partial entry is ignored; the whole ones before it count.
            h.Tracker.PeerEntries = peers.Concat(new byte[] { 9, 9, 9 }).ToArray();
            AnnounceResponse response = await h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(new[] { ("1.2.3.4", 1), ("255.254.253.252", 65535) }, response.Peers.Select(p => (p.Host, p.Port)));
        }

        [Fact]
        public async Task AnIPv6TrackerAnswersWithEighteenByteEntries()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync("fd00::1", "fd00::2");
            h.Tracker.PeerEntries = FakeUdpTracker.Peers(("2001:db8::1", 6881), ("2001:db8:0:0:1::", 0), ("fe80::aa:bb", 443));
            Assert.Equal("udp://[fd00::2]:6969/announce", h.AnnounceUrl);

            AnnounceResponse response = await h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);

            Assert.Equal(new[] { ("2001:db8::1", 6881), ("fe80::aa:bb", 443) }, response.Peers.Select(p => (p.Host, p.Port)));
            Assert.Equal("[2001:db8::1]:6881", response.Peers[0].ToString());
            Assert.Equal("fd00::1", h.Tracker.Requests[1].Address);
        }

        [Fact]
        public async Task TheConnectionIdIsReusedWithinItsLifetimeAndRenewedAfter()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Options.UdpConnectionIdLifetime = TimeSpan.FromSeconds(60);
            UdpTrackerClient client = h.CreateClient();

            await client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            h.NowMs += 59_999;
            await client.ScrapeAsync(UdpTrackerHarness.Request().InfoHash, CancellationToken.None).WaitAsync(Timeout);
            await client.AnnounceAsync(UdpTrackerHarness.Request(AnnounceEvent.None), CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(new[] { 0, 1, 2, 1 }, h.Tracker.Requests.Select(r => r.Action));

            h.NowMs += 1;
            await client.AnnounceAsync(UdpTrackerHarness.Request(AnnounceEvent.None), CancellationToken.None).WaitAsync(Timeout);

            IReadOnlyList<FakeUdpRequest> requests = h.Tracker.Requests;
            Assert.Equal(new[] { 0, 1, 2, 1, 0, 1 }, requests.Select(r => r.Action));
            IReadOnlyList<long> ids = h.Tracker.IssuedConnectionIds;
            Assert.Equal(2, ids.Count);
            Assert.NotEqual(ids[0], ids[1]);
            Assert.Equal(new[] { ids[0], ids[0], ids[0], ids[1] }, new[] { requests[1], requests[2], requests[3], requests[5] }.Select(r => r.ConnectionId));

            // Every request had its own transaction id.
            Assert.Equal(requests.Count, requests.Select(r => r.TransactionId).Distinct().Count());
        }

        [Fact]
        public async Task EachClientKeepsItsOwnConnectionId()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            UdpTrackerClient first = h.CreateClient();
            UdpTrackerClient second = h.CreateClient(h.AnnounceUrl + "?tracker=2");
            await first.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            await second.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(new[] { 0, 1, 0, 1 }, h.Tracker.Requests.Select(r => r.Action));
        }

        [Fact]
        public async Task AnErrorReplyRejectsWithTheTrackersMessageAndForgetsTheConnection()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Tracker.Script = r => r.Action == 1 ? new[] { FakeUdpTracker.ErrorReply(r.TransactionId, "torrent not registered\0") } : null;
            UdpTrackerClient client = h.CreateClient();

            var error = await Assert.ThrowsAsync<TrackerException>(() => client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.Rejected, error.Kind);
            Assert.Equal("udp://10.0.0.2:6969/announce: torrent not registered", error.Message);

            // The next call connects again rather than trust the id the tracker just refused to serve.
            h.Tracker.Script = null;
            await client.AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(new[] { 0, 1, 0, 1 }, h.Tracker.Requests.Select(r => r.Action));
        }

        [Fact]
        public async Task AnErrorReplyToTheConnectRejectsToo()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Tracker.Script = r => new[] { FakeUdpTracker.ErrorReply(r.TransactionId, "go away") };
            var error = await Assert.ThrowsAsync<TrackerException>(() => h.CreateClient().ScrapeAsync(default, CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.Rejected, error.Kind);
            Assert.Equal("udp://10.0.0.2:6969/announce: go away", error.Message);
            Assert.Single(h.Tracker.Requests);
        }

        [Theory]
        [InlineData("truncated announce")]
        [InlineData("wrong action")]
        [InlineData("truncated connect")]
        public async Task AMalformedReplyIsAnInvalidResponse(string fault)
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Tracker.Script = r =>
            {
                switch (fault)
                {
                    case "truncated announce" when r.Action == 1:
                        return new[] { FakeUdpTracker.AnnounceReply(r.TransactionId, 60, 1, 1, Array.Empty<byte>()).AsSpan(0, 12).ToArray() };
                    case "wrong action" when r.Action == 1:
                        return new[] { FakeUdpTracker.ScrapeReply(r.TransactionId, 1, 2, 3) };
                    case "truncated connect":
                        return new[] { FakeUdpTracker.ConnectReply(r.TransactionId, 5).AsSpan(0, 12).ToArray() };
                    default:
                        return null;
                }
            };

            var error = await Assert.ThrowsAsync<TrackerException>(() => h.CreateClient().AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(TrackerErrorKind.InvalidResponse, error.Kind);
            Assert.StartsWith("udp://10.0.0.2:6969/announce: ", error.Message);
            Assert.Equal(0, h.Socket.PendingCount);
        }

        [Fact]
        public async Task ScrapeSendsOneInfoHashAndReadsTheCounts()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            h.Tracker.ScrapeCounts = (5, 1234, 17);
            var infoHash = new InfoHash(UdpTrackerHarness.Bytes(20, 0x55));

            ScrapeResult result = await h.CreateClient().ScrapeAsync(infoHash, CancellationToken.None).WaitAsync(Timeout);

            FakeUdpRequest scrape = h.Tracker.Requests[1];
            Assert.Equal(36, scrape.Data.Length);
            Assert.Equal(h.Tracker.IssuedConnectionIds.Single(), scrape.ConnectionId);
            Assert.Equal(2, scrape.Action);
            Assert.Equal(UdpTrackerHarness.Bytes(20, 0x55), scrape.InfoHash);
            Assert.Equal((5, 1234, 17), (result.Seeders, result.Completed, result.Leechers));
            Assert.True(h.CreateClient().SupportsScrape);
        }

        [Fact]
        public async Task APathOtherThanAnnounceGoesAlongAsBep41UrlData()
        {
            await using UdpTrackerHarness h = await UdpTrackerHarness.StartAsync();
            string path = "/dir/" + new string('x', 300) + "?passkey=abc";
            await h.CreateClient("udp://10.0.0.2:6969" + path).AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);
            await h.CreateClient("udp://10.0.0.2:6969/").AnnounceAsync(UdpTrackerHarness.Request(), CancellationToken.None).WaitAsync(Timeout);

            byte[] first = h.Tracker.Requests[1].Data;
            byte[] expectedPath = System.Text.Encoding.ASCII.GetBytes(path);
            Assert.Equal(98 + 2 + 255 + 2 + (expectedPath.Length - 255), first.Length);
            Assert.Equal(new byte[] { 2, 255 }, first[98..100]);
            Assert.Equal(expectedPath[..255], first[100..355]);
            Assert.Equal(new byte[] { 2, (byte)(expectedPath.Length - 255) }, first[355..357]);
            Assert.Equal(expectedPath[255..], first[357..]);

            Assert.Equal(98, h.Tracker.Requests[3].Data.Length);
        }

        [Theory]
        [InlineData("udp://tracker.example:80/announce", true)]
        [InlineData("udp://[2001:db8::1]:6969", true)]
        [InlineData("UDP://tracker.example:1337/", true)]
        [InlineData("udp://tracker.example/announce", false)]
        [InlineData("http://tracker.example:80/announce", false)]
        public void OnlyUdpUrlsWithAPortAreSupported(string url, bool supported)
        {
            Assert.Equal(supported, UdpTrackerClient.IsSupported(new Uri(url)));
            if (!supported)
            {
                var socket = new UdpTrackerSocket(new Adapters.Memory.MemoryNetwork().CreateHost("10.0.0.1"), new Random(1));
                Assert.Throws<ArgumentException>(() => new UdpTrackerClient(new Uri(url), socket, new TrackerOptions(), () => 0));
            }
        }
    }
}
