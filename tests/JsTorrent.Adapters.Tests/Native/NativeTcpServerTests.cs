using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Tests.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    [Collection(MemoryNetworkTesting.TimingCollection)]
    public sealed class NativeTcpServerTests
    {
        private readonly NativeSocketFactory _factory = new NativeSocketFactory();

        [Fact]
        public async Task PortZeroBindsAnEphemeralPortThatAcceptsConnections()
        {
            await using ITcpServer first = await _factory.CreateTcpServerAsync(0).Bounded();
            await using ITcpServer second = await _factory.CreateTcpServerAsync(0).Bounded();
            Assert.InRange(first.Port, 1, 65535);
            Assert.NotEqual(first.Port, second.Port);

            await using ITcpSocket client = _factory.CreateTcpSocket();
            ValueTask<ITcpSocket> accept = second.AcceptAsync();
            await client.ConnectAsync("127.0.0.1", second.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();
            Assert.Equal(second.Port, client.RemotePort);
        }

        [Fact]
        public async Task AFixedPortInUseIsAddressInUseWithAClearMessage()
        {
            await using ITcpServer taken = await _factory.CreateTcpServerAsync(0).Bounded();
            var error = await Assert.ThrowsAsync<NetworkException>(() => _factory.CreateTcpServerAsync(taken.Port).Bounded());
            Assert.Equal(NetworkErrorKind.AddressInUse, error.Kind);
            Assert.Contains("port " + taken.Port, error.Message);
            Assert.Contains("in use", error.Message);
        }

        [Fact]
        public async Task AFixedPortIsFreeAgainOnceItsServerIsDisposed()
        {
            ITcpServer first = await _factory.CreateTcpServerAsync(0).Bounded();
            int port = first.Port;
            first.Dispose();

            await using ITcpServer again = await _factory.CreateTcpServerAsync(port).Bounded();
            Assert.Equal(port, again.Port);
        }

        [Fact]
        public async Task ACancelledAcceptThrowsOperationCanceledAndLosesNoConnection()
        {
            await using ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            using var cts = new CancellationTokenSource();
            ValueTask<ITcpSocket> accept = server.AcceptAsync(cts.Token);
            Assert.False(accept.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept.Bounded());

            await using ITcpSocket client = _factory.CreateTcpSocket();
            await client.ConnectAsync("127.0.0.1", server.Port).Bounded();
            await using ITcpSocket accepted = await server.AcceptAsync().Bounded();
            await client.SendAsync(new byte[] { 42 }).Bounded();
            Assert.Equal(new byte[] { 42 }, await MemoryNetworkTesting.ReceiveExactlyAsync(accepted, 1));
        }

        [Fact]
        public async Task DisposeEndsAPendingAcceptAndStopsListening()
        {
            ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            Assert.False(accept.IsCompleted);

            server.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => accept.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
            await Assert.ThrowsAsync<ObjectDisposedException>(() => server.AcceptAsync().Bounded());
            await using ITcpSocket client = _factory.CreateTcpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => client.ConnectAsync("127.0.0.1", server.Port).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionRefused, error.Kind);
        }

        [Fact]
        public async Task OnlyOneAcceptMayBeInFlight()
        {
            await using ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            await Assert.ThrowsAsync<InvalidOperationException>(() => server.AcceptAsync().Bounded());

            await using ITcpSocket client = _factory.CreateTcpSocket();
            await client.ConnectAsync("127.0.0.1", server.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();
            Assert.Equal("127.0.0.1", accepted.RemoteAddress);
        }

        [Fact]
        public async Task ABindAddressRestrictsTheListenerToIt()
        {
            var factory = new NativeSocketFactory(new NativeSocketOptions { BindAddress = IPAddress.Loopback });
            await using ITcpServer server = await factory.CreateTcpServerAsync(0).Bounded();
            await using ITcpSocket client = factory.CreateTcpSocket();
            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            await client.ConnectAsync("127.0.0.1", server.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();
            Assert.Equal("127.0.0.1", accepted.RemoteAddress);
        }

        [Fact]
        public void OptionsAreValidatedAndCopied()
        {
            var options = new NativeSocketOptions { ConnectTimeout = TimeSpan.FromSeconds(3), NoDelay = false };
            var factory = new NativeSocketFactory(options);
            options.ConnectTimeout = TimeSpan.FromSeconds(99);
            Assert.Equal(TimeSpan.FromSeconds(3), factory.Options.ConnectTimeout);
            Assert.False(factory.Options.NoDelay);
            Assert.True(new NativeSocketOptions().NoDelay);
            Assert.Equal(TimeSpan.FromSeconds(10), new NativeSocketOptions().ConnectTimeout);

            Assert.Throws<ArgumentOutOfRangeException>(() => new NativeSocketFactory(new NativeSocketOptions { ConnectTimeout = TimeSpan.Zero }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new NativeSocketFactory(new NativeSocketOptions { ReceiveBufferSize = -1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _factory.CreateTcpServerAsync(65536); });
        }
    }
}
