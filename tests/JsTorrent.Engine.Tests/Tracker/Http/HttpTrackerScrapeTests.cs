using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Http;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    public sealed class HttpTrackerScrapeTests : HttpTrackerTesting
    {
        [Theory]
        [InlineData("http://t/announce", "http://t/scrape")]
        [InlineData("http://t/x/announce.php?passkey=1", "http://t/x/scrape.php?passkey=1")]
        [InlineData("https://t:8443/a/announcer", "https://t:8443/a/scraper")]
        [InlineData("http://t/announce?x=announce", "http://t/scrape?x=announce")]
        [InlineData("http://t/tracker", null)]
        [InlineData("http://t/Announce", null)]
        [InlineData("http://t/announce/", null)]
        [InlineData("http://t/x/annonce", null)]
        public void TheScrapeUrlReplacesAnnounceInTheLastSegment(string announce, string? scrape)
        {
            HttpTrackerClient client = CreateClient(announce);

            Assert.Equal(scrape != null, client.SupportsScrape);
            Assert.Equal(scrape, client.ScrapeUrl?.AbsoluteUri);
        }

        [Fact]
        public async Task AScrapeAsksForTheRawInfoHashAndReadsItsEntry()
        {
            var files = new BencodeDictionary();
            files.Set(new BencodeString(new byte[20]), Counts(99, 99, 99));
            files.Set(new BencodeString(AwkwardHash), Counts(5, 40, 7));
            var body = new BencodeDictionary();
            body.Set("files", files);
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            ScrapeResult result = await Bounded(CreateClient("http://tracker.test/x/announce.php?passkey=1").ScrapeAsync(new InfoHash(AwkwardHash), default));

            Assert.Equal("GET /x/scrape.php?passkey=1&info_hash=" + AwkwardHashEscaped + " HTTP/1.1", tracker.RequestLine);
            Assert.Equal(5, result.Seeders);
            Assert.Equal(40, result.Completed);
            Assert.Equal(7, result.Leechers);
        }

        [Fact]
        public async Task ATorrentTheTrackerDoesNotListHasNoPeers()
        {
            var body = new BencodeDictionary();
            body.Set("files", new BencodeDictionary());
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(body));

            ScrapeResult result = await Bounded(CreateClient("http://tracker.test/announce").ScrapeAsync(new InfoHash(AwkwardHash), default));

            Assert.Equal((0, 0, 0), (result.Seeders, result.Completed, result.Leechers));
        }

        [Fact]
        public async Task AScrapeFailureNamesTheScrapeUrl()
        {
            var body = new BencodeDictionary();
            body.Set("failure reason", "scrape disabled");
            await using ScriptedHttpServer tracker = (await TrackerAsync())
                .Answer(HttpAnswers.Ok(body))
                .Answer(HttpAnswers.Ok(new BencodeDictionary()));
            HttpTrackerClient client = CreateClient("http://tracker.test/announce");

            TrackerException rejected = await FailsAsync(client.ScrapeAsync(new InfoHash(AwkwardHash), default), TrackerErrorKind.Rejected);
            TrackerException invalid = await FailsAsync(client.ScrapeAsync(new InfoHash(AwkwardHash), default), TrackerErrorKind.InvalidResponse);

            Assert.Equal("http://tracker.test/scrape: scrape disabled", rejected.Message);
            Assert.Contains("no 'files' dictionary", invalid.Message);
        }

        [Fact]
        public async Task ATrackerWithoutScrapeIsNotAsked()
        {
            await using ScriptedHttpServer tracker = await TrackerAsync();
            HttpTrackerClient client = CreateClient("http://tracker.test/tracker.php");

            TrackerException error = await FailsAsync(client.ScrapeAsync(new InfoHash(AwkwardHash), default), TrackerErrorKind.Unsupported);

            Assert.False(client.SupportsScrape);
            Assert.StartsWith("http://tracker.test/tracker.php: ", error.Message);
            Assert.Empty(tracker.Requests);
        }

        private static BencodeDictionary Counts(int complete, int downloaded, int incomplete)
        {
            var counts = new BencodeDictionary();
            counts.Set("complete", complete);
            counts.Set("downloaded", downloaded);
            counts.Set("incomplete", incomplete);
            return counts;
        }
    }
}
