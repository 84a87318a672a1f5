using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// A listening TCP port over the operating system's sockets. One accept may be in flight at a
    /// time (a second throws <see cref="InvalidOperationException"/>). A cancelled accept throws
    /// <see cref="OperationCanceledException"/> and loses no connection: on net8.0 the platform
    /// cancels the accept itself; on netstandard2.0, whose accept takes no token, the accept keeps
    /// running and the next <see cref="AcceptAsync"/> takes it over, and disposing closes a
    /// connection it brings in that nobody took. Disposing stops listening and ends a pending
    /// accept with <see cref="ObjectDisposedException"/>; later accepts throw the same.
    /// </summary>
    internal sealed class NativeTcpServer : ITcpServer
    {
        private readonly Socket _listener;
        private readonly NativeSocketOptions _options;
        private int _accepting;
        private int _disposed;
#if !NET8_0_OR_GREATER
        private Task<Socket>? _pendingAccept;
#endif

        /// <summary>Takes ownership of a bound, listening socket.</summary>
        public NativeTcpServer(Socket listener, NativeSocketOptions options)
        {
            _listener = listener;
            _options = options;
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        }

        public int Port { get; }

        private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        public async ValueTask<ITcpSocket> AcceptAsync(CancellationToken cancellationToken = default)
        {
            if (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(NativeTcpServer));
            }

            if (Interlocked.Exchange(ref _accepting, 1) != 0)
            {
                throw new InvalidOperationException("An accept is already in flight on this server.");
            }

            Socket accepted;
            try
            {
#if NET8_0_OR_GREATER
                accepted = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
#else
                Task<Socket> accept = _pendingAccept ??= _listener.AcceptAsync();
                accepted = await NativeSocketAddresses.WithCancellation(accept, cancellationToken).ConfigureAwait(false);
                _pendingAccept = null;
#endif
            }
            catch (SocketException ex)
            {
                ClearPendingAccept();
                if (IsDisposed)
                {
                    throw new ObjectDisposedException(nameof(NativeTcpServer));
                }

                throw NativeSocketErrors.Translate(ex, "Accepting on", "port", Port);
            }
            catch (ObjectDisposedException) when (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(NativeTcpServer));
            }
            finally
            {
                Volatile.Write(ref _accepting, 0);
            }

            if (IsDisposed)
            {
                accepted.Dispose();
                throw new ObjectDisposedException(nameof(NativeTcpServer));
            }

            try
            {
                return new NativeTcpSocket(accepted, _options);
            }
            catch
            {
                accepted.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _listener.Dispose();
#if !NET8_0_OR_GREATER
            Task<Socket>? pending = _pendingAccept;
            if (pending != null)
            {
                // A connection that arrives after nobody waits for it any more must not leak.
                _ = CloseLateArrivalAsync(pending);
            }
#endif
        }

#if !NET8_0_OR_GREATER
        /// <remarks>
        /// The accept ends with a socket nobody will take (closed here), or with the failure our own
        /// disposal of the listener caused: expected, and there is no caller left to tell.
        /// </remarks>
        private static async Task CloseLateArrivalAsync(Task<Socket> pending)
        {
            try
            {
                (await pending.ConfigureAwait(false)).Dispose();
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
            {
                // The listener was closed under the accept.
            }
        }

#endif
        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        public override string ToString() => "NativeTcpServer port " + Port;

        private void ClearPendingAccept()
        {
#if !NET8_0_OR_GREATER
            _pendingAccept = null;
#endif
        }
    }
}
