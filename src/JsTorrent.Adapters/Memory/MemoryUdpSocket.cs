using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// A UDP socket on a memory host. A datagram is copied when sent and queued at the socket
    /// bound to its destination port; with no such socket, or a full queue
    /// (<see cref="MemoryNetwork.UdpQueueLimit"/>), it is silently lost, like UDP. Link latency
    /// delays datagrams; bandwidth caps do not apply. Disposing ends a pending receive with
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    internal sealed class MemoryUdpSocket : IUdpSocket
    {
        /// <summary>The largest IPv4 UDP payload.</summary>
        public const int MaxDatagramSize = 65507;

        private readonly object _gate = new object();
        private readonly MemorySocketFactory _host;
        private readonly Channel<MemoryUdpEntry> _queue = Channel.CreateUnbounded<MemoryUdpEntry>();
        private int _queued;
        private int _port;
        private bool _disposed;

        public MemoryUdpSocket(MemorySocketFactory host)
        {
            _host = host;
            host.OnUdpSocketOpened();
        }

        public int LocalPort
        {
            get
            {
                lock (_gate)
                {
                    return _port;
                }
            }
        }

        public ValueTask BindAsync(int port, CancellationToken cancellationToken = default)
        {
            SocketArguments.CheckLocalPort(port, "UDP");

            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask(Task.FromCanceled(cancellationToken));
            }

            try
            {
                lock (_gate)
                {
                    ThrowIfDisposed();
                    if (_port != 0)
                    {
                        throw new InvalidOperationException("The socket is already bound.");
                    }

                    _port = _host.UdpPorts.Reserve(port, this);
                }
            }
            catch (Exception ex)
            {
                return new ValueTask(Task.FromException(ex));
            }

            return default;
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> data, string host, int port, CancellationToken cancellationToken = default)
        {
            SocketArguments.CheckRemote(host, port, "UDP");

            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask(Task.FromCanceled(cancellationToken));
            }

            try
            {
                if (data.Length > MaxDatagramSize)
                {
                    throw new NetworkException(NetworkErrorKind.Other, "A datagram of " + data.Length + " bytes is longer than UDP allows.");
                }

                int localPort;
                lock (_gate)
                {
                    ThrowIfDisposed();
                    if (_port == 0)
                    {
                        _port = _host.UdpPorts.Reserve(0, this);
                    }

                    localPort = _port;
                }

                _host.Network.SendDatagram(_host, localPort, data, host, port);
            }
            catch (Exception ex)
            {
                return new ValueTask(Task.FromException(ex));
            }

            return default;
        }

        public ValueTask<UdpDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask<UdpDatagram>(Task.FromCanceled<UdpDatagram>(cancellationToken));
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    return new ValueTask<UdpDatagram>(Task.FromException<UdpDatagram>(new ObjectDisposedException(nameof(MemoryUdpSocket))));
                }

                if (_port == 0)
                {
                    return new ValueTask<UdpDatagram>(Task.FromException<UdpDatagram>(new InvalidOperationException("The socket is not bound; bind or send first.")));
                }
            }

            return _queue.Reader.TryRead(out MemoryUdpEntry entry)
                ? new ValueTask<UdpDatagram>(Take(entry, buffer.Span))
                : ReceiveSlowAsync(buffer, cancellationToken);
        }

        /// <summary>Queues a datagram for the reader; false (the caller returns the buffer) when full or closed.</summary>
        public bool TryDeliver(MemoryUdpEntry entry)
        {
            if (Interlocked.Increment(ref _queued) > _host.Network.UdpQueueLimit || !_queue.Writer.TryWrite(entry))
            {
                Interlocked.Decrement(ref _queued);
                return false;
            }

            return true;
        }

        public void Dispose()
        {
            int port;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                port = _port;
            }

            if (port != 0)
            {
                _host.UdpPorts.Release(port, this);
            }

            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out MemoryUdpEntry entry))
            {
                ArrayPool<byte>.Shared.Return(entry.Buffer);
            }

            _host.OnUdpSocketClosed();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private async ValueTask<UdpDatagram> ReceiveSlowAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            MemoryUdpEntry entry;
            try
            {
                entry = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException ex)
            {
                throw new ObjectDisposedException("The UDP socket was disposed.", ex);
            }

            return Take(entry, buffer.Span);
        }

        private UdpDatagram Take(MemoryUdpEntry entry, Span<byte> destination)
        {
            Interlocked.Decrement(ref _queued);
            int length = Math.Min(entry.Length, destination.Length);
            entry.Buffer.AsSpan(0, length).CopyTo(destination);
            ArrayPool<byte>.Shared.Return(entry.Buffer);
            return new UdpDatagram(length, entry.Address, entry.Port);
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(MemoryUdpSocket));
            }
        }
    }
}
