using System;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Http;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    public sealed class HttpTrackerAnnounceTests : HttpTrackerTesting
    {
        [Fact]
        public async Task TheRequestCarriesRawEscapedBytesAndKeepsTheTrackersQuery()
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync(6969)).Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, Array.Empty<byte>())));

            await Bounded(CreateClient("http://tracker.test:6969/announce?passkey=s3cr3t").AnnounceAsync(Request(), default));

            Assert.Equal(
                "GET /announce?passkey=s3cr3t&info_hash=" + AwkwardHashEscaped + "&peer_id=-JS0100-abcdefghijkl"
                + "&port=6881&uploaded=1000&downloaded=2000&left=3000&compact=1&numwant=50&key=0000BEEF&event=started HTTP/1.1\r\n"
                + "Host: tracker.test:6969\r\n"
                + "User-Agent: JsTorrent 0.1\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n",
                Assert.Single(tracker.Requests));
        }

        [Fact]
        public async Task ARegularAnnounceOmitsTheEventEchoesTheTrackerIdAndSendsUnknownLeftAsALargeValue()
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, Array.Empty<byte>())));
            AnnounceRequest request = Request(AnnounceEvent.None);
            request.TrackerId = "id 7/\u00fc";
            request.Left = -1;

            await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(request, default));

            Assert.Equal(
                "GET /announce?info_hash=" + AwkwardHashEscaped + "&peer_id=-JS0100-abcdefghijkl"
                + "&port=6881&uploaded=1000&downloaded=2000&left=17592186044416&compact=1&numwant=50&key=0000BEEF&trackerid=id%207%2F%C3%BC HTTP/1.1",
                tracker.RequestLine);
            Assert.Equal(HttpTrackerUrls.UnknownLeft, 16L << 40);
            Assert.Contains("\r\nHost: tracker.test\r\n", tracker.Requests[0]);
        }

        [Theory]
        [InlineData(AnnounceEvent.Completed, "&event=completed")]
        [InlineData(AnnounceEvent.Stopped, "&event=stopped")]
        public async Task EventsAreNamed(AnnounceEvent announceEvent, string expected)
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, Array.Empty<byte>())));

            await Bounded(CreateClient("http://tracker.test/announce?").AnnounceAsync(Request(announceEvent), default));

            Assert.StartsWith("GET /announce?info_hash=", tracker.RequestLine);
            Assert.EndsWith(expected + " HTTP/1.1", tracker.RequestLine);
        }

        [Theory]
        [InlineData("fd00::80", "http://[fd00::80]:8080/announce", "[fd00::80]:8080")]
        [InlineData("10.0.0.9", "http://10.0.0.9:8080/announce", "10.0.0.9:8080")]
        public async Task LiteralAddressesAreConnectedToAndNamedInTheHostHeader(string address, string url, string hostHeader)
        {
            MemorySocketFactory host = Network.CreateHost(address);
            await using ScriptedHttpServer tracker = (await ScriptedHttpServer.StartAsync(host, 8080)).Answer(HttpAnswers.Ok(HttpAnswers.Announce(60, new byte[] { 10, 0, 0, 2, 0x1A, 0xE1 })));

            AnnounceResponse response = await Bounded(CreateClient(url).AnnounceAsync(Request(), default));

            Assert.Contains("\r\nHost: " + hostHeader + "\r\n", tracker.Requests[0]);
            Assert.Equal("10.0.0.2:6881", Assert.Single(response.Peers).ToString());
        }

        [Fact]
        public async Task CompactPeersDropPortZeroTheUnspecifiedAddressAndATrailingPartialEntry()
        {
            byte[] peers =
            {
                10, 0, 0, 2, 0x1A, 0xE1,
                192, 168, 1, 1, 0, 0,
                0, 0, 0, 0, 0, 80,
                1, 2, 3, 4, 0xFF, 0xFF,
                9, 9, 9,
            };
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, peers)));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(new[] { "10.0.0.2:6881", "1.2.3.4:65535" }, response.Peers.Select(p => p.ToString()));
            Assert.Equal(TimeSpan.FromMinutes(30), response.Interval);
        }

        [Fact]
        public async Task DictionaryPeersKeepValidHostsAndPortsAndIgnoreThePeerId()
        {
            var list = new BencodeList
            {
                Peer("10.0.0.3", 6881, withPeerId: true),
                Peer("peer.example", 51413),
                Peer("2001:db8::7", 1),
                Peer("[2001:db8::8]", 2),
                Peer("10.0.0.4", 0),
                Peer("10.0.0.5", 70000),
                Peer("not a host!", 1),
                Peer("0.0.0.0", 1),
                new BencodeInteger(5),
            };
            var missingPort = new BencodeDictionary();
            missingPort.Set("ip", "10.0.0.6");
            list.Add(missingPort);
            var body = new BencodeDictionary();
            body.Set("interval", 900);
            body.Set("peers", list);
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(
                new[] { "10.0.0.3:6881", "peer.example:51413", "[2001:db8::7]:1", "[2001:db8::8]:2" },
                response.Peers.Select(p => p.ToString()));
        }

        [Fact]
        public async Task Peers6AreReadAfterTheIPv4Peers()
        {
            byte[] peers6 =
            {
                0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1A, 0xE1,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 1, 2, 3, 0, 80,
                0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,
                1, 2, 3,
            };
            BencodeDictionary body = HttpAnswers.Announce(1800, new byte[] { 10, 0, 0, 2, 0x1A, 0xE1 });
            body.Set(new BencodeString("peers6"), new BencodeString(peers6));
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(new[] { "10.0.0.2:6881", "[2001:db8::1]:6881", "10.1.2.3:80" }, response.Peers.Select(p => p.ToString()));
        }

        [Fact]
        public async Task IntervalsTrackerIdWarningAndCountsAreRead()
        {
            BencodeDictionary body = HttpAnswers.Announce(1800, Array.Empty<byte>());
            body.Set("min interval", 900);
            body.Set("tracker id", "tid-1");
            body.Set("warning message", "slow\r\ndown");
            body.Set("complete", 12);
            body.Set("incomplete", 3);
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(TimeSpan.FromSeconds(1800), response.Interval);
            Assert.Equal(TimeSpan.FromSeconds(900), response.MinInterval);
            Assert.Equal("tid-1", response.TrackerId);
            Assert.Equal("slow  down", response.WarningMessage);
            Assert.Equal(12, response.Seeders);
            Assert.Equal(3, response.Leechers);
            Assert.Empty(response.Peers);
        }

        [Fact]
        public async Task AnAnswerWithoutIntervalOrCountsGetsTheDefaults()
        {
            Options.DefaultInterval = TimeSpan.FromMinutes(7);
            var body = new BencodeDictionary();
            body.Set("interval", -5);
            body.Set("complete", "many");
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(TimeSpan.FromMinutes(7), response.Interval);
            Assert.Null(response.MinInterval);
            Assert.Null(response.Seeders);
            Assert.Null(response.TrackerId);
        }

        [Fact]
        public async Task AFailureReasonIsARejectionNamingTheTracker()
        {
            var body = new BencodeDictionary();
            body.Set("failure reason", "torrent not registered\n");
            body.Set("interval", 1800);
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            TrackerException error = await FailsAsync(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default), TrackerErrorKind.Rejected);

            Assert.Equal("http://tracker.test/announce: torrent not registered", error.Message);
        }

        public static TheoryData<string> Framings => new TheoryData<string> { "length", "chunked", "close", "trickle", "interim" };

        [Theory]
        [MemberData(nameof(Framings))]
        public async Task EveryBodyFramingGivesTheSameAnswer(string framing)
        {
            BencodeDictionary body = HttpAnswers.Announce(1800, Enumerable.Range(0, 40).SelectMany(i => new byte[] { 10, 0, 1, (byte)i, 0x1A, 0xE1 }).ToArray());
            byte[] bytes = body.Encode();
            await using ScriptedHttpServer tracker = await TrackerAsync();
            switch (framing)
            {
                case "length":
                    tracker.Answer(HttpAnswers.Ok(bytes));
                    break;
                case "chunked":
                    tracker.Answer(HttpAnswers.OkChunked(bytes, 7));
                    break;
                case "close":
                    tracker.Answer(HttpAnswers.OkUntilClose(bytes));
                    break;
                case "interim":
                    tracker.Answer(HttpAnswers.Concat(HttpAnswers.Ascii("HTTP/1.1 100 Continue\r\n\r\n"), HttpAnswers.Ok(bytes)));
                    break;
                default:
                    // One byte per send: every read of the client may stop anywhere.
                    tracker.Script(async socket =>
                    {
                        foreach (byte b in HttpAnswers.OkChunked(bytes, 50))
                        {
                            await socket.SendAsync(new[] { b });
                        }
                    });
                    break;
            }

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(40, response.Peers.Count);
            Assert.Equal("10.0.1.39:6881", response.Peers[39].ToString());
        }

        [Fact]
        public async Task ATrailingNewlineAfterTheDictionaryIsAccepted()
        {
            byte[] body = HttpAnswers.Concat(HttpAnswers.Announce(1800, Array.Empty<byte>()).Encode(), HttpAnswers.Ascii("\r\n"));
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal(TimeSpan.FromSeconds(1800), response.Interval);
        }

        [Fact]
        public async Task AnEmptyUserAgentBecomesJsTorrentAndControlCharactersCannotSplitTheHeader()
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync())
                .Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, Array.Empty<byte>())))
                .Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, Array.Empty<byte>())));

            await Bounded(new HttpTrackerClient(new Uri("http://tracker.test/announce"), Client, Options, string.Empty).AnnounceAsync(Request(), default));
            await Bounded(new HttpTrackerClient(new Uri("http://tracker.test/announce"), Client, Options, "Evil\r\nX-Injected: 1").AnnounceAsync(Request(), default));

            Assert.Contains("\r\nUser-Agent: JsTorrent\r\n", tracker.Requests[0]);
            Assert.Contains("\r\nUser-Agent: Evil??X-Injected: 1\r\n", tracker.Requests[1]);
        }

        [Fact]
        public void OnlyHttpAndHttpsUrlsMakeAClient()
        {
            Assert.Throws<ArgumentException>(() => CreateClient("udp://tracker.test:6969/announce"));
            Assert.Throws<ArgumentException>(() => CreateClient("http://tracker.test:0/announce"));
            Assert.Equal(new Uri("https://tracker.test/announce"), CreateClient("https://tracker.test/announce").Url);
        }

        private static BencodeDictionary Peer(string ip, long port, bool withPeerId = false)
        {
            var peer = new BencodeDictionary();
            peer.Set("ip", ip);
            peer.Set("port", port);
            if (withPeerId)
            {
                peer.Set(new BencodeString("peer id"), new BencodeString(new byte[20]));
            }

            return peer;
        }
    }
}
