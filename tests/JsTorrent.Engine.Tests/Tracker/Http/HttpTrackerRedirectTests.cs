using System;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    public sealed class HttpTrackerRedirectTests : HttpTrackerTesting
    {
        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        [InlineData(307)]
        [InlineData(308)]
        public async Task ARelativeRedirectIsFollowedOnTheSameServer(int status)
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync())
                .Answer(HttpAnswers.Redirect(status, "/moved/announce?token=1"))
                .Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, new byte[] { 10, 0, 0, 2, 0x1A, 0xE1 })));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal("10.0.0.2:6881", Assert.Single(response.Peers).ToString());
            Assert.Equal(2, tracker.Requests.Count);
            Assert.StartsWith("GET /moved/announce?token=1 HTTP/1.1\r\nHost: tracker.test\r\n", tracker.Requests[1]);
        }

        [Fact]
        public async Task AnAbsoluteRedirectGoesToTheOtherServer()
        {
            MemorySocketFactory otherHost = Network.CreateHost("other.test");
            await using ScriptedHttpServer other = (await ScriptedHttpServer.StartAsync(otherHost, 7070))
                .Answer(HttpAnswers.Ok(HttpAnswers.Announce(1800, new byte[] { 10, 0, 0, 3, 0x1A, 0xE1 })));
            await using ScriptedHttpServer tracker = (await TrackerAsync())
                .Answer(HttpAnswers.Redirect(307, "http://other.test:7070/a?b=c"));

            AnnounceResponse response = await Bounded(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default));

            Assert.Equal("10.0.0.3:6881", Assert.Single(response.Peers).ToString());
            Assert.Single(tracker.Requests);
            Assert.StartsWith("GET /a?b=c HTTP/1.1\r\nHost: other.test:7070\r\n", Assert.Single(other.Requests));
        }

        [Fact]
        public async Task ARedirectLoopStopsAfterTheLimit()
        {
            Options.MaxRedirects = 2;
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Redirect(302, "/announce"));

            TrackerException error = await FailsAsync(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Equal("http://tracker.test/announce: more than 2 redirects (the last one to http://tracker.test/announce).", error.Message);
            Assert.Equal(3, tracker.Requests.Count);
        }

        [Theory]
        [InlineData("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n", "HTTP 302 Found without a Location")]
        [InlineData("HTTP/1.1 302 Found\r\nLocation: ftp://tracker.test/announce\r\n\r\n", "redirects to 'ftp://tracker.test/announce', which is not an http or https URL")]
        public async Task ARedirectWithoutAUsableLocationIsAnInvalidResponse(string answer, string expected)
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(answer);

            TrackerException error = await FailsAsync(CreateClient("http://tracker.test/announce").AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Contains(expected, error.Message);
        }
    }
}
