using System;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Tests.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    /// <summary>TCP over the loopback interfaces only: nothing here leaves the machine.</summary>
    [Collection(MemoryNetworkTesting.TimingCollection)]
    public sealed class NativeTcpSocketTests
    {
        private readonly NativeSocketFactory _factory = new NativeSocketFactory();

        [Fact]
        public async Task ConnectsAcceptsAndEchoesOverIPv4Loopback()
        {
            await using ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            await using ITcpSocket client = _factory.CreateTcpSocket();
            Assert.Null(client.RemoteAddress);
            Assert.Equal(0, client.RemotePort);

            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            await client.ConnectAsync("127.0.0.1", server.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();

            Assert.Equal("127.0.0.1", client.RemoteAddress);
            Assert.Equal(server.Port, client.RemotePort);
            // The dual-mode listener sees an IPv4-mapped address; it must read as plain IPv4.
            Assert.Equal("127.0.0.1", accepted.RemoteAddress);
            Assert.InRange(accepted.RemotePort, 1, 65535);
            Assert.NotEqual(server.Port, accepted.RemotePort);

            await EchoAsync(client, accepted);
        }

        [Fact]
        public async Task ConnectsAcceptsAndEchoesOverIPv6Loopback()
        {
            if (!Socket.OSSupportsIPv6)
            {
                // Without IPv6 the default listener must have fallen back to IPv4 and still work there.
                Assert.False(Socket.OSSupportsIPv6);
                await using ITcpServer fallback = await _factory.CreateTcpServerAsync(0).Bounded();
                await using ITcpSocket probe = _factory.CreateTcpSocket();
                await probe.ConnectAsync("127.0.0.1", fallback.Port).Bounded();
                Assert.Equal("127.0.0.1", probe.RemoteAddress);
                return;
            }

            await using ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            await using ITcpSocket client = _factory.CreateTcpSocket();
            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            await client.ConnectAsync("::1", server.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();

            Assert.Equal("::1", client.RemoteAddress);
            Assert.Equal(server.Port, client.RemotePort);
            Assert.Equal("::1", accepted.RemoteAddress);
            await EchoAsync(client, accepted);

            // The bracketed form a URL carries works as well.
            await using ITcpSocket second = _factory.CreateTcpSocket();
            accept = server.AcceptAsync();
            await second.ConnectAsync("[::1]", server.Port).Bounded();
            await using ITcpSocket secondAccepted = await accept.Bounded();
            Assert.Equal("::1", second.RemoteAddress);
        }

        [Fact]
        public async Task ConnectsByHostName()
        {
            await using ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            await using ITcpSocket client = _factory.CreateTcpSocket();
            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            await client.ConnectAsync("localhost", server.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();

            // localhost resolves to ::1, 127.0.0.1 or both; whichever answered is named.
            Assert.Contains(client.RemoteAddress, new[] { "127.0.0.1", "::1" });
            await EchoAsync(client, accepted);
        }

        [Fact]
        public async Task A64MiBTransferArrivesIntact()
        {
            const int size = 64 * 1024 * 1024;
            byte[] data = MemoryNetworkTesting.Pattern(size, seed: 7);
            byte[] expected = SHA256.HashData(data);
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (client)
            await using (accepted)
            {
                Task send = SendInChunksAsync(client, data);
                Task<byte[]> receive = HashEverythingAsync(accepted, size);

                await send.WaitAsync(TimeSpan.FromSeconds(60));
                client.Dispose();
                Assert.Equal(expected, await receive.WaitAsync(TimeSpan.FromSeconds(60)));
            }
        }

        [Fact]
        public async Task ARefusedConnectionSaysSoAndLeavesTheSocketFreeToTryAgain()
        {
            ITcpServer closed = await _factory.CreateTcpServerAsync(0).Bounded();
            int port = closed.Port;
            closed.Dispose();

            await using ITcpSocket client = _factory.CreateTcpSocket();
            var error = await Assert.ThrowsAsync<NetworkException>(() => client.ConnectAsync("127.0.0.1", port).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionRefused, error.Kind);
            Assert.Contains("127.0.0.1:" + port, error.Message);
            Assert.Null(client.RemoteAddress);

            await using ITcpServer open = await _factory.CreateTcpServerAsync(0).Bounded();
            ValueTask<ITcpSocket> accept = open.AcceptAsync();
            await client.ConnectAsync("127.0.0.1", open.Port).Bounded();
            await using ITcpSocket accepted = await accept.Bounded();
            Assert.Equal(open.Port, client.RemotePort);
        }

        [Fact]
        public async Task AnUnknownHostNameIsHostNotFound()
        {
            await using ITcpSocket client = _factory.CreateTcpSocket();
            // ".invalid" never resolves (RFC 6761), and the resolver answers without asking the network.
            var error = await Assert.ThrowsAsync<NetworkException>(() => client.ConnectAsync("no-such-host.invalid", 6881).Bounded());
            Assert.Equal(NetworkErrorKind.HostNotFound, error.Kind);
            Assert.Contains("no-such-host.invalid:6881", error.Message);
        }

        [Fact]
        public async Task AnOrderlyCloseDeliversTheDataThenEndOfStream()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (accepted)
            {
                await client.SendAsync(new byte[] { 1, 2, 3 }).Bounded();
                client.Dispose();

                Assert.Equal(new byte[] { 1, 2, 3 }, await MemoryNetworkTesting.ReceiveExactlyAsync(accepted, 3));
                Assert.Equal(0, await accepted.ReceiveAsync(new byte[10]).Bounded());
                Assert.Equal(0, await accepted.ReceiveAsync(new byte[10]).Bounded());
            }
        }

        [Fact]
        public async Task APendingReceiveSeesEndOfStreamWhenThePeerCloses()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (client)
            {
                ValueTask<int> receive = client.ReceiveAsync(new byte[10]);
                await accepted.DisposeAsync();
                Assert.Equal(0, await receive.Bounded());
            }
        }

        [Fact]
        public async Task DisposeEndsAPendingReceivePromptlyWithObjectDisposed()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (accepted)
            {
                ValueTask<int> receive = client.ReceiveAsync(new byte[10]);
                Assert.False(receive.IsCompleted);

                client.Dispose();

                await Assert.ThrowsAsync<ObjectDisposedException>(() => receive.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
                await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ReceiveAsync(new byte[1]).Bounded());
                await Assert.ThrowsAsync<ObjectDisposedException>(() => client.SendAsync(new byte[1]).Bounded());
                Assert.Throws<ObjectDisposedException>(() => { _ = client.ConnectAsync("127.0.0.1", server.Port); });
                // The peer sees our close as end of stream.
                Assert.Equal(0, await accepted.ReceiveAsync(new byte[10]).Bounded());
            }
        }

        [Fact]
        public async Task DisposeEndsAPendingSendPromptlyWithObjectDisposed()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (accepted)
            {
                // Nobody reads, so this outgrows every kernel buffer and waits.
                ValueTask send = client.SendAsync(new byte[64 * 1024 * 1024]);
                Assert.False(send.IsCompleted);

                client.Dispose();

                await Assert.ThrowsAsync<ObjectDisposedException>(() => send.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
            }
        }

        [Fact]
        public async Task ACancelledReceiveThrowsOperationCanceled()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (client)
            await using (accepted)
            {
                using var cts = new CancellationTokenSource();
                ValueTask<int> receive = client.ReceiveAsync(new byte[10], cts.Token);
                Assert.False(receive.IsCompleted);
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive.Bounded());
            }
        }

        [Fact]
        public async Task ACancelledConnectThrowsOperationCanceledAndLeavesTheSocketUnconnected()
        {
            await using ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            await using ITcpSocket client = _factory.CreateTcpSocket();
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync("127.0.0.1", server.Port, cts.Token).Bounded());
            Assert.Null(client.RemoteAddress);
            Assert.Throws<InvalidOperationException>(() => { _ = client.ReceiveAsync(new byte[1]); });
        }

        [Fact]
        public async Task OnlyOneReceiveAndOneSendMayBeInFlightAndAReceiveNeedsRoom()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (client)
            await using (accepted)
            {
                ValueTask<int> receive = client.ReceiveAsync(new byte[10]);
                Assert.Throws<InvalidOperationException>(() => { _ = client.ReceiveAsync(new byte[10]); });
                Assert.Throws<ArgumentException>(() => { _ = accepted.ReceiveAsync(Memory<byte>.Empty); });

                ValueTask send = accepted.SendAsync(new byte[64 * 1024 * 1024]);
                Assert.Throws<InvalidOperationException>(() => { _ = accepted.SendAsync(new byte[1]); });

                Assert.True(await receive.Bounded() > 0);
                accepted.Dispose();
                await Assert.ThrowsAsync<ObjectDisposedException>(() => send.Bounded());
            }
        }

        [Fact]
        public async Task SendAndReceiveOfDataAlreadyThereAllocateNothing()
        {
            (ITcpServer server, ITcpSocket client, ITcpSocket accepted) = await ConnectAsync();
            await using (server)
            await using (client)
            await using (accepted)
            {
                byte[] block = new byte[16 * 1024];
                byte[] buffer = new byte[16 * 1024];
                if (!NativeBuild.AllocationFreeSockets)
                {
                    // The netstandard2.0 build goes through Task-based socket calls: check the data, not the allocations.
                    new Random(3).NextBytes(block);
                    for (int i = 0; i < 100; i++)
                    {
                        await client.SendAsync(block);
                        int got = 0;
                        while (got < block.Length)
                        {
                            got += await accepted.ReceiveAsync(buffer.AsMemory(got));
                        }

                        Assert.Equal(block, buffer);
                    }

                    return;
                }

                Round(client, accepted, block, buffer);

                long before = GC.GetAllocatedBytesForCurrentThread();
                int synchronous = 0;
                for (int i = 0; i < 1000; i++)
                {
                    synchronous += Round(client, accepted, block, buffer) ? 1 : 0;
                }

                // Loopback hands a small send to the peer's kernel buffer at once, so every round
                // completes in place, and the fast paths allocate nothing.
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.Equal(1000, synchronous);
            }

            // No awaits (a Debug build makes every async method allocate): the fast paths complete in place.
            static bool Round(ITcpSocket sender, ITcpSocket receiver, byte[] block, byte[] buffer)
            {
                ValueTask send = sender.SendAsync(block);
                bool sent = send.IsCompletedSuccessfully;
                ValueTask<int> receive = receiver.ReceiveAsync(buffer);
                bool received = receive.IsCompletedSuccessfully && receive.Result == block.Length;
                return sent && received;
            }
        }

        [Fact]
        public async Task CallsBeforeConnectingFail()
        {
            await using ITcpSocket client = _factory.CreateTcpSocket();
            Assert.Throws<InvalidOperationException>(() => { _ = client.ReceiveAsync(new byte[1]); });
            Assert.Throws<InvalidOperationException>(() => { _ = client.SendAsync(new byte[1]); });
            Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.ConnectAsync("127.0.0.1", 0); });
            Assert.Throws<ArgumentNullException>(() => { _ = client.ConnectAsync(null!, 1); });
        }

        private async Task<(ITcpServer Server, ITcpSocket Client, ITcpSocket Accepted)> ConnectAsync()
        {
            ITcpServer server = await _factory.CreateTcpServerAsync(0).Bounded();
            ITcpSocket client = _factory.CreateTcpSocket();
            ValueTask<ITcpSocket> accept = server.AcceptAsync();
            await client.ConnectAsync("127.0.0.1", server.Port).Bounded();
            return (server, client, await accept.Bounded());
        }

        private static async Task EchoAsync(ITcpSocket client, ITcpSocket accepted)
        {
            byte[] hello = MemoryNetworkTesting.Pattern(1000, seed: 3);
            await client.SendAsync(hello).Bounded();
            byte[] got = await MemoryNetworkTesting.ReceiveExactlyAsync(accepted, hello.Length);
            await accepted.SendAsync(got).Bounded();
            Assert.Equal(hello, await MemoryNetworkTesting.ReceiveExactlyAsync(client, hello.Length));
        }

        private static async Task SendInChunksAsync(ITcpSocket socket, byte[] data)
        {
            const int chunk = 256 * 1024;
            for (int offset = 0; offset < data.Length; offset += chunk)
            {
                await socket.SendAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset))).ConfigureAwait(false);
            }
        }

        private static async Task<byte[]> HashEverythingAsync(ITcpSocket socket, int expectedLength)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[128 * 1024];
            long total = 0;
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, n);
                total += n;
            }

            Assert.Equal(expectedLength, total);
            return hash.GetHashAndReset();
        }
    }
}
