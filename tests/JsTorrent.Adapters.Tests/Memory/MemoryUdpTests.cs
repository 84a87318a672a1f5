using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    public sealed class MemoryUdpTests
    {
        private readonly MemoryNetwork _network = new MemoryNetwork();
        private readonly MemorySocketFactory _a;
        private readonly MemorySocketFactory _b;

        public MemoryUdpTests()
        {
            _a = _network.CreateHost("10.0.0.1");
            _b = _network.CreateHost("10.0.0.2");
        }

        [Fact]
        public async Task ADatagramArrivesAsACopyWithItsSender()
        {
            await using IUdpSocket receiver = _b.CreateUdpSocket();
            await receiver.BindAsync(6881).Bounded();
            await using IUdpSocket sender = _a.CreateUdpSocket();
            Assert.Equal(0, sender.LocalPort);

            byte[] payload = { 1, 2, 3, 4, 5 };
            await sender.SendAsync(payload, "10.0.0.2", 6881).Bounded();
            payload[0] = 99;
            // Sending bound the socket to an ephemeral port.
            Assert.InRange(sender.LocalPort, 49152, 65535);

            var buffer = new byte[100];
            UdpDatagram datagram = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(5, datagram.Length);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, buffer[..5]);
            Assert.Equal("10.0.0.1", datagram.Address);
            Assert.Equal(sender.LocalPort, datagram.Port);

            // And back to the sender's port.
            await receiver.SendAsync(new byte[] { 7 }, datagram.Address, datagram.Port).Bounded();
            UdpDatagram reply = await sender.ReceiveAsync(buffer).Bounded();
            Assert.Equal(("10.0.0.2", 6881, 1), (reply.Address, reply.Port, reply.Length));
        }

        [Fact]
        public async Task ADatagramLongerThanTheBufferIsCut()
        {
            await using IUdpSocket receiver = _b.CreateUdpSocket();
            await receiver.BindAsync(6881).Bounded();
            await using IUdpSocket sender = _a.CreateUdpSocket();
            await sender.SendAsync(new byte[] { 1, 2, 3, 4, 5 }, "10.0.0.2", 6881).Bounded();
            await sender.SendAsync(new byte[] { 6 }, "10.0.0.2", 6881).Bounded();

            var buffer = new byte[2];
            Assert.Equal(2, (await receiver.ReceiveAsync(buffer).Bounded()).Length);
            Assert.Equal(new byte[] { 1, 2 }, buffer);
            // The rest of the first datagram is gone, not read as the next one.
            Assert.Equal(1, (await receiver.ReceiveAsync(buffer).Bounded()).Length);
            Assert.Equal(6, buffer[0]);

            var error = await Assert.ThrowsAsync<NetworkException>(() => sender.SendAsync(new byte[70000], "10.0.0.2", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.Other, error.Kind);
        }

        [Fact]
        public async Task DatagramsToNowhereAreLostQuietlyButUnknownNamesFail()
        {
            await using IUdpSocket receiver = _b.CreateUdpSocket();
            await receiver.BindAsync(6881).Bounded();
            await using IUdpSocket sender = _a.CreateUdpSocket();
            await sender.SendAsync(new byte[] { 1 }, "10.0.0.2", 6882).Bounded();
            await sender.SendAsync(new byte[] { 2 }, "10.7.7.7", 6881).Bounded();
            var error = await Assert.ThrowsAsync<NetworkException>(() => sender.SendAsync(new byte[] { 3 }, "dht.example", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.HostNotFound, error.Kind);

            await sender.SendAsync(new byte[] { 4 }, "10.0.0.2", 6881).Bounded();
            var buffer = new byte[10];
            await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(4, buffer[0]);
        }

        [Fact]
        public async Task DropFiltersLoseThePickedDatagrams()
        {
            await using IUdpSocket receiver = _b.CreateUdpSocket();
            await receiver.BindAsync(6881).Bounded();
            await using IUdpSocket sender = _a.CreateUdpSocket();

            MemoryUdpDropFilter everySecond = MemoryUdpDropFilter.EveryNth(2);
            _a.UdpDropFilter = everySecond;
            for (byte i = 1; i <= 6; i++)
            {
                await sender.SendAsync(new[] { i }, "10.0.0.2", 6881).Bounded();
            }

            _a.UdpDropFilter = null;
            MemoryUdpDropFilter odd = MemoryUdpDropFilter.Where(p => p.Data.Span[0] % 2 == 1 && p.DestinationPort == 6881 && p.SourceAddress == "10.0.0.1");
            _network.UdpDropFilter = odd;
            for (byte i = 7; i <= 10; i++)
            {
                await sender.SendAsync(new[] { i }, "10.0.0.2", 6881).Bounded();
            }

            _network.UdpDropFilter = MemoryUdpDropFilter.All();
            await sender.SendAsync(new byte[] { 11 }, "10.0.0.2", 6881).Bounded();
            _network.UdpDropFilter = null;
            await sender.SendAsync(new byte[] { 12 }, "10.0.0.2", 6881).Bounded();

            var buffer = new byte[1];
            var got = new byte[6];
            for (int i = 0; i < got.Length; i++)
            {
                await receiver.ReceiveAsync(buffer).Bounded();
                got[i] = buffer[0];
            }

            Assert.Equal(new byte[] { 1, 3, 5, 8, 10, 12 }, got);
            Assert.Equal(3, everySecond.DroppedCount);
            Assert.Equal(2, odd.DroppedCount);
            Assert.Throws<ArgumentOutOfRangeException>(() => MemoryUdpDropFilter.EveryNth(0));
        }

        [Fact]
        public async Task AFullQueueLosesFurtherDatagrams()
        {
            _network.UdpQueueLimit = 3;
            await using IUdpSocket receiver = _b.CreateUdpSocket();
            await receiver.BindAsync(6881).Bounded();
            await using IUdpSocket sender = _a.CreateUdpSocket();
            for (byte i = 1; i <= 5; i++)
            {
                await sender.SendAsync(new[] { i }, "10.0.0.2", 6881).Bounded();
            }

            var buffer = new byte[1];
            for (byte i = 1; i <= 3; i++)
            {
                await receiver.ReceiveAsync(buffer).Bounded();
                Assert.Equal(i, buffer[0]);
            }

            ValueTask<UdpDatagram> next = receiver.ReceiveAsync(buffer);
            Assert.False(next.IsCompleted);
            await sender.SendAsync(new byte[] { 6 }, "10.0.0.2", 6881).Bounded();
            await next.Bounded();
            Assert.Equal(6, buffer[0]);
        }

        [Fact]
        public async Task LatencyDelaysDatagrams()
        {
            TimeSpan latency = TimeSpan.FromMilliseconds(150);
            _a.Outbound = new MemoryLinkOptions { Latency = latency };
            await using IUdpSocket receiver = _b.CreateUdpSocket();
            await receiver.BindAsync(6881).Bounded();
            await using IUdpSocket sender = _a.CreateUdpSocket();
            var stopwatch = Stopwatch.StartNew();
            await sender.SendAsync(new byte[] { 1 }, "10.0.0.2", 6881).Bounded();
            await receiver.ReceiveAsync(new byte[1]).Bounded();
            Assert.InRange(stopwatch.Elapsed, latency - TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task PortsAreExclusiveAndDisposeEndsAPendingReceive()
        {
            IUdpSocket first = _a.CreateUdpSocket();
            await first.BindAsync(6881).Bounded();
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.BindAsync(6882).Bounded());
            await using IUdpSocket second = _a.CreateUdpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => second.BindAsync(6881).Bounded());
            Assert.Equal(NetworkErrorKind.AddressInUse, error.Kind);
            // TCP ports are a separate space.
            await using ITcpServer tcp = await _a.CreateTcpServerAsync(6881).Bounded();

            using var cts = new CancellationTokenSource();
            ValueTask<UdpDatagram> cancelled = first.ReceiveAsync(new byte[1], cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Bounded());

            ValueTask<UdpDatagram> pending = first.ReceiveAsync(new byte[1]);
            Assert.Equal(2, _network.UdpSocketCount);
            first.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.Bounded());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => first.SendAsync(new byte[1], "10.0.0.2", 1).Bounded());
            Assert.Equal(1, _network.UdpSocketCount);

            await second.BindAsync(6881).Bounded();
            Assert.Equal(6881, second.LocalPort);
        }
    }
}
