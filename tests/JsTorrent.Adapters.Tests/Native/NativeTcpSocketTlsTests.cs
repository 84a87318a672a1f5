using System;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Tests.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Http;

namespace JsTorrent.Adapters.Tests.Native
{
    /// <summary>TLS on the native sockets (HTTPS trackers), against a local server with a certificate made by the test.</summary>
    [Collection(MemoryNetworkTesting.TimingCollection)]
    public sealed class NativeTcpSocketTlsTests : IDisposable
    {
        private readonly TlsTestServer _server = new TlsTestServer();

        public void Dispose() => _server.Dispose();

        [Fact]
        public async Task DataCrossesTlsBothWays()
        {
            var factory = new NativeSocketFactory(new NativeSocketOptions { ServerCertificateValidation = TlsTestServer.Accepting(_server.Certificate) });
            byte[] upload = MemoryNetworkTesting.Pattern(200_000, seed: 1);
            byte[] greeting = Encoding.ASCII.GetBytes("hello over tls");
            Task serving = _server.ServeOnceAsync(async tls =>
            {
                await tls.WriteAsync(greeting);
                var received = new byte[upload.Length];
                await tls.ReadExactlyAsync(received);
                Assert.Equal(upload, received);
                await tls.WriteAsync(received);
            });
            await using ITcpSocket client = factory.CreateTcpSocket();

            await client.ConnectAsync("127.0.0.1", _server.Port).Bounded();
            await client.StartTlsAsync("localhost").Bounded();
            Assert.Equal(greeting, await MemoryNetworkTesting.ReceiveExactlyAsync(client, greeting.Length));
            await client.SendAsync(upload).Bounded();
            Assert.Equal(upload, await MemoryNetworkTesting.ReceiveExactlyAsync(client, upload.Length));

            await serving.WaitAsync(TlsTestServer.Timeout);
            Assert.Equal(0, await client.ReceiveAsync(new byte[1]).Bounded());
        }

        [Theory]
        [InlineData("localhost")]
        [InlineData("wrong.example")]
        public async Task AnUntrustedCertificateFailsWithoutACallback(string serverName)
        {
            var factory = new NativeSocketFactory();
            Task serving = _server.ServeOnceAsync(tls => Task.CompletedTask);
            await using ITcpSocket client = factory.CreateTcpSocket();
            await client.ConnectAsync("127.0.0.1", _server.Port).Bounded();

            var error = await Assert.ThrowsAsync<NetworkException>(() => client.StartTlsAsync(serverName).Bounded());

            Assert.Equal(NetworkErrorKind.TlsFailed, error.Kind);
            Assert.Contains(serverName, error.Message);
            await EndServerAsync(serving);
        }

        [Fact]
        public async Task TheCallbackRefusesAnyOtherCertificate()
        {
            using var other = new TlsTestServer();
            var factory = new NativeSocketFactory(new NativeSocketOptions { ServerCertificateValidation = TlsTestServer.Accepting(other.Certificate) });
            Task serving = _server.ServeOnceAsync(tls => Task.CompletedTask);
            await using ITcpSocket client = factory.CreateTcpSocket();
            await client.ConnectAsync("127.0.0.1", _server.Port).Bounded();

            var error = await Assert.ThrowsAsync<NetworkException>(() => client.StartTlsAsync("localhost").Bounded());

            Assert.Equal(NetworkErrorKind.TlsFailed, error.Kind);
            await EndServerAsync(serving);
        }

        [Fact]
        public async Task TlsNeedsAConnectedIdleSocket()
        {
            await using ITcpSocket unconnected = new NativeSocketFactory().CreateTcpSocket();

            Assert.Throws<InvalidOperationException>(() => unconnected.StartTlsAsync("localhost"));
            Assert.Throws<ArgumentException>(() => unconnected.StartTlsAsync(string.Empty));
        }

        [Fact]
        public async Task AnHttpsAnnounceWorksEndToEnd()
        {
            var factory = new NativeSocketFactory(new NativeSocketOptions { ServerCertificateValidation = TlsTestServer.Accepting(_server.Certificate) });
            string? head = null;
            Task serving = _server.ServeOnceAsync(async tls =>
            {
                head = await TlsTestServer.ReadHeadAsync(tls);
                var body = new BencodeDictionary();
                body.Set("interval", 1800);
                body.Set(new BencodeString("peers"), new BencodeString(new byte[] { 10, 0, 0, 2, 0x1A, 0xE1 }));
                byte[] encoded = body.Encode();
                await tls.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + encoded.Length.ToString("x") + "\r\n"));
                await tls.WriteAsync(encoded);
                await tls.WriteAsync(Encoding.ASCII.GetBytes("\r\n0\r\n\r\n"));
            });
            var client = new HttpTrackerClient(new Uri("https://127.0.0.1:" + _server.Port + "/announce?pk=1"), factory, new TrackerOptions(), "JsTorrent 0.1");

            AnnounceResponse response = await client.AnnounceAsync(Announce(), default).WaitAsync(TlsTestServer.Timeout);

            await serving.WaitAsync(TlsTestServer.Timeout);
            Assert.Equal("10.0.0.2:6881", Assert.Single(response.Peers).ToString());
            Assert.Equal(TimeSpan.FromSeconds(1800), response.Interval);
            Assert.StartsWith("GET /announce?pk=1&info_hash=", head);
            Assert.Contains("\r\nHost: 127.0.0.1:" + _server.Port + "\r\n", head);
        }

        [Fact]
        public async Task AnHttpsTrackerMayNotRedirectToPlainHttp()
        {
            var factory = new NativeSocketFactory(new NativeSocketOptions { ServerCertificateValidation = TlsTestServer.Accepting(_server.Certificate) });
            Task serving = _server.ServeOnceAsync(async tls =>
            {
                await TlsTestServer.ReadHeadAsync(tls);
                await tls.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + _server.Port + "/announce\r\nContent-Length: 0\r\n\r\n"));
            });
            var client = new HttpTrackerClient(new Uri("https://127.0.0.1:" + _server.Port + "/announce"), factory, new TrackerOptions(), "JsTorrent 0.1");

            var error = await Assert.ThrowsAsync<TrackerException>(() => client.AnnounceAsync(Announce(), default).WaitAsync(TlsTestServer.Timeout));

            await serving.WaitAsync(TlsTestServer.Timeout);
            Assert.Equal(TrackerErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("from https to plain http", error.Message);
        }

        [Fact]
        public async Task AnHttpsTrackerWithAnUntrustedCertificateIsUnreachable()
        {
            Task serving = _server.ServeOnceAsync(tls => Task.CompletedTask);
            var client = new HttpTrackerClient(new Uri("https://localhost:" + _server.Port + "/announce"), new NativeSocketFactory(), new TrackerOptions(), "JsTorrent 0.1");

            var error = await Assert.ThrowsAsync<TrackerException>(() => client.AnnounceAsync(Announce(), default).WaitAsync(TlsTestServer.Timeout));

            Assert.Equal(TrackerErrorKind.Unreachable, error.Kind);
            Assert.StartsWith("https://localhost:" + _server.Port + "/announce: ", error.Message);
            Assert.Equal(NetworkErrorKind.TlsFailed, Assert.IsType<NetworkException>(error.InnerException).Kind);
            await EndServerAsync(serving);
        }

        private static AnnounceRequest Announce()
            => new AnnounceRequest(new InfoHash(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray()), PeerId.Generate(), 6881) { Left = 100, Event = AnnounceEvent.Started };

        /// <summary>
        /// Waits for the server after the client refused its certificate. With TLS 1.3 the server's
        /// side of the handshake ends before the client checks the certificate, so it may have
        /// succeeded; with TLS 1.2 it sees the client's alert. Anything else is a bug of the test.
        /// </summary>
        private static async Task EndServerAsync(Task serving)
        {
            Exception? error = await Record.ExceptionAsync(() => serving.WaitAsync(TlsTestServer.Timeout));
            Assert.True(error == null || error is IOException || error is AuthenticationException, "The server failed: " + error);
        }
    }
}
