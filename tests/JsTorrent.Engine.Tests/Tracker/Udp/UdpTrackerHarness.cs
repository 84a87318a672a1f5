using System;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>
    /// A memory network with a client host (whose shared <see cref="UdpTrackerSocket"/> the clients
    /// use) and a fake tracker host, plus a fake clock. Time-outs are long unless a test shortens
    /// them, so only tests about retransmission ever retransmit.
    /// </summary>
    internal sealed class UdpTrackerHarness : IAsyncDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private UdpTrackerHarness(MemoryNetwork network, MemorySocketFactory client, FakeUdpTracker tracker, Random random)
        {
            Network = network;
            Client = client;
            Tracker = tracker;
            Socket = new UdpTrackerSocket(client, random);
        }

        public MemoryNetwork Network { get; }

        public MemorySocketFactory Client { get; }

        public FakeUdpTracker Tracker { get; }

        public UdpTrackerSocket Socket { get; }

        public TrackerOptions Options { get; } = new TrackerOptions { UdpBaseTimeout = TimeSpan.FromSeconds(30) };

        /// <summary>The fake engine clock the clients read, in milliseconds.</summary>
        public long NowMs { get; set; } = 1_000;

        public string AnnounceUrl => "udp://" + (Tracker.Address.Contains(':') ? "[" + Tracker.Address + "]" : Tracker.Address) + ":" + Tracker.Port + "/announce";

        public static async Task<UdpTrackerHarness> StartAsync(string clientAddress = "10.0.0.1", string trackerAddress = "10.0.0.2", Random? random = null)
        {
            var network = new MemoryNetwork();
            MemorySocketFactory client = network.CreateHost(clientAddress);
            MemorySocketFactory trackerHost = network.CreateHost(trackerAddress);
            FakeUdpTracker tracker = await FakeUdpTracker.StartAsync(trackerHost, 6969);
            return new UdpTrackerHarness(network, client, tracker, random ?? new Random(1234));
        }

        public UdpTrackerClient CreateClient(string? url = null)
            => new UdpTrackerClient(new Uri(url ?? AnnounceUrl), Socket, Options, () => NowMs);

        public static AnnounceRequest Request(AnnounceEvent announceEvent = AnnounceEvent.Started)
        {
            var infoHash = new InfoHash(Bytes(20, 0xA0));
            var peerId = new PeerId(Bytes(20, 0x30));
            return new AnnounceRequest(infoHash, peerId, 51413)
            {
                Uploaded = 0x0102030405L,
                Downloaded = 0x0A0B0C0D0EL,
                Left = 0x1112131415L,
                Event = announceEvent,
                NumWant = 45,
                Key = 0xCAFEBABE,
            };
        }

        public static byte[] Bytes(int length, int start)
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)(start + i);
            }

            return bytes;
        }

        public async ValueTask DisposeAsync()
        {
            await Socket.DisposeAsync().AsTask().WaitAsync(Timeout);
            await Tracker.DisposeAsync();
        }
    }
}
