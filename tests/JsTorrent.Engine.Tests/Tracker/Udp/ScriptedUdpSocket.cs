using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>One scripted UDP socket; see <see cref="ScriptedUdpFactory"/>.</summary>
    internal sealed class ScriptedUdpSocket : IUdpSocket
    {
        private readonly Channel<Func<Memory<byte>, UdpDatagram>> _receives = Channel.CreateUnbounded<Func<Memory<byte>, UdpDatagram>>();
        private readonly Channel<byte[]> _sent = Channel.CreateUnbounded<byte[]>();
        private int _disposed;

        public int LocalPort { get; private set; }

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public ValueTask BindAsync(int port, CancellationToken cancellationToken = default)
        {
            LocalPort = port == 0 ? 50000 : port;
            return default;
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> data, string host, int port, CancellationToken cancellationToken = default)
        {
            _sent.Writer.TryWrite(data.ToArray());
            return default;
        }

        public async ValueTask<UdpDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Func<Memory<byte>, UdpDatagram> next;
            try
            {
                next = await _receives.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException ex)
            {
                throw new ObjectDisposedException("The scripted socket was disposed.", ex);
            }

            return next(buffer);
        }

        /// <summary>The next datagram the code under test sends.</summary>
        public async Task<byte[]> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(UdpTrackerHarness.Timeout);

        public void Deliver(byte[] datagram, string address, int port)
            => _receives.Writer.TryWrite(buffer =>
            {
                datagram.CopyTo(buffer);
                return new UdpDatagram(datagram.Length, address, port);
            });

        public void FailReceive(Exception error) => _receives.Writer.TryWrite(_ => throw error);

        public void Dispose()
        {
            Volatile.Write(ref _disposed, 1);
            _receives.Writer.TryComplete();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
