using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    /// <summary>Shared setup for the memory network tests: connected pairs and bounded waits.</summary>
    internal static class MemoryNetworkTesting
    {
        public const string TimingCollection = "Memory network timing";

        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public static Task Bounded(this ValueTask task) => task.AsTask().WaitAsync(Timeout);

        public static Task<T> Bounded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);

        public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Timeout);

        public static Task Bounded(this Task task) => task.WaitAsync(Timeout);

        /// <summary>Connects a socket of <paramref name="from"/> to a fresh listener of <paramref name="to"/>.</summary>
        public static async Task<MemoryPair> ConnectAsync(MemorySocketFactory from, MemorySocketFactory to, int port = 0)
        {
            ITcpServer listener = await to.CreateTcpServerAsync(port).Bounded();
            MemoryTcpSocket client = from.CreateTcpSocket();
            ValueTask<ITcpSocket> accept = listener.AcceptAsync();
            await client.ConnectAsync(to.Address, listener.Port).Bounded();
            var server = (MemoryTcpSocket)await accept.Bounded();
            return new MemoryPair(listener, client, server);
        }

        /// <summary>Receives exactly <paramref name="count"/> bytes.</summary>
        public static async Task<byte[]> ReceiveExactlyAsync(ITcpSocket socket, int count)
        {
            var result = new byte[count];
            int filled = 0;
            while (filled < count)
            {
                int n = await socket.ReceiveAsync(result.AsMemory(filled)).Bounded();
                Assert.True(n > 0, "End of stream after " + filled + " of " + count + " bytes.");
                filled += n;
            }

            return result;
        }

        public static byte[] Pattern(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }
    }
}
