using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// A TCP connection over the operating system's sockets.
    /// <para>
    /// Errors: failures of the platform come out as <see cref="NetworkException"/> (kinds mapped by
    /// <see cref="NativeSocketErrors.KindOf"/>; the message names host:port). A connect to a host
    /// name tries each resolved address in turn; the connect timeout of the options runs on top of
    /// the caller's token and ends the attempt with <see cref="NetworkErrorKind.TimedOut"/>, while the
    /// caller's own token gives <see cref="OperationCanceledException"/>. A failed attempt leaves the
    /// socket unconnected, so it may try again.
    /// </para>
    /// <para>
    /// Disposing shuts the connection down (the remote end reads the data already sent, then end of
    /// stream) without blocking, and ends this socket's pending connect, send and receive with
    /// <see cref="ObjectDisposedException"/> — never with a <see cref="NetworkException"/> of kind
    /// <see cref="NetworkErrorKind.Closed"/>, which is kept for a close this object did not make.
    /// Later calls throw the same. <see cref="StartTlsAsync"/> wraps the connection in an
    /// <see cref="SslStream"/>; sends and receives then go through it (the plain path is unchanged
    /// for peers), and TLS failures are <see cref="NetworkErrorKind.TlsFailed"/>. A cancelled send or receive throws
    /// <see cref="OperationCanceledException"/> and leaves the connection unusable (on
    /// netstandard2.0, where the platform calls take no token, cancelling closes the socket).
    /// A second send (or receive) while one is in flight throws <see cref="InvalidOperationException"/>;
    /// a receive into an empty buffer throws <see cref="ArgumentException"/> (its 0 would read as end of stream).
    /// </para>
    /// </summary>
    internal sealed partial class NativeTcpSocket : ITcpSocket
    {
        private const int StateNew = 0;
        private const int StateConnecting = 1;
        private const int StateConnected = 2;
        private const int StateDisposed = 3;

        private readonly object _gate = new object();
        private readonly NativeSocketOptions _options;
        private Socket? _socket;
        private int _state;
        private int _receiving;
        private int _sending;
        private string? _remoteAddress;
        private int _remotePort;
        private string _peer = "(unconnected)";

        /// <summary>An unconnected socket.</summary>
        public NativeTcpSocket(NativeSocketOptions options)
        {
            _options = options;
        }

        /// <summary>The accepting end of a connection; takes ownership of <paramref name="accepted"/>.</summary>
        public NativeTcpSocket(Socket accepted, NativeSocketOptions options)
        {
            _options = options;
            Configure(accepted);
            _socket = accepted;
            SetRemote(accepted);
            _state = StateConnected;
        }

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

        private bool IsDisposed => Volatile.Read(ref _state) == StateDisposed;

        public ValueTask ConnectAsync(string host, int port, CancellationToken cancellationToken = default)
        {
            SocketArguments.CheckRemote(host, port, "TCP");

            lock (_gate)
            {
                if (_state == StateDisposed)
                {
                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                }

                if (_state != StateNew)
                {
                    throw new InvalidOperationException("The socket is already connected or connecting.");
                }

                _state = StateConnecting;
            }

            return new ValueTask(ConnectCoreAsync(host, port, cancellationToken));
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            Socket socket = RequireConnected();
            if (Interlocked.Exchange(ref _sending, 1) != 0)
            {
                throw new InvalidOperationException("A send is already in flight on this socket.");
            }

            // Read after taking the in-flight mark: a TLS upgrade holds that mark until the stream is published.
            SslStream? tls = Volatile.Read(ref _tls);
            return tls == null ? SendCoreAsync(socket, data, cancellationToken) : SendTlsAsync(socket, tls, data, cancellationToken);
        }

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                throw new ArgumentException("A receive needs room for at least one byte.", nameof(buffer));
            }

            Socket socket = RequireConnected();
            if (Interlocked.Exchange(ref _receiving, 1) != 0)
            {
                throw new InvalidOperationException("A receive is already in flight on this socket.");
            }

            SslStream? tls = Volatile.Read(ref _tls);
            return tls == null ? ReceiveCoreAsync(socket, buffer, cancellationToken) : ReceiveTlsAsync(socket, tls, buffer, cancellationToken);
        }

        public void Dispose()
        {
            Socket? socket;
            SslStream? tls;
            lock (_gate)
            {
                if (_state == StateDisposed)
                {
                    return;
                }

                _state = StateDisposed;
                socket = _socket;
                tls = _tls;
            }

            if (socket != null)
            {
                Close(socket);
            }

            // After the socket: its close is what ends pending TLS reads and writes; this frees the TLS context.
            tls?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        public override string ToString() => "NativeTcpSocket " + _peer;

        private static void Close(Socket socket)
        {
            try
            {
                // A polite FIN before the handle goes, so the peer reads end of stream rather than a reset.
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Never connected, or already reset by the peer: there is nobody to say goodbye to.
            }
            catch (ObjectDisposedException)
            {
                // A failed connect attempt or a cancellation closed it already.
            }

            socket.Dispose();
        }

        private Exception Failure(SocketException error, string action)
            => IsDisposed
                ? new ObjectDisposedException(nameof(NativeTcpSocket))
                : NativeSocketErrors.Translate(error, action, RemoteAddress ?? "?", RemotePort);

        private async Task ConnectCoreAsync(string host, int port, CancellationToken cancellationToken)
        {
            TimeSpan limit = _options.ConnectTimeout;
            using var timeout = limit == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(limit);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            Socket? attempt = null;
            try
            {
                IPAddress[] addresses = await NativeSocketAddresses.ResolveAsync(host, port, linked.Token).ConfigureAwait(false);
                NetworkException? lastError = null;
                foreach (IPAddress resolved in addresses)
                {
                    IPAddress address = resolved.IsIPv4MappedToIPv6 ? resolved.MapToIPv4() : resolved;
                    if (address.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
                    {
                        continue;
                    }

                    attempt = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    Configure(attempt);
                    lock (_gate)
                    {
                        if (_state == StateDisposed)
                        {
                            throw new ObjectDisposedException(nameof(NativeTcpSocket));
                        }

                        // Published so that Dispose closes it and so ends the attempt.
                        _socket = attempt;
                    }

                    try
                    {
                        var endpoint = new IPEndPoint(address, port);
#if NET8_0_OR_GREATER
                        await attempt.ConnectAsync(endpoint, linked.Token).ConfigureAwait(false);
#else
                        using (linked.Token.Register(state => ((Socket)state!).Dispose(), attempt))
                        {
                            await attempt.ConnectAsync(endpoint).ConfigureAwait(false);
                        }
#endif
                    }
                    catch (SocketException ex) when (!IsDisposed && !linked.IsCancellationRequested)
                    {
                        lastError = NativeSocketErrors.Translate(ex, "Connecting to", host, port);
                        Forget(attempt);
                        attempt = null;
                        continue;
                    }

                    lock (_gate)
                    {
                        if (_state == StateConnecting)
                        {
                            SetRemote(attempt);
                            _state = StateConnected;
                            attempt = null;
                            return;
                        }
                    }

                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                }

                throw lastError ?? new NetworkException(NetworkErrorKind.Unreachable, "Connecting to " + NativeSocketErrors.Endpoint(host, port) + " failed: no address of the host is usable here.");
            }
            catch (Exception ex)
            {
                if (attempt != null)
                {
                    Forget(attempt);
                }

                lock (_gate)
                {
                    if (_state == StateConnecting)
                    {
                        _state = StateNew;
                    }
                }

                if (IsDisposed)
                {
                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (timeout.IsCancellationRequested)
                {
                    throw new NetworkException(NetworkErrorKind.TimedOut, "Connecting to " + NativeSocketErrors.Endpoint(host, port) + " timed out after " + limit.TotalSeconds + " s.", ex);
                }

                throw;
            }
        }

        /// <summary>Drops a failed connect attempt.</summary>
        private void Forget(Socket attempt)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_socket, attempt))
                {
                    _socket = null;
                }
            }

            attempt.Dispose();
        }

        private void Configure(Socket socket)
        {
            socket.NoDelay = _options.NoDelay;
            NativeSocketAddresses.ApplyBuffers(socket, _options);
        }

        private void SetRemote(Socket socket)
        {
            if (socket.RemoteEndPoint is IPEndPoint remote)
            {
                _remoteAddress = NativeSocketAddresses.Format(remote.Address);
                _remotePort = remote.Port;
                _peer = NativeSocketErrors.Endpoint(_remoteAddress, _remotePort);
            }
        }

        private Socket RequireConnected()
        {
            // Lock-free: this runs for every message, and the socket never changes once connected.
            switch (Volatile.Read(ref _state))
            {
                case StateConnected:
                    return Volatile.Read(ref _socket)!;
                case StateDisposed:
                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                default:
                    throw new InvalidOperationException("The socket is not connected.");
            }
        }
    }
}
