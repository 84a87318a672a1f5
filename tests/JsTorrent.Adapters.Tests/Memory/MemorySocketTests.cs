using System;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    // Timing and throughput tests share the machine badly: run them one at a time.
    [Collection(MemoryNetworkTesting.TimingCollection)]
    public sealed class MemorySocketTests
    {
        private readonly MemoryNetwork _network = new MemoryNetwork();
        private readonly MemorySocketFactory _a;
        private readonly MemorySocketFactory _b;

        public MemorySocketTests()
        {
            _a = _network.CreateHost("10.0.0.1");
            _b = _network.CreateHost("10.0.0.2");
        }

        [Fact]
        public async Task ASenderWaitsWhileTheReceiverDoesNotRead()
        {
            _network.TcpBufferSize = 64 * 1024;
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            byte[] data = MemoryNetworkTesting.Pattern(1024 * 1024, seed: 1);

            ValueTask send = pair.Client.SendAsync(data);
            // Only a buffer's worth fits, and nobody reads: the send cannot have finished.
            Assert.False(send.IsCompleted);
            Task sending = send.AsTask();
            Assert.NotSame(sending, await Task.WhenAny(sending, Task.Delay(100)));
            Assert.Equal(0, _network.TotalBytesDelivered);

            byte[] received = await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, data.Length);
            await sending.Bounded();
            Assert.Equal(data, received);
        }

        [Fact]
        public async Task SendCopiesTheCallersBytes()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            byte[] buffer = { 1, 2, 3, 4 };
            await pair.Client.SendAsync(buffer).Bounded();
            buffer.AsSpan().Fill(9);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 4));
        }

        [Fact]
        public async Task AReceiveTakesWhatIsThereWithoutWaitingToFillTheBuffer()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            var buffer = new byte[100];
            ValueTask<int> receive = pair.Server.ReceiveAsync(buffer);
            Assert.False(receive.IsCompleted);
            await pair.Client.SendAsync(new byte[] { 5, 6 }).Bounded();
            Assert.Equal(2, await receive.Bounded());
            Assert.Equal(new byte[] { 5, 6 }, buffer[..2]);
        }

        [Fact]
        public async Task DisposingOneEndDeliversItsDataThenEndOfStreamAndResetsItsPeersSends()
        {
            MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            await pair.Client.SendAsync(new byte[] { 1, 2, 3 }).Bounded();
            pair.Client.Dispose();

            Assert.Equal(new byte[] { 1, 2, 3 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 3));
            Assert.Equal(0, await pair.Server.ReceiveAsync(new byte[10]).Bounded());
            Assert.Equal(0, await pair.Server.ReceiveAsync(new byte[10]).Bounded());
            var error = await Assert.ThrowsAsync<NetworkException>(() => pair.Server.SendAsync(new byte[1]).Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionReset, error.Kind);
            await pair.DisposeAsync();
            Assert.Equal(0, _network.ConnectionCount);
        }

        [Fact]
        public async Task APendingReceiveSeesEndOfStreamWhenThePeerCloses()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            ValueTask<int> receive = pair.Client.ReceiveAsync(new byte[10]);
            await pair.Server.DisposeAsync();
            Assert.Equal(0, await receive.Bounded());
        }

        [Fact]
        public async Task APendingSendFailsWhenThePeerCloses()
        {
            _network.TcpBufferSize = 1024;
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            ValueTask send = pair.Client.SendAsync(new byte[4096]);
            Assert.False(send.IsCompleted);
            pair.Server.Dispose();
            var error = await Assert.ThrowsAsync<NetworkException>(() => send.Bounded());
            Assert.Equal(NetworkErrorKind.ConnectionReset, error.Kind);
        }

        [Fact]
        public async Task ResetFailsPendingAndLaterCallsOnBothEndsAndLosesBufferedData()
        {
            _network.TcpBufferSize = 1024;
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            // Data waits unread both ways, and a send waits for room.
            await pair.Server.SendAsync(new byte[10]).Bounded();
            ValueTask send = pair.Client.SendAsync(new byte[4096]);
            Assert.False(send.IsCompleted);

            pair.Client.Reset();

            foreach (Task call in new[] { send.AsTask(), pair.Client.ReceiveAsync(new byte[10]).AsTask(), pair.Server.ReceiveAsync(new byte[10]).AsTask(), pair.Server.SendAsync(new byte[1]).AsTask() })
            {
                var error = await Assert.ThrowsAsync<NetworkException>(() => call.Bounded());
                Assert.Equal(NetworkErrorKind.ConnectionReset, error.Kind);
            }
        }

        [Fact]
        public async Task DisposeEndsPendingCallsPromptlyWithObjectDisposed()
        {
            _network.TcpBufferSize = 1024;
            MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            ValueTask<int> receive = pair.Client.ReceiveAsync(new byte[10]);
            ValueTask send = pair.Client.SendAsync(new byte[4096]);
            Assert.False(receive.IsCompleted);
            Assert.False(send.IsCompleted);

            pair.Client.Dispose();

            await Assert.ThrowsAsync<ObjectDisposedException>(() => receive.Bounded());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => send.Bounded());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Client.ReceiveAsync(new byte[1]).Bounded());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Client.SendAsync(new byte[1]).Bounded());
            Assert.Throws<ObjectDisposedException>(() => { _ = pair.Client.ConnectAsync("10.0.0.2", 1); });
            await pair.DisposeAsync();
            Assert.Equal(0, _network.OpenSocketCount);
        }

        [Fact]
        public async Task ACancelledReceiveThrowsOperationCanceled()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            using var cts = new CancellationTokenSource();
            ValueTask<int> receive = pair.Client.ReceiveAsync(new byte[10], cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive.Bounded());

            // Nothing was consumed by the cancelled receive.
            await pair.Server.SendAsync(new byte[] { 4 }).Bounded();
            Assert.Equal(new byte[] { 4 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Client, 1));
        }

        [Fact]
        public async Task OnlyOneReceiveAndOneSendMayBeInFlight()
        {
            _network.TcpBufferSize = 1024;
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            ValueTask<int> receive = pair.Client.ReceiveAsync(new byte[10]);
            await Assert.ThrowsAsync<InvalidOperationException>(() => pair.Client.ReceiveAsync(new byte[10]).Bounded());
            ValueTask send = pair.Client.SendAsync(new byte[4096]);
            await Assert.ThrowsAsync<InvalidOperationException>(() => pair.Client.SendAsync(new byte[1]).Bounded());

            await pair.Server.SendAsync(new byte[] { 1 }).Bounded();
            Assert.Equal(1, await receive.Bounded());
            await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 4096);
            await send.Bounded();
        }

        [Fact]
        public async Task CallsBeforeConnectingFail()
        {
            await using MemoryTcpSocket socket = _a.CreateTcpSocket();
            await Assert.ThrowsAsync<InvalidOperationException>(() => socket.SendAsync(new byte[1]).Bounded());
            await Assert.ThrowsAsync<InvalidOperationException>(() => socket.ReceiveAsync(new byte[1]).Bounded());
            Assert.Throws<InvalidOperationException>(() => socket.Reset());
            Assert.Null(socket.RemoteAddress);
        }

        [Fact]
        public async Task SendAndReceiveInTheBufferAllocateNothing()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            byte[] block = new byte[16 * 1024];
            byte[] buffer = new byte[16 * 1024];
            Assert.True(Round(pair, block, buffer));

            long before = GC.GetAllocatedBytesForCurrentThread();
            int completed = 0;
            for (int i = 0; i < 1000; i++)
            {
                completed += Round(pair, block, buffer) ? 1 : 0;
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(1000, completed);
            Assert.Equal(1001L * block.Length, _network.TotalBytesDelivered);

            // No awaits (a Debug build makes every async method allocate): with room in the
            // buffer and data there, both calls complete synchronously.
            static bool Round(MemoryPair pair, byte[] block, byte[] buffer)
            {
                ValueTask send = pair.Client.SendAsync(block);
                ValueTask<int> receive = pair.Server.ReceiveAsync(buffer);
                return send.IsCompletedSuccessfully && receive.IsCompletedSuccessfully;
            }
        }

        [Fact]
        public async Task A256MiBTransferArrivesIntact()
        {
            const int total = 256 * 1024 * 1024;
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            byte[] source = MemoryNetworkTesting.Pattern(1024 * 1024 + 7, seed: 3);

            Task<byte[]> sent = Task.Run(async () =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                int offset = 0;
                long index = 0;
                for (long remaining = total; remaining > 0; index++)
                {
                    // Odd sizes so blocks straddle the ring's wrap point in every way.
                    int size = (int)Math.Min(remaining, 1 + ((index * 7919) % (200 * 1024)));
                    if (offset + size > source.Length)
                    {
                        offset = 0;
                    }

                    ReadOnlyMemory<byte> block = source.AsMemory(offset, size);
                    hash.AppendData(block.Span);
                    await pair.Client.SendAsync(block);
                    offset += size;
                    remaining -= size;
                }

                await pair.Client.DisposeAsync();
                return hash.GetHashAndReset();
            });

            Task<(byte[] Hash, long Count)> received = Task.Run(async () =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                byte[] buffer = new byte[96 * 1024 + 3];
                long count = 0;
                int n;
                while ((n = await pair.Server.ReceiveAsync(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    count += n;
                }

                return (hash.GetHashAndReset(), count);
            });

            byte[] sentHash = await sent.WaitAsync(TimeSpan.FromSeconds(60));
            (byte[] receivedHash, long receivedCount) = await received.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(total, receivedCount);
            Assert.Equal(sentHash, receivedHash);
            Assert.Equal(total, _network.TotalBytesDelivered);
        }

        [Fact]
        public async Task OneConnectionMovesWellOverAGigabytePerSecond()
        {
            const long total = 2L * 1024 * 1024 * 1024;
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            byte[] block = new byte[16 * 1024];
            var stopwatch = Stopwatch.StartNew();
            Task sending = Task.Run(async () =>
            {
                for (long sent = 0; sent < total; sent += block.Length)
                {
                    await pair.Client.SendAsync(block);
                }
            });
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            while (received < total)
            {
                received += await pair.Server.ReceiveAsync(buffer).Bounded();
            }

            await sending.Bounded();
            double gibPerSecond = total / stopwatch.Elapsed.TotalSeconds / (1024.0 * 1024 * 1024);
            // Typically over 10 GiB/s; the floor leaves room for a loaded test machine.
            Assert.True(gibPerSecond > 1, "Only " + gibPerSecond.ToString("F2") + " GiB/s.");
        }
    }
}
