using System;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
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
    /// Moving bytes, once per target: net8.0 uses the socket's ValueTask calls with a fast path that
    /// completes in place; netstandard2.0 uses the Task-based calls over array segments.
    /// </content>
    internal sealed partial class NativeTcpSocket
    {
#if NET8_0_OR_GREATER
        private ValueTask SendCoreAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            // Fast path without an async frame: a send that fits the kernel buffer completes at once.
            ValueTask<int> first;
            try
            {
                first = socket.SendAsync(data, SocketFlags.None, cancellationToken);
            }
            catch (Exception ex)
            {
                // Disposed under our feet: the slow path turns it into our error and clears the in-flight mark.
                first = new ValueTask<int>(Task.FromException<int>(ex));
            }

            if (first.IsCompletedSuccessfully && first.Result == data.Length)
            {
                Volatile.Write(ref _sending, 0);
                return default;
            }

            return SendSlowAsync(socket, first, data, cancellationToken);
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        private async ValueTask SendSlowAsync(Socket socket, ValueTask<int> first, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            try
            {
                data = data.Slice(await first.ConfigureAwait(false));
                while (!data.IsEmpty)
                {
                    int sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    data = data.Slice(sent);
                }
            }
            catch (SocketException ex)
            {
                throw Failure(ex, "Sending to");
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(NativeTcpSocket));
            }
            finally
            {
                Volatile.Write(ref _sending, 0);
            }
        }

        private ValueTask<int> ReceiveCoreAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            // Fast path without an async frame: data already waiting is taken at once. A 0 goes the
            // slow way, which tells the peer's end of stream from our own close.
            ValueTask<int> receive;
            try
            {
                receive = socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (Exception ex)
            {
                receive = new ValueTask<int>(Task.FromException<int>(ex));
            }

            if (receive.IsCompletedSuccessfully && receive.Result > 0)
            {
                Volatile.Write(ref _receiving, 0);
                return receive;
            }

            return ReceiveSlowAsync(receive);
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<int> ReceiveSlowAsync(ValueTask<int> receive)
        {
            try
            {
                int received = await receive.ConfigureAwait(false);
                if (received == 0 && IsDisposed)
                {
                    // Our own shutdown woke the receive; that is not the peer's end of stream.
                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                }

                return received;
            }
            catch (SocketException ex)
            {
                throw Failure(ex, "Receiving from");
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(NativeTcpSocket));
            }
            finally
            {
                Volatile.Write(ref _receiving, 0);
            }
        }
#else
        private async ValueTask SendCoreAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            byte[]? rented = null;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment))
                {
                    rented = ArrayPool<byte>.Shared.Rent(data.Length);
                    data.Span.CopyTo(rented);
                    segment = new ArraySegment<byte>(rented, 0, data.Length);
                }

                using (RegisterAbort(socket, cancellationToken))
                {
                    while (segment.Count > 0)
                    {
                        int sent = await socket.SendAsync(segment, SocketFlags.None).ConfigureAwait(false);
                        segment = new ArraySegment<byte>(segment.Array!, segment.Offset + sent, segment.Count - sent);
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
                throw Failure(ex, "Sending to", cancellationToken);
            }
            finally
            {
                if (rented != null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }

                Volatile.Write(ref _sending, 0);
            }
        }

        private async ValueTask<int> ReceiveCoreAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            byte[]? rented = null;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment))
                {
                    rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
                    segment = new ArraySegment<byte>(rented, 0, buffer.Length);
                }

                int received;
                using (RegisterAbort(socket, cancellationToken))
                {
                    received = await socket.ReceiveAsync(segment, SocketFlags.None).ConfigureAwait(false);
                }

                if (received == 0 && IsDisposed)
                {
                    throw new ObjectDisposedException(nameof(NativeTcpSocket));
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (rented != null)
                {
                    rented.AsSpan(0, received).CopyTo(buffer.Span);
                }

                return received;
            }
            catch (Exception ex) when (ex is SocketException || (ex is ObjectDisposedException && !IsDisposed))
            {
                throw Failure(ex, "Receiving from", cancellationToken);
            }
            finally
            {
                if (rented != null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }

                Volatile.Write(ref _receiving, 0);
            }
        }

        /// <summary>The platform call takes no token: cancelling closes the socket (the contract makes it unusable anyway).</summary>
        private static CancellationTokenRegistration RegisterAbort(Socket socket, CancellationToken cancellationToken)
            => cancellationToken.CanBeCanceled ? cancellationToken.Register(state => ((Socket)state!).Dispose(), socket) : default;

        private Exception Failure(Exception error, string action, CancellationToken cancellationToken)
        {
            if (IsDisposed)
            {
                return new ObjectDisposedException(nameof(NativeTcpSocket));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return new OperationCanceledException(cancellationToken);
            }

            return error is SocketException socketError
                ? Failure(socketError, action)
                : new NetworkException(NetworkErrorKind.Closed, action + " " + _peer + " failed: the socket was closed.", error);
        }
#endif
    }
}
