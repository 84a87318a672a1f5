using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// A listening port on a memory host. A connect completes as soon as its connection is queued
    /// here (like a kernel backlog); <see cref="AcceptAsync"/> hands the queued connections out.
    /// Disposing stops listening, resets the connections never accepted, and ends a pending accept
    /// with <see cref="ObjectDisposedException"/>.
    /// </summary>
    internal sealed class MemoryTcpServer : ITcpServer
    {
        private readonly MemorySocketFactory _host;
        private readonly Channel<MemoryTcpSocket> _backlog = Channel.CreateUnbounded<MemoryTcpSocket>();
        private int _disposed;

        public MemoryTcpServer(MemorySocketFactory host)
        {
            _host = host;
        }

        public int Port { get; set; }

        /// <summary>Queues an accepted socket; false once the server is closed.</summary>
        public bool TryEnqueue(MemoryTcpSocket socket) => _backlog.Writer.TryWrite(socket);

        public async ValueTask<ITcpSocket> AcceptAsync(CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(MemoryTcpServer));
            }

            try
            {
                return await _backlog.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException ex)
            {
                throw new ObjectDisposedException("The server was disposed.", ex);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            // Off the port first, so new connects are refused instead of queued.
            _host.TcpPorts.Release(Port, this);
            _backlog.Writer.TryComplete();
            while (_backlog.Reader.TryRead(out MemoryTcpSocket? socket))
            {
                socket.Reset();
                socket.Dispose();
            }

            _host.OnListenerClosed();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
