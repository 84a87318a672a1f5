using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tracker.Udp
{
    /// <summary>
    /// The one UDP socket an engine's UDP tracker clients share (BEP 15), like real clients: bound
    /// to an ephemeral port on first use, with one receive loop that hands each datagram to the
    /// pending request with its transaction id. Datagrams that are too short, carry an unknown
    /// transaction id or come from the wrong sender are ignored and counted. If the socket
    /// itself fails, its pending requests fail with the error and the next request opens a new
    /// one. Disposing ends the loop and fails pending requests with <see cref="ObjectDisposedException"/>.
    /// </summary>
    internal sealed class UdpTrackerSocket : IAsyncDisposable
    {
        /// <summary>Room for any datagram; tracker replies are far smaller, but a cut reply would read as a protocol error.</summary>
        private const int ReceiveBufferSize = 65536;

        private readonly object _gate = new object();
        private readonly ISocketFactory _factory;
        private readonly Random _random;
        private readonly Logger? _log;
        private readonly Dictionary<uint, UdpTrackerTransaction> _pending = new Dictionary<uint, UdpTrackerTransaction>();

        // Never disposed: it has no timer, and the loop may still read its token while stopping.
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        private Task<IUdpSocket>? _start;
        private IUdpSocket? _socket;
        private Task? _loop;
        private bool _disposed;
        private long _datagramsReceived;
        private long _ignoredTooShort;
        private long _ignoredUnknownTransaction;
        private long _ignoredWrongSender;
        private long _receiveFailures;

        /// <summary>Creates the socket; nothing is opened until the first request.</summary>
        /// <param name="factory">Makes the UDP socket.</param>
        /// <param name="random">Draws transaction ids; used under this object's lock, so give it a Random nothing else uses.</param>
        /// <param name="log">Where receive failures are written, if anywhere.</param>
        public UdpTrackerSocket(ISocketFactory factory, Random random, Logger? log = null)
        {
            _factory = factory ?? throw new ArgumentNullException(nameof(factory));
            _random = random ?? throw new ArgumentNullException(nameof(random));
            _log = log;
        }

        /// <summary>The bound local port; 0 before the first request.</summary>
        public int LocalPort
        {
            get
            {
                lock (_gate)
                {
                    return _socket?.LocalPort ?? 0;
                }
            }
        }

        /// <summary>Requests waiting for their reply.</summary>
        public int PendingCount
        {
            get
            {
                lock (_gate)
                {
                    return _pending.Count;
                }
            }
        }

        /// <summary>Datagrams received, whatever became of them.</summary>
        public long DatagramsReceived => Interlocked.Read(ref _datagramsReceived);

        /// <summary>Datagrams ignored for being shorter than a reply header (8 bytes).</summary>
        public long IgnoredTooShort => Interlocked.Read(ref _ignoredTooShort);

        /// <summary>Datagrams ignored because no pending request has their transaction id (late duplicates, strays, spoofs).</summary>
        public long IgnoredUnknownTransaction => Interlocked.Read(ref _ignoredUnknownTransaction);

        /// <summary>Datagrams ignored because they came from another address or port than the request's tracker.</summary>
        public long IgnoredWrongSender => Interlocked.Read(ref _ignoredWrongSender);

        /// <summary>Times the underlying socket failed to receive (each time it was replaced).</summary>
        public long ReceiveFailures => Interlocked.Read(ref _receiveFailures);

        /// <summary>
        /// Registers a request to <paramref name="host"/>:<paramref name="port"/> under a fresh
        /// random transaction id, opening the socket first if needed. Dispose the result when done.
        /// </summary>
        /// <exception cref="ObjectDisposedException">This socket was disposed.</exception>
        /// <exception cref="NetworkException">The UDP socket could not be bound.</exception>
        public async Task<UdpTrackerTransaction> BeginAsync(string host, int port, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IUdpSocket socket = await EnsureStartedAsync().ConfigureAwait(false);
                lock (_gate)
                {
                    ThrowIfDisposed();

                    // Else the socket failed and was replaced meanwhile: register on the new one.
                    if (ReferenceEquals(_socket, socket))
                    {
                        uint id;
                        do
                        {
                            id = NextId();
                        }
                        while (_pending.ContainsKey(id));

                        var transaction = new UdpTrackerTransaction(this, socket, id, host, port);
                        _pending.Add(id, transaction);
                        return transaction;
                    }
                }
            }
        }

        /// <summary>Ends the receive loop, closes the socket and fails pending requests.</summary>
        /// <returns>A task that completes when the loop has ended.</returns>
        public async ValueTask DisposeAsync()
        {
            IUdpSocket? socket;
            Task? loop;
            UdpTrackerTransaction[] pending;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                socket = _socket;
                _socket = null;
                loop = _loop;
                pending = _pending.Values.ToArray();
                _pending.Clear();
            }

            _stop.Cancel();
            if (socket != null)
            {
                await socket.DisposeAsync().ConfigureAwait(false);
            }

            if (loop != null)
            {
                // The loop handles its own failures; this only waits for it to let go of its buffer.
                await loop.ConfigureAwait(false);
            }

            var closed = new ObjectDisposedException(nameof(UdpTrackerSocket), "The UDP tracker socket was closed.");
            foreach (UdpTrackerTransaction transaction in pending)
            {
                transaction.Fail(closed);
            }
        }

        /// <summary>Unregisters a transaction (its Dispose); a reply arriving later counts as unknown.</summary>
        internal void Remove(UdpTrackerTransaction transaction)
        {
            lock (_gate)
            {
                if (_pending.TryGetValue(transaction.Id, out UdpTrackerTransaction? registered) && ReferenceEquals(registered, transaction))
                {
                    _pending.Remove(transaction.Id);
                }
            }
        }

        private async Task<IUdpSocket> EnsureStartedAsync()
        {
            Task<IUdpSocket> start;
            lock (_gate)
            {
                ThrowIfDisposed();
                start = _start ??= Task.Run(StartAsync);
            }

            try
            {
                return await start.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Let the next request try again rather than repeat this failure forever.
                lock (_gate)
                {
                    if (ReferenceEquals(_start, start))
                    {
                        _start = null;
                    }
                }

                throw;
            }
        }

        private async Task<IUdpSocket> StartAsync()
        {
            IUdpSocket socket = _factory.CreateUdpSocket();
            try
            {
                await socket.BindAsync(0).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await socket.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            lock (_gate)
            {
                if (!_disposed)
                {
                    _socket = socket;
                    _loop = Task.Run(() => ReceiveLoopAsync(socket));
                    return socket;
                }
            }

            await socket.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(UdpTrackerSocket));
        }

        private async Task ReceiveLoopAsync(IUdpSocket socket)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
            try
            {
                while (true)
                {
                    UdpDatagram datagram;
                    try
                    {
                        datagram = await socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                        // Disposal: the receive ends with a cancellation or ObjectDisposedException, which is the point.
                        return;
                    }
                    catch (Exception ex)
                    {
                        OnReceiveFailed(socket, ex);
                        return;
                    }

                    Dispatch(buffer, datagram);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private void Dispatch(byte[] buffer, UdpDatagram datagram)
        {
            Interlocked.Increment(ref _datagramsReceived);
            if (datagram.Length < UdpTrackerMessages.ReplyHeaderLength)
            {
                Interlocked.Increment(ref _ignoredTooShort);
                Trace("a " + datagram.Length + "-byte datagram from " + Protocol.PeerAddressSyntax.FormatEndpoint(datagram.Address, datagram.Port), "too short");
                return;
            }

            uint id = UdpTrackerMessages.ReadTransactionId(buffer);
            UdpTrackerTransaction? transaction;
            lock (_gate)
            {
                if (_pending.TryGetValue(id, out transaction))
                {
                    if (transaction.AcceptsSender(datagram.Address, datagram.Port))
                    {
                        _pending.Remove(id);
                    }
                    else
                    {
                        transaction = null;
                        Interlocked.Increment(ref _ignoredWrongSender);
                    }
                }
                else
                {
                    Interlocked.Increment(ref _ignoredUnknownTransaction);
                }
            }

            if (transaction == null)
            {
                Trace("a datagram from " + Protocol.PeerAddressSyntax.FormatEndpoint(datagram.Address, datagram.Port), "no request of ours matches it (transaction " + id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ")");
                return;
            }

            // The one allocation per datagram: the reply's own copy, since the buffer is reused at once.
            transaction.Complete(new UdpTrackerReply(buffer.AsSpan(0, datagram.Length).ToArray(), datagram.Address));
        }

        private void OnReceiveFailed(IUdpSocket socket, Exception error)
        {
            Interlocked.Increment(ref _receiveFailures);
            _log?.Warning("The UDP tracker socket on port " + socket.LocalPort + " failed to receive; its pending requests fail and the next request opens a new socket.", error);
            List<UdpTrackerTransaction> failed;
            lock (_gate)
            {
                if (ReferenceEquals(_socket, socket))
                {
                    _socket = null;
                    _start = null;
                }

                failed = _pending.Values.ToList();
                _pending.Clear();
            }

            socket.Dispose();
            foreach (UdpTrackerTransaction transaction in failed)
            {
                transaction.Fail(error);
            }
        }

        private void Trace(string what, string why)
        {
            if (_log != null && _log.IsEnabled(LogLevel.Debug))
            {
                _log.Debug("Ignored " + what + ": " + why + ".");
            }
        }

        private uint NextId()
        {
            // Next(int) gives at most 31 bits; two 16-bit draws cover all 32.
            return ((uint)_random.Next(1 << 16) << 16) | (uint)_random.Next(1 << 16);
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(UdpTrackerSocket), "The UDP tracker socket was closed.");
            }
        }
    }
}
