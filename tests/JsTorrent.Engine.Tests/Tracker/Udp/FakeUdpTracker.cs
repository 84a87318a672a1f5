using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>
    /// A scripted BEP 15 tracker on a memory host. By default it answers connects with a new
    /// connection id each time, announces with <see cref="PeerEntries"/> and scrapes with fixed
    /// counts; <see cref="Script"/> overrides that per request. Every request is recorded.
    /// </summary>
    internal sealed class FakeUdpTracker : IAsyncDisposable
    {
        public const int DefaultInterval = 1800;
        public const int DefaultLeechers = 7;
        public const int DefaultSeeders = 3;

        private readonly IUdpSocket _socket;
        private readonly Channel<FakeUdpRequest> _arrivals = Channel.CreateUnbounded<FakeUdpRequest>();
        private readonly List<FakeUdpRequest> _requests = new List<FakeUdpRequest>();
        private readonly List<long> _issued = new List<long>();
        private readonly Task _loop;
        private long _nextConnectionId = 0x0102030405060708;

        private FakeUdpTracker(IUdpSocket socket, string address)
        {
            _socket = socket;
            Address = address;
            _loop = Task.Run(RunAsync);
        }

        public string Address { get; }

        public int Port => _socket.LocalPort;

        /// <summary>Replies to send instead of the default: return null for the default answer, an empty list for silence.</summary>
        public Func<FakeUdpRequest, IReadOnlyList<byte[]>?>? Script { get; set; }

        /// <summary>The peers part of announce replies.</summary>
        public byte[] PeerEntries { get; set; } = Array.Empty<byte>();

        public (int Seeders, int Completed, int Leechers) ScrapeCounts { get; set; } = (11, 22, 33);

        public IReadOnlyList<FakeUdpRequest> Requests
        {
            get
            {
                lock (_requests)
                {
                    return _requests.ToArray();
                }
            }
        }

        /// <summary>The connection ids handed out by connect replies, in order.</summary>
        public IReadOnlyList<long> IssuedConnectionIds
        {
            get
            {
                lock (_issued)
                {
                    return _issued.ToArray();
                }
            }
        }

        public static async Task<FakeUdpTracker> StartAsync(MemorySocketFactory host, int port)
        {
            IUdpSocket socket = host.CreateUdpSocket();
            await socket.BindAsync(port);
            return new FakeUdpTracker(socket, host.Address);
        }

        /// <summary>The next request to arrive (in arrival order), within the test time-out.</summary>
        public async Task<FakeUdpRequest> NextRequestAsync()
            => await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(UdpTrackerHarness.Timeout);

        public async Task ReplyAsync(FakeUdpRequest request, byte[] datagram)
            => await _socket.SendAsync(datagram, request.Address, request.Port).AsTask().WaitAsync(UdpTrackerHarness.Timeout);

        public async ValueTask DisposeAsync()
        {
            await _socket.DisposeAsync();
            await _loop.WaitAsync(UdpTrackerHarness.Timeout);
        }

        public static byte[] ConnectReply(uint transactionId, long connectionId)
        {
            var reply = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(reply, 0);
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(4), transactionId);
            BinaryPrimitives.WriteInt64BigEndian(reply.AsSpan(8), connectionId);
            return reply;
        }

        public static byte[] AnnounceReply(uint transactionId, int interval, int leechers, int seeders, byte[] peers)
        {
            var reply = new byte[20 + peers.Length];
            BinaryPrimitives.WriteInt32BigEndian(reply, 1);
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(4), transactionId);
            BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(8), interval);
            BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(12), leechers);
            BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(16), seeders);
            peers.CopyTo(reply, 20);
            return reply;
        }

        public static byte[] ScrapeReply(uint transactionId, int seeders, int completed, int leechers)
        {
            var reply = new byte[20];
            BinaryPrimitives.WriteInt32BigEndian(reply, 2);
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(4), transactionId);
            BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(8), seeders);
            BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(12), completed);
            BinaryPrimitives.WriteInt32BigEndian(reply.AsSpan(16), leechers);
            return reply;
        }

        public static byte[] ErrorReply(uint transactionId, string message)
        {
            byte[] text = Encoding.UTF8.GetBytes(message);
            var reply = new byte[8 + text.Length];
            BinaryPrimitives.WriteInt32BigEndian(reply, 3);
            BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(4), transactionId);
            text.CopyTo(reply, 8);
            return reply;
        }

        /// <summary>Compact peer entries: "a.b.c.d" addresses give 6 bytes each, IPv6 ones 18.</summary>
        public static byte[] Peers(params (string Address, int Port)[] peers)
        {
            var bytes = new List<byte>();
            foreach ((string address, int port) in peers)
            {
                bytes.AddRange(System.Net.IPAddress.Parse(address).GetAddressBytes());
                bytes.Add((byte)(port >> 8));
                bytes.Add((byte)port);
            }

            return bytes.ToArray();
        }

        private async Task RunAsync()
        {
            var buffer = new byte[65536];
            while (true)
            {
                UdpDatagram datagram;
                try
                {
                    datagram = await _socket.ReceiveAsync(buffer);
                }
                catch (ObjectDisposedException)
                {
                    _arrivals.Writer.TryComplete();
                    return;
                }

                var request = new FakeUdpRequest(buffer.AsSpan(0, datagram.Length).ToArray(), datagram.Address, datagram.Port);
                lock (_requests)
                {
                    _requests.Add(request);
                }

                IReadOnlyList<byte[]> replies = Script?.Invoke(request) ?? DefaultReplies(request);
                foreach (byte[] reply in replies)
                {
                    await _socket.SendAsync(reply, request.Address, request.Port);
                }

                // Published after the replies went out, so a test that saw the request sees its replies queued.
                _arrivals.Writer.TryWrite(request);
            }
        }

        private IReadOnlyList<byte[]> DefaultReplies(FakeUdpRequest request)
        {
            switch (request.Action)
            {
                case 0:
                    long id = Interlocked.Increment(ref _nextConnectionId);
                    lock (_issued)
                    {
                        _issued.Add(id);
                    }

                    return new[] { ConnectReply(request.TransactionId, id) };
                case 1:
                    return new[] { AnnounceReply(request.TransactionId, DefaultInterval, DefaultLeechers, DefaultSeeders, PeerEntries) };
                case 2:
                    (int seeders, int completed, int leechers) = ScrapeCounts;
                    return new[] { ScrapeReply(request.TransactionId, seeders, completed, leechers) };
                default:
                    return new[] { ErrorReply(request.TransactionId, "unknown action") };
            }
        }
    }
}
