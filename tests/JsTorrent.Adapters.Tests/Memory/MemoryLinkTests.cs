using System;
using System.Diagnostics;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;

namespace JsTorrent.Adapters.Tests.Memory
{
    // Timing and throughput tests share the machine badly: run them one at a time.
    [Collection(MemoryNetworkTesting.TimingCollection)]
    public sealed class MemoryLinkTests
    {
        private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(150);

        private readonly MemoryNetwork _network = new MemoryNetwork();
        private readonly MemorySocketFactory _a;
        private readonly MemorySocketFactory _b;

        public MemoryLinkTests()
        {
            _a = _network.CreateHost("10.0.0.1");
            _b = _network.CreateHost("10.0.0.2");
        }

        [Fact]
        public void OptionsAreValidatedAndCopied()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryLinkOptions { Latency = TimeSpan.FromMilliseconds(-1) });
            Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryLinkOptions { BandwidthBytesPerSecond = -1 });
            var options = new MemoryLinkOptions { Latency = Latency, BandwidthBytesPerSecond = 1000 };
            _a.Outbound = options;
            _network.SetLink("10.0.0.1", "10.0.0.2", options);
            options.Latency = TimeSpan.Zero;
            Assert.Equal(Latency, _a.Outbound!.Latency);
            Assert.Equal(1000, _network.GetLink("10.0.0.1", "10.0.0.2")!.BandwidthBytesPerSecond);
            Assert.Null(_network.GetLink("10.0.0.2", "10.0.0.1"));
            _network.SetLink("10.0.0.1", "10.0.0.2", null);
            Assert.Null(_network.GetLink("10.0.0.1", "10.0.0.2"));
        }

        [Fact]
        public async Task LatencyDelaysDataAndTheCloseAfterIt()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            _a.Outbound = new MemoryLinkOptions { Latency = Latency };

            var stopwatch = Stopwatch.StartNew();
            // The send completes at once; the bytes are in flight.
            Assert.True(pair.Client.SendAsync(new byte[] { 1, 2, 3 }).IsCompletedSuccessfully);
            pair.Client.Dispose();
            Assert.Equal(new byte[] { 1, 2, 3 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 3));
            TimeSpan arrived = stopwatch.Elapsed;
            Assert.Equal(0, await pair.Server.ReceiveAsync(new byte[1]).Bounded());

            // A timer may fire a little early on some platforms; allow a few milliseconds.
            Assert.InRange(arrived, Latency - TimeSpan.FromMilliseconds(5), Latency + TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task AConnectTakesTheRoundTripAndAPairLinkOverridesTheHosts()
        {
            _a.Outbound = new MemoryLinkOptions { Latency = TimeSpan.FromSeconds(30) };
            _network.SetLink("10.0.0.1", "10.0.0.2", new MemoryLinkOptions { Latency = Latency });
            _network.SetLink("10.0.0.2", "10.0.0.1", new MemoryLinkOptions { Latency = Latency });

            var stopwatch = Stopwatch.StartNew();
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            Assert.InRange(stopwatch.Elapsed, (2 * Latency) - TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));

            stopwatch.Restart();
            await pair.Server.SendAsync(new byte[] { 9 }).Bounded();
            await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Client, 1);
            Assert.InRange(stopwatch.Elapsed, Latency - TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(5));
        }

        [Fact]
        public async Task LoweringTheLatencyNeverReordersBytes()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            _a.Outbound = new MemoryLinkOptions { Latency = Latency };
            await pair.Client.SendAsync(new byte[] { 1 }).Bounded();
            _a.Outbound = null;
            await pair.Client.SendAsync(new byte[] { 2 }).Bounded();
            Assert.Equal(new byte[] { 1, 2 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Server, 2));
        }

        [Fact]
        public async Task MeasuredThroughputMatchesTheBandwidthCap()
        {
            const long cap = 2 * 1024 * 1024;
            _a.Outbound = new MemoryLinkOptions { BandwidthBytesPerSecond = cap };
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            // A quarter second's worth to get past the bucket's burst, then two seconds' worth measured.
            const long skipped = cap / 4;
            const long measured = 2 * cap;
            byte[] block = new byte[16 * 1024];
            Task sending = Task.Run(async () =>
            {
                for (long sent = 0; sent < skipped + measured; sent += block.Length)
                {
                    await pair.Client.SendAsync(block);
                }
            });

            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            while (received < skipped)
            {
                received += await pair.Server.ReceiveAsync(buffer).Bounded();
            }

            var stopwatch = Stopwatch.StartNew();
            while (received < skipped + measured)
            {
                received += await pair.Server.ReceiveAsync(buffer).Bounded();
            }

            double rate = (received - skipped) / stopwatch.Elapsed.TotalSeconds;
            await sending.Bounded();
            Assert.InRange(rate / cap, 0.8, 1.2);
        }

        [Fact]
        public async Task AStalledHostDeliversNothingUntilResumed()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            _a.Stall();
            Assert.True(_a.IsStalled);
            await pair.Client.SendAsync(new byte[] { 1, 2 }).Bounded();
            ValueTask<int> receive = pair.Server.ReceiveAsync(new byte[10]);
            Assert.False(receive.IsCompleted);
            Task<int> receiving = receive.AsTask();
            Assert.NotSame(receiving, await Task.WhenAny(receiving, Task.Delay(100)));

            // Only what the stalled host sends is held.
            await pair.Server.SendAsync(new byte[] { 3 }).Bounded();
            Assert.Equal(new byte[] { 3 }, await MemoryNetworkTesting.ReceiveExactlyAsync(pair.Client, 1));

            _a.Resume();
            Assert.Equal(2, await receiving.Bounded());
        }

        [Fact]
        public async Task AStalledConnectionHoldsDataAndCloseUntilResumed()
        {
            await using MemoryPair pair = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            await using MemoryPair other = await MemoryNetworkTesting.ConnectAsync(_a, _b);
            pair.Server.Stall();
            await pair.Client.SendAsync(new byte[] { 1 }).Bounded();
            pair.Client.Dispose();
            ValueTask<int> receive = pair.Server.ReceiveAsync(new byte[10]);
            Assert.False(receive.IsCompleted);

            await other.Client.SendAsync(new byte[] { 2 }).Bounded();
            Assert.Equal(new byte[] { 2 }, await MemoryNetworkTesting.ReceiveExactlyAsync(other.Server, 1));
            Assert.False(receive.IsCompleted);

            pair.Server.Resume();
            Assert.Equal(1, await receive.Bounded());
            Assert.Equal(0, await pair.Server.ReceiveAsync(new byte[10]).Bounded());
        }
    }
}
