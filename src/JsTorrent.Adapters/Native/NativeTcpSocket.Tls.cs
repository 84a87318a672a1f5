using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
#if !NET8_0_OR_GREATER
using System.Buffers;
using System.Runtime.InteropServices;
#endif

namespace JsTorrent.Adapters.Native
{
    /// <content>
    /// TLS as a client over the connected socket (HTTPS trackers): an <see cref="SslStream"/> over a
    /// <see cref="NetworkStream"/> that does not own the socket, so closing stays with <see cref="Dispose"/>.
    /// </content>
    internal sealed partial class NativeTcpSocket
    {
        private SslStream? _tls;

        public ValueTask StartTlsAsync(string serverName, CancellationToken cancellationToken = default)
        {
            if (serverName == null)
            {
                throw new ArgumentNullException(nameof(serverName));
            }

            if (serverName.Length == 0)
            {
                throw new ArgumentException("TLS needs the server's name to check its certificate against.", nameof(serverName));
            }

            Socket socket = RequireConnected();
            if (Volatile.Read(ref _tls) != null)
            {
                throw new InvalidOperationException("TLS is already started on this socket.");
            }

            // The handshake owns both directions: holding both in-flight marks keeps sends and receives out until it is done.
            if (Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
            {
                throw new InvalidOperationException("A send is in flight; TLS starts on an idle socket.");
            }

            if (Interlocked.CompareExchange(ref _receiving, 1, 0) != 0)
            {
                Volatile.Write(ref _sending, 0);
                throw new InvalidOperationException("A receive is in flight; TLS starts on an idle socket.");
            }

            return new ValueTask(StartTlsCoreAsync(socket, serverName, cancellationToken));
        }

        private async Task StartTlsCoreAsync(Socket socket, string serverName, CancellationToken cancellationToken)
        {
            SslStream? tls = null;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false, _options.ServerCertificateValidation);
#if NET8_0_OR_GREATER
                // Revocation is not checked (the options' default): an unreachable CRL server must not stall announces.
                var authentication = new SslClientAuthenticationOptions { TargetHost = serverName };
                await tls.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
#else
                using (RegisterAbort(socket, cancellationToken))
                {
                    // None lets the operating system pick the protocol versions (TLS 1.2 and later where it has them).
                    await tls.AuthenticateAsClientAsync(serverName, null, SslProtocols.None, checkCertificateRevocation: false).ConfigureAwait(false);
                }
#endif
                lock (_gate)
                {
                    if (_state != StateConnected)
                    {
                        throw new ObjectDisposedException(nameof(NativeTcpSocket));
                    }

                    // Published under the gate so that Dispose, which reads it there, always sees it.
                    _tls = tls;
                }

                tls = null;
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is AuthenticationException || (ex is ObjectDisposedException && !IsDisposed))
            {
                throw TlsFailure(ex, "TLS handshake with " + _peer + " as '" + serverName + "'", cancellationToken);
            }
            finally
            {
                tls?.Dispose();
                Volatile.Write(ref _receiving, 0);
                Volatile.Write(ref _sending, 0);
            }
        }

        private async ValueTask SendTlsAsync(Socket socket, SslStream tls, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
#if !NET8_0_OR_GREATER
            byte[]? rented = null;
#endif
            try
            {
#if NET8_0_OR_GREATER
                await tls.WriteAsync(data, cancellationToken).ConfigureAwait(false);
#else
                cancellationToken.ThrowIfCancellationRequested();
                if (!MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment))
                {
                    rented = ArrayPool<byte>.Shared.Rent(data.Length);
                    data.Span.CopyTo(rented);
                    segment = new ArraySegment<byte>(rented, 0, data.Length);
                }

                using (RegisterAbort(socket, cancellationToken))
                {
                    await tls.WriteAsync(segment.Array!, segment.Offset, segment.Count).ConfigureAwait(false);
                }
#endif
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
                throw TlsFailure(ex, "Sending to " + _peer, cancellationToken);
            }
            finally
            {
#if !NET8_0_OR_GREATER
                if (rented != null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
#endif
                Volatile.Write(ref _sending, 0);
            }
        }

        private async ValueTask<int> ReceiveTlsAsync(Socket socket, SslStream tls, Memory<byte> buffer, CancellationToken cancellationToken)
        {
#if !NET8_0_OR_GREATER
            byte[]? rented = null;
#endif
            try
            {
                int received;
#if NET8_0_OR_GREATER
                received = await tls.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
#else
                cancellationToken.ThrowIfCancellationRequested();
                if (!MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment))
                {
                    rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
                    segment = new ArraySegment<byte>(rented, 0, buffer.Length);
                }

                using (RegisterAbort(socket, cancellationToken))
                {
                    received = await tls.ReadAsync(segment.Array!, segment.Offset, segment.Count).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (rented != null)
                {
                    rented.AsSpan(0, received).CopyTo(buffer.Span);
                }
#endif
                if (received == 0 && IsDisposed)
                {
                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                }

                return received;
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || (ex is ObjectDisposedException && !IsDisposed))
            {
                throw TlsFailure(ex, "Receiving from " + _peer, cancellationToken);
            }
            finally
            {
#if !NET8_0_OR_GREATER
                if (rented != null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
#endif
                Volatile.Write(ref _receiving, 0);
            }
        }

        /// <summary>
        /// Our error for a failure under TLS: socket errors keep their kinds, the rest (certificate
        /// refused, bad record, the server hanging up mid-handshake) is <see cref="NetworkErrorKind.TlsFailed"/>.
        /// </summary>
        private Exception TlsFailure(Exception error, string what, CancellationToken cancellationToken)
        {
            if (IsDisposed)
            {
                return new ObjectDisposedException(nameof(NativeTcpSocket));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return new OperationCanceledException(cancellationToken);
            }

            SocketException? socketError = error as SocketException ?? error.InnerException as SocketException;
            if (socketError != null)
            {
                NetworkErrorKind kind = NativeSocketErrors.KindOf(socketError.SocketErrorCode);
                return new NetworkException(kind, what + " failed: " + socketError.SocketErrorCode + ": " + socketError.Message + ".", error);
            }

            if (error is ObjectDisposedException)
            {
                return new NetworkException(NetworkErrorKind.Closed, what + " failed: the socket was closed.", error);
            }

            return new NetworkException(NetworkErrorKind.TlsFailed, what + " failed: " + error.Message, error);
        }
    }
}
