using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    public sealed class MemoryNetworkTests
    {
        private readonly MemoryNetwork _network = new MemoryNetwork();
        private readonly MemorySocketFactory _a;
        private readonly MemorySocketFactory _b;

        public MemoryNetworkTests()
        {
            _a = _network.CreateHost("10.0.0.1");
            _b = _network.CreateHost("10.0.0.2");
        }

        [Fact]
        public void HostAddressesAreUniqueInAnySpelling()
        {
            _network.CreateHost("fe80::1");
            Assert.Throws<ArgumentException>(() => _network.CreateHost("fe80:0::0:1"));
            Assert.Throws<ArgumentException>(() => _network.CreateHost("10.0.0.1"));
            Assert.Throws<ArgumentException>(() => _network.CreateHost("127.0.0.1"));
            Assert.Throws<ArgumentException>(() => _network.CreateHost("0.0.0.0"));
            Assert.Throws<ArgumentException>(() => _network.CreateHost(" "));
            Assert.True(_network.TryGetHost("[fe80::0:1]", out MemorySocketFactory host));
            Assert.Equal("fe80::1", host.Address);
            Assert.Equal(3, _network.Hosts.Count);
        }

        [Fact]
        public async Task NetworksAreIndependent()
        {
            var other = new MemoryNetwork();
            MemorySocketFactory twin = other.CreateHost("10.0.0.1");
            await using ITcpServer listener = await twin.CreateTcpServerAsync(6881).Bounded();
            await using ITcpServer mine = await _a.CreateTcpServerAsync(6881).Bounded();
            Assert.Equal(1, other.ListenerCount);
            Assert.Equal(1, _network.ListenerCount);
        }

        [Fact]
        public async Task ConnectReachesTheListenerAndBothEndsKnowEachOther()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b, port: 6881);

            Assert.Equal("10.0.0.2", pair.Client.RemoteAddress);
            Assert.Equal(6881, pair.Client.RemotePort);
            Assert.InRange(pair.Client.LocalPort, 49152, 65535);
            Assert.Equal("10.0.0.1", pair.Server.RemoteAddress);
            Assert.Equal(pair.Client.LocalPort, pair.Server.RemotePort);
            Assert.Equal(6881, pair.Server.LocalPort);
            Assert.Equal(1, _network.ConnectionCount);

            await pair.Client.SendAsync(new byte[] { 1, 2, 3 }).Bounded();
            byte[] got = await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 3);
            await pair.Server.SendAsync(got).Bounded();
            Assert.Equal(new byte[] { 1, 2, 3 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Client, 3));
        }

        [Fact]
        public async Task ConnectWithNothingListeningIsRefusedAndTheSocketMayRetry()
        {
            await using MemoryTcpSocket socket = _a.CreateTcpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => socket.ConnectAsync("10.0.0.2", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionRefused, error.Kind);
            Assert.Equal(0, socket.RemotePort);

            await using ITcpServer listener = await _b.CreateTcpServerAsync(6881).Bounded();
            await socket.ConnectAsync("10.0.0.2", 6881).Bounded();
            Assert.Equal(6881, socket.RemotePort);
            await using ITcpSocket accepted = await listener.AcceptAsync().Bounded();
            Assert.Equal("10.0.0.1", accepted.RemoteAddress);
        }

        [Theory]
        [InlineData("10.9.9.9", NetworkErrorKind.Unreachable)]
        [InlineData("2001:db8::7", NetworkErrorKind.Unreachable)]
        [InlineData("tracker.example", NetworkErrorKind.HostNotFound)]
        public async Task ConnectToAnUnknownHostFails(string host, NetworkErrorKind kind)
        {
            await using MemoryTcpSocket socket = _a.CreateTcpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => socket.ConnectAsync(host, 80).Bounded());
            Assert.Equal(kind, error.Kind);
        }

        [Fact]
        public async Task LoopbackReachesTheOwnHost()
        {
            await using ITcpServer listener = await _a.CreateTcpServerAsync(0).Bounded();
            await using MemoryTcpSocket socket = _a.CreateTcpSocket();
            await socket.ConnectAsync("127.0.0.1", listener.Port).Bounded();
            await using ITcpSocket accepted = await listener.AcceptAsync().Bounded();
            Assert.Equal("127.0.0.1", accepted.RemoteAddress);
            Assert.Equal("127.0.0.1", socket.RemoteAddress);
            Assert.Equal(socket.LocalPort, accepted.RemotePort);
        }

        [Fact]
        public async Task APortInUseCannotBeListenedOnUntilReleased()
        {
            ITcpServer first = await _a.CreateTcpServerAsync(6881).Bounded();
            var error = await Assert.ThrowsAsync<NetworkException>(() => _a.CreateTcpServerAsync(6881).Bounded());
            Assert.Equal(NetworkErrorKind.AddressInUse, error.Kind);

            // Another host's port 6881 is its own.
            await using ITcpServer elsewhere = await _b.CreateTcpServerAsync(6881).Bounded();

            await first.DisposeAsync();
            await using ITcpServer second = await _a.CreateTcpServerAsync(6881).Bounded();
            Assert.Equal(6881, second.Port);
        }

        [Fact]
        public async Task PortZeroPicksDistinctEphemeralPortsAlsoUsedByOutgoingConnections()
        {
            await using ITcpServer one = await _a.CreateTcpServerAsync(0).Bounded();
            await using ITcpServer two = await _a.CreateTcpServerAsync(0).Bounded();
            Assert.InRange(one.Port, 49152, 65535);
            Assert.InRange(two.Port, 49152, 65535);
            Assert.NotEqual(one.Port, two.Port);

            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            Assert.NotEqual(one.Port, pair.Client.LocalPort);
            Assert.NotEqual(two.Port, pair.Client.LocalPort);
            var error = await Assert.ThrowsAsync<NetworkException>(() => _a.CreateTcpServerAsync(pair.Client.LocalPort).Bounded());
            Assert.Equal(NetworkErrorKind.AddressInUse, error.Kind);
        }

        [Fact]
        public async Task CountsReturnToZeroAfterEverythingIsDisposed()
        {
            MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            MemoryTcpSocket idle = _a.CreateTcpSocket();
            IUdpSocket udp = _b.CreateUdpSocket();
            await udp.BindAsync(0).Bounded();
            await pair.Client.SendAsync(new byte[100]).Bounded();
            await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 100);

            Assert.Equal(3, _network.OpenSocketCount);
            Assert.Equal(2, _a.OpenSocketCount);
            Assert.Equal(1, _network.ListenerCount);
            Assert.Equal(1, _network.UdpSocketCount);
            Assert.Equal(1, _network.ConnectionCount);

            await pair.DisposeAsync();
            idle.Dispose();
            udp.Dispose();
            udp.Dispose();

            Assert.Equal(0, _network.OpenSocketCount);
            Assert.Equal(0, _network.ListenerCount);
            Assert.Equal(0, _network.UdpSocketCount);
            Assert.Equal(0, _network.ConnectionCount);
            Assert.Equal(100, _network.TotalBytesDelivered);
            Assert.Equal(100, _a.BytesSent);
            Assert.Equal(100, _b.BytesReceived);
        }

        [Fact]
        public async Task DisposingAListenerEndsAPendingAcceptAndResetsTheBacklog()
        {
            ITcpServer listener = await _b.CreateTcpServerAsync(6881).Bounded();
            await using MemoryTcpSocket queued = _a.CreateTcpSocket();
            await queued.ConnectAsync("10.0.0.2", 6881).Bounded();
            Assert.Equal(2, _network.OpenSocketCount);

            await using ITcpServer other = await _b.CreateTcpServerAsync(6882).Bounded();
            ValueTask<ITcpSocket> pending = other.AcceptAsync();
            await other.DisposeAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.Bounded());

            listener.Dispose();
            var error = await Assert.ThrowsAsync<NetworkException>(() => queued.ReceiveAsync(new byte[1]).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionReset, error.Kind);
            Assert.Equal(1, _network.OpenSocketCount);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => listener.AcceptAsync().Bounded());

            await using MemoryTcpSocket late = _a.CreateTcpSocket();
            var refused = await Assert.ThrowsAsync<NetworkException>(() => late.ConnectAsync("10.0.0.2", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionRefused, refused.Kind);
        }

        [Fact]
        public async Task ADroppedConnectEndsOnlyWithTheCallersCancellation()
        {
            await using ITcpServer listener = await _b.CreateTcpServerAsync(6881).Bounded();
            _network.SetConnectFault("10.0.0.2", 6881, MemoryConnectFault.Drop);
            await using MemoryTcpSocket socket = _a.CreateTcpSocket();
            using var cts = new CancellationTokenSource();
            ValueTask connect = socket.ConnectAsync("10.0.0.2", 6881, cts.Token);
            Assert.False(connect.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect.Bounded());

            _network.SetConnectFault("10.0.0.2", 6881, MemoryConnectFault.None);
            await socket.ConnectAsync("10.0.0.2", 6881).Bounded();
            Assert.Equal(6881, socket.RemotePort);
        }

        [Fact]
        public async Task ADroppedConnectEndsWhenTheSocketIsDisposed()
        {
            _network.SetConnectFault("10.0.0.2", 0, MemoryConnectFault.Drop);
            MemoryTcpSocket socket = _a.CreateTcpSocket();
            ValueTask connect = socket.ConnectAsync("10.0.0.2", 1234);
            socket.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => connect.Bounded());
            Assert.Equal(0, _network.OpenSocketCount);
        }

        [Fact]
        public async Task ATimedOutConnectFailsWithTimedOutOnThatPortOnly()
        {
            await using ITcpServer listener = await _b.CreateTcpServerAsync(6882).Bounded();
            _network.SetConnectFault("10.0.0.2", 6881, MemoryConnectFault.TimeOut);
            await using MemoryTcpSocket socket = _a.CreateTcpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => socket.ConnectAsync("10.0.0.2", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.TimedOut, error.Kind);
            await socket.ConnectAsync("10.0.0.2", 6882).Bounded();
        }

        [Fact]
        public async Task ResetConnectionsAbortsEveryConnectionOfAHost()
        {
            MemorySocketFactory c = _network.CreateHost("10.0.0.3");
            await using MemoryPair ab = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            await using MemoryPair ac = await MemoryNetworkTesting.ConnectAsync(_a, c);
            await using MemoryPair bc = await MemoryNetworkTesting.ConnectAsync(_b, c);
            ValueTask<int> pending = ab.Server.ReceiveAsync(new byte[10]);

            Assert.Equal(1, _network.ResetConnections("10.0.0.2", "10.0.0.1"));
            var error = await Assert.ThrowsAsync<NetworkException>(() => pending.Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionReset, error.Kind);

            // The connection with B counts again: it is still open, only reset.
            Assert.Equal(2, _network.ResetConnections("10.0.0.1"));
            error = await Assert.ThrowsAsync<NetworkException>(() => ac.Server.SendAsync(new byte[1]).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionReset, error.Kind);

            await bc.Client.SendAsync(new byte[] { 7 }).Bounded();
            Assert.Equal(new byte[] { 7 }, await MemoryNetworkTesting.ReceiveExactlyAsync(bc.Server, 1));
        }
    }
}
