using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Tests.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    public sealed class NativeUdpSocketTests
    {
        private readonly NativeSocketFactory _factory = new NativeSocketFactory();

        [Fact]
        public async Task ADatagramArrivesWithItsSenderAndTheReplyFindsItsWayBack()
        {
            await using IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            await using IUdpSocket sender = _factory.CreateUdpSocket();
            Assert.Equal(0, sender.LocalPort);

            byte[] payload = { 1, 2, 3, 4, 5 };
            await sender.SendAsync(payload, "127.0.0.1", receiver.LocalPort).Bounded();
            // Sending bound the socket to an ephemeral port.
            Assert.InRange(sender.LocalPort, 1, 65535);

            var buffer = new byte[100];
            UdpDatagram datagram = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(5, datagram.Length);
            Assert.Equal(payload, buffer[..5]);
            // Dual-mode socket, IPv4 sender: shown as plain IPv4.
            Assert.Equal("127.0.0.1", datagram.Address);
            Assert.Equal(sender.LocalPort, datagram.Port);

            await receiver.SendAsync(new byte[] { 7 }, datagram.Address, datagram.Port).Bounded();
            UdpDatagram reply = await sender.ReceiveAsync(buffer).Bounded();
            Assert.Equal(("127.0.0.1", receiver.LocalPort, 1), (reply.Address, reply.Port, reply.Length));
            Assert.Equal(7, buffer[0]);
        }

        [Fact]
        public async Task ADatagramTravelsOverIPv6Loopback()
        {
            if (!Socket.OSSupportsIPv6)
            {
                Assert.False(Socket.OSSupportsIPv6);
                return;
            }

            await using IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            await using IUdpSocket sender = _factory.CreateUdpSocket();
            await sender.SendAsync(new byte[] { 9, 8 }, "::1", receiver.LocalPort).Bounded();

            var buffer = new byte[65536];
            UdpDatagram datagram = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(("::1", sender.LocalPort, 2), (datagram.Address, datagram.Port, datagram.Length));
            Assert.Equal(new byte[] { 9, 8 }, buffer[..2]);
        }

        [Fact]
        public async Task ADatagramLongerThanTheBufferIsCutAndTheNextOneIsWhole()
        {
            await using IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            await using IUdpSocket sender = _factory.CreateUdpSocket();
            await sender.SendAsync(new byte[] { 1, 2, 3, 4, 5 }, "127.0.0.1", receiver.LocalPort).Bounded();
            await sender.SendAsync(new byte[] { 6 }, "127.0.0.1", receiver.LocalPort).Bounded();

            var buffer = new byte[2];
            UdpDatagram cut = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(2, cut.Length);
            Assert.Equal(new byte[] { 1, 2 }, buffer);
            Assert.Equal(sender.LocalPort, cut.Port);

            UdpDatagram next = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(1, next.Length);
            Assert.Equal(6, buffer[0]);
        }

        [Fact]
        public async Task ALargeDatagramArrivesWholeInALargeBuffer()
        {
            await using IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            await using IUdpSocket sender = _factory.CreateUdpSocket();
            byte[] payload = MemoryNetworkTesting.Pattern(60000, seed: 5);
            await sender.SendAsync(payload, "127.0.0.1", receiver.LocalPort).Bounded();

            var buffer = new byte[70000];
            UdpDatagram datagram = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(payload.Length, datagram.Length);
            Assert.Equal(payload, buffer[..payload.Length]);

            var tooLong = await Assert.ThrowsAsync<NetworkException>(() => sender.SendAsync(new byte[70000], "127.0.0.1", receiver.LocalPort).Bounded());
            Assert.Equal(NetworkErrorKind.Other, tooLong.Kind);
        }

        [Fact]
        public async Task SendsToAHostName()
        {
            await using IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            await using IUdpSocket sender = _factory.CreateUdpSocket();
            await sender.SendAsync(new byte[] { 3 }, "localhost", receiver.LocalPort).Bounded();

            var buffer = new byte[10];
            UdpDatagram datagram = await receiver.ReceiveAsync(buffer).Bounded();
            Assert.Equal(1, datagram.Length);
            Assert.Contains(datagram.Address, new[] { "127.0.0.1", "::1" });
        }

        [Fact]
        public async Task ACancelledReceiveLeavesTheSocketUsable()
        {
            await using IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            using var cts = new CancellationTokenSource();
            ValueTask<UdpDatagram> receive = receiver.ReceiveAsync(new byte[10], cts.Token);
            Assert.False(receive.IsCompleted);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive.Bounded());

            await using IUdpSocket sender = _factory.CreateUdpSocket();
            await sender.SendAsync(new byte[] { 4 }, "127.0.0.1", receiver.LocalPort).Bounded();
            var buffer = new byte[10];
            Assert.Equal(1, (await receiver.ReceiveAsync(buffer).Bounded()).Length);
            Assert.Equal(4, buffer[0]);
        }

        [Fact]
        public async Task DisposeEndsAPendingReceivePromptly()
        {
            IUdpSocket receiver = _factory.CreateUdpSocket();
            await receiver.BindAsync(0).Bounded();
            ValueTask<UdpDatagram> receive = receiver.ReceiveAsync(new byte[10]);
            Assert.False(receive.IsCompleted);

            receiver.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => receive.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.Throws<ObjectDisposedException>(() => { _ = receiver.ReceiveAsync(new byte[10]); });
            await Assert.ThrowsAsync<ObjectDisposedException>(() => receiver.SendAsync(new byte[1], "127.0.0.1", 9).Bounded());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => receiver.BindAsync(0).Bounded());
        }

        [Fact]
        public async Task ATakenPortIsAddressInUseAndMisuseIsRefused()
        {
            await using IUdpSocket first = _factory.CreateUdpSocket();
            await first.BindAsync(0).Bounded();
            await using IUdpSocket second = _factory.CreateUdpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => second.BindAsync(first.LocalPort).Bounded());
            Assert.Equal(NetworkErrorKind.AddressInUse, error.Kind);
            Assert.Contains("port " + first.LocalPort, error.Message);
            Assert.Equal(0, second.LocalPort);

            Assert.Throws<InvalidOperationException>(() => { _ = second.ReceiveAsync(new byte[10]); });
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.BindAsync(0).Bounded());
            ValueTask<UdpDatagram> pending = first.ReceiveAsync(new byte[10]);
            Assert.Throws<InvalidOperationException>(() => { _ = first.ReceiveAsync(new byte[10]); });
            first.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.Bounded());
        }

        [Fact]
        public async Task AnUnknownHostNameIsHostNotFound()
        {
            await using IUdpSocket sender = _factory.CreateUdpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => sender.SendAsync(new byte[1], "no-such-host.invalid", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.HostNotFound, error.Kind);
        }
    }
}
