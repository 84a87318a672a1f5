using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    public sealed class HttpTrackerFailureTests : HttpTrackerTesting
    {
        private const string Url = "http://tracker.test/announce";

        [Fact]
        public async Task AnErrorStatusIsAnInvalidResponseWithCodeAndReason()
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Status(404, "Not Found"));

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Equal(Url + ": HTTP 404 Not Found.", error.Message);
        }

        [Fact]
        public async Task AnHtmlPageIsAnInvalidResponseQuotingItsStart()
        {
            string page = "<!DOCTYPE html>\n<html>\n  <head><title>Attention Required!</title></head><body>" + new string('x', 500) + "</body></html>";
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(HttpAnswers.Ascii(page)));

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.StartsWith(Url + ": ", error.Message);
            Assert.Contains("of HTML", error.Message);
            Assert.Contains("'<!DOCTYPE html> <html> <head><title>Attention Required!", error.Message);
            Assert.True(error.Message.Length < 300, error.Message);
        }

        [Fact]
        public async Task GarbageIsAnInvalidResponseWithAPrintableExcerpt()
        {
            byte[] garbage = { 0x00, 0x1B, (byte)'[', (byte)'3', (byte)'1', (byte)'m', 0xFF, (byte)'x', (byte)'\n', (byte)'y' };
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(garbage));

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Contains("10 bytes starting '??[31m?x y'", error.Message);
            Assert.DoesNotContain(error.Message, c => c < ' ' || c > '~');
        }

        [Theory]
        [InlineData("d8:intervali1800eeXYZ")]
        [InlineData("li1ee")]
        [InlineData("")]
        public async Task BencodeThatIsNotOneDictionaryIsAnInvalidResponse(string body)
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(HttpAnswers.Ok(HttpAnswers.Ascii(body)));

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Contains("not a bencoded tracker response", error.Message);
        }

        [Theory]
        [InlineData("SSH-2.0-OpenSSH_9.6\r\n\r\n", "not an HTTP response")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc", "compressed (Content-Encoding: gzip)")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc", "transfer coding 'gzip'")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", "two different Content-Length")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nabc", "is not a number")]
        [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "header line is malformed")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nd8:interval", "closed after 11 of the 100 bytes")]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Le", "closed in the middle of the headers")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "is not a chunk size")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n", "does not end where its size says")]
        [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", "in the middle of a chunk")]
        public async Task MalformedHttpIsAnInvalidResponse(string answer, string expected)
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Answer(answer);

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.StartsWith(Url + ": ", error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public async Task HeadersPastSixteenKibibytesAreRefused()
        {
            string answer = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 200).Select(i => "X-Pad-" + i + ": " + new string('a', 90) + "\r\n")) + "\r\n";
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Script(async socket =>
            {
                try
                {
                    await socket.SendAsync(HttpAnswers.Ascii(answer));
                }
                catch (NetworkException)
                {
                    // The client gave up on the headers and closed: what this test wants.
                }
            });

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Contains("longer than 16 KiB", error.Message);
        }

        [Theory]
        [InlineData("length")]
        [InlineData("chunked")]
        [InlineData("close")]
        public async Task ATenMegabyteBodyFailsWithoutBeingRead(string framing)
        {
            const int TenMegabytes = 10 * 1024 * 1024;
            Options.MaxResponseBytes = 64 * 1024;
            var sending = new TaskCompletionSource<(Exception? Error, long Sent)>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Script(async socket =>
            {
                string head = framing == "length" ? "HTTP/1.1 200 OK\r\nContent-Length: " + TenMegabytes + "\r\n\r\n"
                    : framing == "chunked" ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    : "HTTP/1.0 200 OK\r\n\r\n";
                long sent = 0;
                try
                {
                    await socket.SendAsync(HttpAnswers.Ascii(head));
                    byte[] piece = new byte[16 * 1024];
                    byte[] chunkHead = HttpAnswers.Ascii((framing == "chunked" ? piece.Length.ToString("x") + "\r\n" : string.Empty));
                    while (sent < TenMegabytes)
                    {
                        if (framing == "chunked")
                        {
                            await socket.SendAsync(chunkHead);
                        }

                        await socket.SendAsync(piece);
                        sent += piece.Length;
                        if (framing == "chunked")
                        {
                            await socket.SendAsync(HttpAnswers.Ascii("\r\n"));
                        }
                    }

                    sending.TrySetResult((null, sent));
                }
                catch (NetworkException ex)
                {
                    sending.TrySetResult((ex, sent));
                }
            });

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.InvalidResponse);

            Assert.Contains("larger than the limit of 65536 bytes", error.Message);
            (Exception? serverError, long serverSent) = await sending.Task.WaitAsync(Timeout);
            NetworkException reset = Assert.IsType<NetworkException>(serverError);
            Assert.Equal(NetworkErrorKind.ConnectionReset, reset.Kind);
            Assert.True(serverSent < TenMegabytes, "The server sent it all: " + serverSent);

            // The limit, one read buffer and the head: nothing of the rest was taken from the network.
            Assert.True(Client.BytesReceived <= Options.MaxResponseBytes + (32 * 1024), "The client read " + Client.BytesReceived + " bytes.");
        }

        [Fact]
        public async Task AServerThatClosesWithoutAnsweringIsUnreachable()
        {
            await using ScriptedHttpServer tracker = (await TrackerAsync()).Script(socket => Task.CompletedTask);

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.Unreachable);

            Assert.Equal(Url + ": the server closed the connection without answering.", error.Message);
        }

        [Fact]
        public async Task AServerThatNeverAnswersTimesOut()
        {
            Options.HttpTimeout = TimeSpan.FromMilliseconds(200);
            await using ScriptedHttpServer tracker = await TrackerAsync();
            tracker.Script(async socket => await socket.ReceiveAsync(new byte[1], tracker.Stopping));

            TrackerException error = await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.TimedOut);

            Assert.Equal(Url + ": no complete answer within 0.2 s.", error.Message);
            Assert.Single(tracker.Requests);
        }

        [Fact]
        public async Task AConnectThatIsNeverAnsweredTimesOut()
        {
            Options.HttpTimeout = TimeSpan.FromMilliseconds(200);
            Network.SetConnectFault("tracker.test", 80, MemoryConnectFault.Drop);

            await FailsAsync(CreateClient(Url).AnnounceAsync(Request(), default), TrackerErrorKind.TimedOut);
        }

        [Fact]
        public async Task ARefusedConnectionIsUnreachable()
        {
            TrackerException error = await FailsAsync(CreateClient("http://tracker.test:6969/announce").AnnounceAsync(Request(), default), TrackerErrorKind.Unreachable);

            Assert.StartsWith("http://tracker.test:6969/announce: ", error.Message);
            Assert.Equal(NetworkErrorKind.ConnectionRefused, Assert.IsType<NetworkException>(error.InnerException).Kind);
        }

        [Fact]
        public async Task AnUnknownHostIsUnreachable()
        {
            TrackerException error = await FailsAsync(CreateClient("http://nowhere.test/announce").AnnounceAsync(Request(), default), TrackerErrorKind.Unreachable);

            Assert.Equal(NetworkErrorKind.HostNotFound, Assert.IsType<NetworkException>(error.InnerException).Kind);
        }

        [Fact]
        public async Task HttpsOnTheMemoryNetworkIsUnsupported()
        {
            await using ScriptedHttpServer tracker = await TrackerAsync(443);

            TrackerException error = await FailsAsync(CreateClient("https://tracker.test/announce").AnnounceAsync(Request(), default), TrackerErrorKind.Unsupported);

            Assert.Contains("TLS", error.Message);
            Assert.Empty(tracker.Requests);
        }

        [Fact]
        public async Task TheCallersCancellationIsACancellationNotATrackerError()
        {
            var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using ScriptedHttpServer tracker = await TrackerAsync();
            tracker.Script(async socket =>
            {
                reached.TrySetResult(true);
                await socket.ReceiveAsync(new byte[1], tracker.Stopping);
            });
            using var cancel = new CancellationTokenSource();

            Task<AnnounceResponse> announce = CreateClient(Url).AnnounceAsync(Request(), cancel.Token);
            await reached.Task.WaitAsync(Timeout);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => announce.WaitAsync(Timeout));
        }
    }
}
