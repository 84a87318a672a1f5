using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// A TCP socket on a <see cref="MemoryNetwork"/> host. Sends copy into a bounded per-direction
    /// buffer (<see cref="MemoryNetwork.TcpBufferSize"/>) and wait while it is full; receives take at
    /// least one byte, or return 0 once the remote end was disposed and its data is drained.
    /// <para>
    /// Errors: a send after the remote end was disposed, and any call on a reset connection,
    /// fails with <see cref="NetworkException"/> of kind <see cref="NetworkErrorKind.ConnectionReset"/>.
    /// Disposing the socket ends its own pending connect, send and receive with
    /// <see cref="ObjectDisposedException"/>, and later calls throw the same; disposing never blocks.
    /// A cancelled call throws <see cref="OperationCanceledException"/>; a cancelled send may have
    /// delivered part of its bytes. A second send (or receive) while one is in flight throws
    /// <see cref="InvalidOperationException"/>; a receive into an empty buffer throws
    /// <see cref="ArgumentException"/> (its 0 would read as end of stream).
    /// </para>
    /// </summary>
    public sealed class MemoryTcpSocket : ITcpSocket
    {
        private const int StateNew = 0;
        private const int StateConnecting = 1;
        private const int StateConnected = 2;
        private const int StateDisposed = 3;

        private readonly object _gate = new object();
        private readonly MemorySocketFactory _host;
        private readonly bool _isClient;
        private int _state;
        private MemoryConnection? _connection;
        private MemoryPipe? _inbound;
        private MemoryPipe? _outbound;
        private TaskCompletionSource<bool>? _disposed;
        private int _localPort;
        private string? _remoteAddress;
        private int _remotePort;

        /// <summary>An unconnected socket.</summary>
        internal MemoryTcpSocket(MemorySocketFactory host)
        {
            _host = host;
            _isClient = true;
            host.OnSocketOpened();
        }

        /// <summary>The accepting end of a new connection.</summary>
        internal MemoryTcpSocket(MemorySocketFactory host, MemoryConnection connection, int localPort, string remoteAddress, int remotePort)
        {
            _host = host;
            _isClient = false;
            _connection = connection;
            _inbound = connection.ClientToServer;
            _outbound = connection.ServerToClient;
            _localPort = localPort;
            _remoteAddress = remoteAddress;
            _remotePort = remotePort;
            _state = StateConnected;
            host.OnSocketOpened();
        }

        /// <summary>The host the socket belongs to.</summary>
        public MemorySocketFactory Host => _host;

        /// <summary>The host's address.</summary>
        public string LocalAddress => _host.Address;

        /// <summary>The local port once connected or accepted; 0 before.</summary>
        public int LocalPort
        {
            get
            {
                lock (_gate)
                {
                    return _localPort;
                }
            }
        }

        /// <inheritdoc />
        public string? RemoteAddress
        {
            get
            {
                lock (_gate)
                {
                    return _remoteAddress;
                }
            }
        }

        /// <inheritdoc />
        public int RemotePort
        {
            get
            {
                lock (_gate)
                {
                    return _remotePort;
                }
            }
        }

        /// <summary>
        /// Connects to a host of the network. Fails with <see cref="NetworkException"/> of kind
        /// <see cref="NetworkErrorKind.ConnectionRefused"/> when nothing listens on the port,
        /// <see cref="NetworkErrorKind.Unreachable"/> for an IP address no host has,
        /// <see cref="NetworkErrorKind.HostNotFound"/> for an unknown name, or as set by
        /// <see cref="MemoryNetwork.SetConnectFault"/>. Takes the round trip of the links' latency.
        /// A failed attempt leaves the socket unconnected, so it may try again.
        /// </summary>
        /// <param name="host">Address or name of a host on the network; loopback means the socket's own host.</param>
        /// <param name="port">TCP port, 1 to 65535.</param>
        /// <param name="cancellationToken">Cancels the attempt.</param>
        /// <returns>A task that completes when connected.</returns>
        public ValueTask ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
        {
            SocketArguments.CheckRemote(host, port, "TCP");

            lock (_gate)
            {
                if (_state == StateDisposed)
                {
                    throw new ObjectDisposedException(nameof(MemoryTcpSocket));
                }

                if (_state != StateNew)
                {
                    throw new InvalidOperationException("The socket is already connected or connecting.");
                }

                _state = StateConnecting;
            }

            return ConnectCoreAsync(host, port, cancellationToken);
        }

        /// <inheritdoc />
        public ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            MemoryPipe? pipe = Volatile.Read(ref _outbound);
            return pipe != null ? pipe.WriteAsync(data, cancellationToken) : new ValueTask(Task.FromException(NotConnected()));
        }

        /// <inheritdoc />
        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            MemoryPipe? pipe = Volatile.Read(ref _inbound);
            return pipe != null ? pipe.ReadAsync(buffer, cancellationToken) : new ValueTask<int>(Task.FromException<int>(NotConnected()));
        }

        /// <summary>
        /// The in-memory network has no TLS: always fails with <see cref="NetworkException"/> of kind
        /// <see cref="NetworkErrorKind.NotSupported"/> (an HTTPS tracker is tested over the native sockets).
        /// </summary>
        /// <param name="serverName">The name the certificate would have to match.</param>
        /// <param name="cancellationToken">Unused.</param>
        /// <returns>A failed task.</returns>
        public ValueTask StartTlsAsync(string serverName, CancellationToken cancellationToken = default)
        {
            if (serverName == null)
            {
                throw new ArgumentNullException(nameof(serverName));
            }

            return new ValueTask(Task.FromException(new NetworkException(
                NetworkErrorKind.NotSupported,
                "TLS to '" + serverName + "' is not available on the in-memory network: it carries plain TCP only.")));
        }

        /// <summary>
        /// Fault injection: aborts the connection. Pending and later sends and receives on both
        /// ends fail with <see cref="NetworkException"/> of kind <see cref="NetworkErrorKind.ConnectionReset"/>;
        /// buffered data is lost.
        /// </summary>
        /// <exception cref="InvalidOperationException">The socket never connected.</exception>
        public void Reset() => RequireConnection().Reset();

        /// <summary>
        /// Fault injection: the connection stops delivering data (and the close after it) in
        /// both directions until <see cref="Resume"/>. Senders keep filling the buffers and then
        /// wait, as on a network that silently stopped forwarding.
        /// </summary>
        /// <exception cref="InvalidOperationException">The socket never connected.</exception>
        public void Stall() => RequireConnection().Stall();

        /// <summary>Ends a <see cref="Stall"/>: held data is delivered.</summary>
        /// <exception cref="InvalidOperationException">The socket never connected.</exception>
        public void Resume() => RequireConnection().Resume();

        /// <summary>
        /// Closes the socket without blocking: the remote end reads the data already sent and then
        /// end of stream; its later sends fail with a reset. Pending calls on this socket end with
        /// <see cref="ObjectDisposedException"/>.
        /// </summary>
        public void Dispose()
        {
            MemoryConnection? connection;
            TaskCompletionSource<bool>? disposed;
            int localPort;
            lock (_gate)
            {
                if (_state == StateDisposed)
                {
                    return;
                }

                _state = StateDisposed;
                connection = _connection;
                disposed = _disposed;
                localPort = _localPort;
            }

            disposed?.TrySetResult(true);
            if (connection != null)
            {
                connection.CloseEnd(_isClient);
                if (_isClient)
                {
                    _host.TcpPorts.Release(localPort, this);
                }
            }

            _host.OnSocketClosed();
        }

        /// <summary>Same as <see cref="Dispose"/>.</summary>
        /// <returns>A completed task.</returns>
        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private async ValueTask ConnectCoreAsync(string host, int port, CancellationToken cancellationToken)
        {
            MemoryNetwork network = _host.Network;
            MemoryConnection connection;
            int localPort;
            MemoryRoute route;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                route = network.Route(_host, host);
                switch (network.GetConnectFault(route.Target.Address, port))
                {
                    case MemoryConnectFault.Drop:
                        await DelayAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                        break;
                    case MemoryConnectFault.TimeOut:
                        throw new NetworkException(NetworkErrorKind.TimedOut, "Connecting to " + route.TargetSeenAs + ":" + port + " timed out.");
                }

                TimeSpan roundTrip = network.RoundTrip(_host, route.Target);
                if (roundTrip > TimeSpan.Zero)
                {
                    await DelayAsync(roundTrip, cancellationToken).ConfigureAwait(false);
                }

                connection = network.Establish(this, route, port, out localPort);
            }
            catch
            {
                lock (_gate)
                {
                    if (_state == StateConnecting)
                    {
                        _state = StateNew;
                    }
                }

                throw;
            }

            lock (_gate)
            {
                if (_state == StateConnecting)
                {
                    _connection = connection;
                    _localPort = localPort;
                    _remoteAddress = route.TargetSeenAs;
                    _remotePort = port;
                    Volatile.Write(ref _inbound, connection.ServerToClient);
                    Volatile.Write(ref _outbound, connection.ClientToServer);
                    _state = StateConnected;
                    return;
                }
            }

            // Disposed while connecting: the accepting end sees the connection close at once.
            connection.CloseEnd(client: true);
            _host.TcpPorts.Release(localPort, this);
            throw new ObjectDisposedException(nameof(MemoryTcpSocket));
        }

        /// <summary>Waits for a delay, the caller's cancellation, or this socket's disposal.</summary>
        private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            TaskCompletionSource<bool> disposed;
            lock (_gate)
            {
                if (_state == StateDisposed)
                {
                    throw new ObjectDisposedException(nameof(MemoryTcpSocket));
                }

                disposed = _disposed ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            Task wait = Task.Delay(delay, cancellationToken);
            if (await Task.WhenAny(wait, disposed.Task).ConfigureAwait(false) != wait)
            {
                throw new ObjectDisposedException(nameof(MemoryTcpSocket));
            }

            await wait.ConfigureAwait(false);
        }

        private Exception NotConnected()
        {
            lock (_gate)
            {
                return _state == StateDisposed
                    ? new ObjectDisposedException(nameof(MemoryTcpSocket))
                    : new InvalidOperationException("The socket is not connected.");
            }
        }

        private MemoryConnection RequireConnection()
        {
            lock (_gate)
            {
                return _connection ?? throw new InvalidOperationException("The socket never connected.");
            }
        }
    }
}
