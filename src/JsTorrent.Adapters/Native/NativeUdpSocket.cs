using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
#if !NET8_0_OR_GREATER
using System.Buffers;
using System.Runtime.InteropServices;
#endif

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// A UDP socket over the operating system's sockets, bound like the factory's listeners
    /// (dual-mode IPv6 any unless the options name an address). A datagram longer than the
    /// caller's buffer is cut to fit on every platform: a small buffer is filled from a socket-owned
    /// 64 KiB one, so Windows' "message too long" never reaches the caller. One receive may be in
    /// flight at a time. A cancelled receive throws <see cref="OperationCanceledException"/> and the
    /// socket stays usable (on netstandard2.0 the receive keeps running and the next call takes it
    /// over). Disposing ends a pending receive with <see cref="ObjectDisposedException"/>; later
    /// calls throw the same. Failures of the platform come out as <see cref="NetworkException"/>.
    /// </summary>
    internal sealed class NativeUdpSocket : IUdpSocket
    {
        /// <summary>The largest IPv4 UDP payload (what the memory network allows too).</summary>
        public const int MaxDatagramSize = 65507;

        // Room for any datagram, IPv6 included.
        private const int ReceiveBufferSize = 65536;

        private readonly object _gate = new object();
        private readonly NativeSocketOptions _options;
        private Socket? _socket;
        private byte[]? _receiveBuffer;
        private int _port;
        private int _receiving;
        private bool _disposed;
#if !NET8_0_OR_GREATER
        private Task<SocketReceiveFromResult>? _pendingReceive;
#endif

        public NativeUdpSocket(NativeSocketOptions options)
        {
            _options = options;
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

        private bool IsDisposed
        {
            get
            {
                lock (_gate)
                {
                    return _disposed;
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
                    if (_socket != null)
                    {
                        throw new InvalidOperationException("The socket is already bound.");
                    }

                    BindLocked(port);
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

            return SendCoreAsync(data, host, port, cancellationToken);
        }

        public ValueTask<UdpDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Socket socket;
            lock (_gate)
            {
                ThrowIfDisposed();
                socket = _socket ?? throw new InvalidOperationException("The socket is not bound; bind or send first.");
            }

            if (Interlocked.Exchange(ref _receiving, 1) != 0)
            {
                throw new InvalidOperationException("A receive is already in flight on this socket.");
            }

            return ReceiveCoreAsync(socket, buffer, cancellationToken);
        }

        public void Dispose()
        {
            Socket? socket;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                socket = _socket;
            }

            socket?.Dispose();
#if !NET8_0_OR_GREATER
            // A receive left running by a cancelled wait now fails with nobody to see it; observe it.
            _ = _pendingReceive?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
#endif
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        public override string ToString() => "NativeUdpSocket port " + LocalPort;

        private async ValueTask SendCoreAsync(ReadOnlyMemory<byte> data, string host, int port, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (data.Length > MaxDatagramSize)
            {
                throw new NetworkException(NetworkErrorKind.Other, "A datagram of " + data.Length + " bytes is longer than UDP allows.");
            }

            Socket socket;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (_socket == null)
                {
                    BindLocked(0);
                }

                socket = _socket!;
            }

            IPEndPoint? destination = null;
            foreach (IPAddress address in await NativeSocketAddresses.ResolveAsync(host, port, cancellationToken).ConfigureAwait(false))
            {
                destination = NativeSocketAddresses.EndpointFor(socket, address, port);
                if (destination != null)
                {
                    break;
                }
            }

            if (destination == null)
            {
                throw new NetworkException(NetworkErrorKind.Unreachable, "Sending a datagram to " + NativeSocketErrors.Endpoint(host, port) + " failed: no address of the host is reachable from a socket bound to " + socket.LocalEndPoint + ".");
            }

            try
            {
#if NET8_0_OR_GREATER
                await socket.SendToAsync(data, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
#else
                byte[]? rented = null;
                try
                {
                    if (!MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment))
                    {
                        rented = ArrayPool<byte>.Shared.Rent(data.Length);
                        data.Span.CopyTo(rented);
                        segment = new ArraySegment<byte>(rented, 0, data.Length);
                    }

                    // A datagram send does not wait for the network, so it is not raced against the token.
                    await socket.SendToAsync(segment, SocketFlags.None, destination).ConfigureAwait(false);
                }
                finally
                {
                    if (rented != null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
#endif
            }
            catch (SocketException ex)
            {
                throw IsDisposed ? new ObjectDisposedException(nameof(NativeUdpSocket)) : NativeSocketErrors.Translate(ex, "Sending a datagram to", host, port);
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(NativeUdpSocket));
            }
        }

        private async ValueTask<UdpDatagram> ReceiveCoreAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    try
                    {
                        return await ReceiveOnceAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset && !IsDisposed)
                    {
                        // Windows reports an ICMP "port unreachable" for an earlier send here; it says
                        // nothing about the datagram being waited for, so wait on.
                        continue;
                    }
                }
            }
            catch (SocketException ex)
            {
                throw IsDisposed ? new ObjectDisposedException(nameof(NativeUdpSocket)) : NativeSocketErrors.Translate(ex, "Receiving a datagram on", "port", LocalPort);
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(NativeUdpSocket));
            }
            finally
            {
                Volatile.Write(ref _receiving, 0);
            }
        }

        private async Task<UdpDatagram> ReceiveOnceAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            byte[] own = _receiveBuffer ??= new byte[ReceiveBufferSize];
#if NET8_0_OR_GREATER
            // A buffer that holds any datagram takes it directly; a smaller one goes through ours so a long datagram is cut, not refused.
            bool direct = buffer.Length >= ReceiveBufferSize;
            SocketReceiveFromResult result = await socket.ReceiveFromAsync(direct ? buffer : own, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
#else
            bool direct = false;
            Task<SocketReceiveFromResult> receive = _pendingReceive ??= socket.ReceiveFromAsync(new ArraySegment<byte>(own), SocketFlags.None, any);
            SocketReceiveFromResult result;
            try
            {
                result = await NativeSocketAddresses.WithCancellation(receive, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                _pendingReceive = null;
                throw;
            }

            _pendingReceive = null;
#endif
            int length = Math.Min(result.ReceivedBytes, buffer.Length);
            if (!direct)
            {
                own.AsSpan(0, length).CopyTo(buffer.Span);
            }

            var sender = (IPEndPoint)result.RemoteEndPoint;
            return new UdpDatagram(length, NativeSocketAddresses.Format(sender.Address), sender.Port);
        }

        private void BindLocked(int port)
        {
            Socket socket = NativeSocketAddresses.Bind(_options, SocketType.Dgram, ProtocolType.Udp, port, "UDP");
            _socket = socket;
            _port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(NativeUdpSocket));
            }
        }
    }
}
