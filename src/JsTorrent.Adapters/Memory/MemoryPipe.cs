using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// One direction of a memory TCP connection: a bounded ring buffer with one writer (the
    /// sending socket) and one reader (the receiving socket). Each side takes the lock only to
    /// read or publish positions and flags; the bytes are copied outside it, which is safe
    /// because only the writer moves the write position and only the reader the read position.
    /// A full ring makes the writer wait (back-pressure), an empty one the reader.
    /// </summary>
    internal sealed class MemoryPipe
    {
        private readonly object _gate = new object();
        private readonly byte[] _ring;
        private readonly MemoryConnection _connection;
        private readonly MemoryNetwork _network;
        private readonly MemorySignal _readSignal = new MemorySignal();
        private readonly MemorySignal _writeSignal = new MemorySignal();
        private readonly MemoryWakeTimer _readTimer;
        private readonly MemoryWakeTimer _writeTimer;

        // Totals since the connection opened; guarded by _gate.
        private long _written;
        private long _read;
        private long _visibleEnd;
        private MemoryDelayMarks? _marks;
        private bool _readWaiting;
        private bool _writeWaiting;
        private bool _readerClosed;
        private bool _writerClosed;
        private bool _reset;
        private long _finAt;

        // Enforce the contract's "one receive and one send in flight".
        private int _readBusy;
        private int _writeBusy;

        // Only the writer touches these.
        private int _linkVersion = -1;
        private MemoryLink? _link;

        public MemoryPipe(MemoryConnection connection, MemoryNetwork network, MemorySocketFactory sender, string destination, int capacity)
        {
            _connection = connection;
            _network = network;
            Sender = sender;
            Destination = destination;
            _ring = new byte[capacity];
            _readTimer = new MemoryWakeTimer(_readSignal);
            _writeTimer = new MemoryWakeTimer(_writeSignal);
        }

        /// <summary>The host whose socket writes into this pipe.</summary>
        public MemorySocketFactory Sender { get; }

        /// <summary>The address of the host that reads from it.</summary>
        public string Destination { get; }

        /// <summary>Bytes the reader has taken so far.</summary>
        public long Delivered
        {
            get
            {
                lock (_gate)
                {
                    return _read;
                }
            }
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask(Task.FromCanceled(cancellationToken));
            }

            if (Interlocked.Exchange(ref _writeBusy, 1) != 0)
            {
                return new ValueTask(Task.FromException(new InvalidOperationException("Another send is already in flight on this socket.")));
            }

            long deadline;
            try
            {
                if (!WriteAll(ref data, out deadline))
                {
                    return WriteSlowAsync(data, deadline, cancellationToken);
                }
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _writeBusy, 0);
                return new ValueTask(Task.FromException(ex));
            }

            Volatile.Write(ref _writeBusy, 0);
            return default;
        }

        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (buffer.IsEmpty)
            {
                throw new ArgumentException("The buffer is empty; a receive of 0 bytes would read as end of stream.", nameof(buffer));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask<int>(Task.FromCanceled<int>(cancellationToken));
            }

            if (Interlocked.Exchange(ref _readBusy, 1) != 0)
            {
                return new ValueTask<int>(Task.FromException<int>(new InvalidOperationException("Another receive is already in flight on this socket.")));
            }

            int read;
            long deadline;
            try
            {
                read = TryRead(buffer.Span, out deadline);
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _readBusy, 0);
                return new ValueTask<int>(Task.FromException<int>(ex));
            }

            if (read < 0)
            {
                return ReadSlowAsync(buffer, deadline, cancellationToken);
            }

            Volatile.Write(ref _readBusy, 0);
            return new ValueTask<int>(read);
        }

        /// <summary>The sending socket was disposed: the reader gets end of stream after the data, a pending send ends.</summary>
        public void CloseWriter()
        {
            long latency = _network.ResolveLink(Sender, Destination)?.LatencyTicks ?? 0;
            lock (_gate)
            {
                if (_writerClosed)
                {
                    return;
                }

                _writerClosed = true;
                long finAt = Stopwatch.GetTimestamp() + latency;
                _finAt = MarkCount > 0 ? Math.Max(finAt, _marks!.LastAt) : finAt;
            }

            WakeBoth();
        }

        /// <summary>The receiving socket was disposed: its pending receive ends, the sender's sends fail with a reset.</summary>
        public void CloseReader()
        {
            lock (_gate)
            {
                _readerClosed = true;
            }

            WakeBoth();
        }

        /// <summary>Aborts the pipe: both sides' pending and later calls fail with <see cref="NetworkErrorKind.ConnectionReset"/>.</summary>
        public void Reset()
        {
            lock (_gate)
            {
                _reset = true;
            }

            WakeBoth();
        }

        /// <summary>Makes a waiting reader look again (a stall was released).</summary>
        public void Wake()
        {
            // The empty lock orders this wake after a reader that is between its check and its arm.
            lock (_gate)
            {
                _readWaiting = false;
            }

            _readSignal.Set();
        }

        /// <summary>Both ends are closed: stop the timers.</summary>
        public void CloseTimers()
        {
            _readTimer.Close();
            _writeTimer.Close();
        }

        private int MarkCount => _marks?.Count ?? 0;

        private void WakeBoth()
        {
            _readSignal.Set();
            _writeSignal.Set();
        }

#if NET8_0_OR_GREATER
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
#endif
        private async ValueTask WriteSlowAsync(ReadOnlyMemory<byte> data, long deadline, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    await WaitAsync(_writeSignal, _writeTimer, deadline, cancellationToken).ConfigureAwait(false);
                    if (WriteAll(ref data, out deadline))
                    {
                        return;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _writeBusy, 0);
            }
        }

#if NET8_0_OR_GREATER
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
#endif
        private async ValueTask<int> ReadSlowAsync(Memory<byte> buffer, long deadline, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    await WaitAsync(_readSignal, _readTimer, deadline, cancellationToken).ConfigureAwait(false);
                    int read = TryRead(buffer.Span, out deadline);
                    if (read >= 0)
                    {
                        return read;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _readBusy, 0);
            }
        }

#if NET8_0_OR_GREATER
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
#endif
        private static async ValueTask WaitAsync(MemorySignal signal, MemoryWakeTimer timer, long deadline, CancellationToken cancellationToken)
        {
            if (deadline != 0)
            {
                timer.Schedule(deadline);
            }

            CancellationTokenRegistration registration = default;
            if (cancellationToken.CanBeCanceled)
            {
#if NET8_0_OR_GREATER
                registration = cancellationToken.UnsafeRegister(MemorySignal.SetFromState, signal);
#else
                registration = cancellationToken.Register(MemorySignal.SetFromState, signal);
#endif
            }

            try
            {
                await signal.WaitAsync().ConfigureAwait(false);
            }
            finally
            {
                registration.Dispose();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>Writes as much of <paramref name="data"/> as goes without waiting and slices it off.</summary>
        /// <returns>True when all is written; false with the write signal armed (see <see cref="TryWrite"/>).</returns>
        private bool WriteAll(ref ReadOnlyMemory<byte> data, out long deadline)
        {
            int written;
            do
            {
                written = TryWrite(data.Span, out deadline);
                if (written < 0)
                {
                    return false;
                }

                data = data.Slice(written);
            }
            while (!data.IsEmpty);

            return true;
        }

        /// <summary>Copies what fits into the ring.</summary>
        /// <returns>Bytes written (0 only for an empty source), or -1 with the write signal armed; then <paramref name="deadline"/> is when to look again (0: when signalled).</returns>
        private int TryWrite(ReadOnlySpan<byte> source, out long deadline)
        {
            deadline = 0;
            long start;
            long space;
            lock (_gate)
            {
                ThrowIfCannotWrite();
                if (source.IsEmpty)
                {
                    return 0;
                }

                space = _ring.Length - (_written - _read);
                if (space == 0)
                {
                    _writeWaiting = true;
                    _writeSignal.Arm();
                    return -1;
                }

                start = _written;
            }

            int count = (int)Math.Min(space, source.Length);
            long latency = 0;
            MemoryLink? link = CurrentLink();
            if (link != null)
            {
                latency = link.LatencyTicks;
                count = link.Take(count, out long wait);
                if (count == 0)
                {
                    lock (_gate)
                    {
                        ThrowIfCannotWrite();
                        _writeSignal.Arm();
                    }

                    deadline = Stopwatch.GetTimestamp() + wait;
                    return -1;
                }
            }

            CopyIn(start, source.Slice(0, count));
            bool wakeReader;
            lock (_gate)
            {
                _written += count;
                if (latency > 0 || MarkCount > 0)
                {
                    _marks ??= new MemoryDelayMarks();
                    _marks.Add(_written, Stopwatch.GetTimestamp() + latency);
                }
                else
                {
                    _visibleEnd = _written;
                }

                wakeReader = _readWaiting;
                _readWaiting = false;
            }

            if (wakeReader)
            {
                _readSignal.Set();
            }

            return count;
        }

        /// <summary>Copies what is readable out of the ring.</summary>
        /// <returns>Bytes read, 0 at end of stream, or -1 with the read signal armed; then <paramref name="deadline"/> is when to look again (0: when signalled).</returns>
        private int TryRead(Span<byte> destination, out long deadline)
        {
            deadline = 0;
            long start;
            int count;
            lock (_gate)
            {
                if (_readerClosed)
                {
                    throw Disposed();
                }

                if (_reset)
                {
                    throw new NetworkException(NetworkErrorKind.ConnectionReset, "The connection was reset.");
                }

                long available = 0;
                bool stalled = _connection.IsStalled(Sender);
                if (!stalled)
                {
                    if (MarkCount > 0)
                    {
                        _marks!.Mature(Stopwatch.GetTimestamp(), ref _visibleEnd);
                    }

                    available = _visibleEnd - _read;
                }

                if (available == 0)
                {
                    if (!stalled)
                    {
                        if (_writerClosed && _read == _written)
                        {
                            if (_finAt <= Stopwatch.GetTimestamp())
                            {
                                return 0;
                            }

                            deadline = _finAt;
                        }
                        else if (MarkCount > 0)
                        {
                            deadline = _marks!.NextAt;
                        }
                    }

                    _readWaiting = true;
                    _readSignal.Arm();
                    return -1;
                }

                start = _read;
                count = (int)Math.Min(available, destination.Length);
            }

            CopyOut(start, destination.Slice(0, count));
            bool wakeWriter;
            lock (_gate)
            {
                _read += count;
                wakeWriter = _writeWaiting;
                _writeWaiting = false;
            }

            if (wakeWriter)
            {
                _writeSignal.Set();
            }

            return count;
        }

        private void ThrowIfCannotWrite()
        {
            if (_writerClosed)
            {
                throw Disposed();
            }

            if (_reset)
            {
                throw new NetworkException(NetworkErrorKind.ConnectionReset, "The connection was reset.");
            }

            if (_readerClosed)
            {
                throw new NetworkException(NetworkErrorKind.ConnectionReset, "The remote end closed the connection.");
            }
        }

        private static ObjectDisposedException Disposed() => new ObjectDisposedException(nameof(MemoryTcpSocket));

        private MemoryLink? CurrentLink()
        {
            int version = _network.LinkVersion;
            if (version != _linkVersion)
            {
                _link = _network.ResolveLink(Sender, Destination);
                _linkVersion = version;
            }

            return _link;
        }

        private void CopyIn(long start, ReadOnlySpan<byte> source)
        {
            int position = (int)(start % _ring.Length);
            int first = Math.Min(source.Length, _ring.Length - position);
            source.Slice(0, first).CopyTo(_ring.AsSpan(position));
            if (first < source.Length)
            {
                source.Slice(first).CopyTo(_ring);
            }
        }

        private void CopyOut(long start, Span<byte> destination)
        {
            int position = (int)(start % _ring.Length);
            int first = Math.Min(destination.Length, _ring.Length - position);
            _ring.AsSpan(position, first).CopyTo(destination);
            if (first < destination.Length)
            {
                _ring.AsSpan(0, destination.Length - first).CopyTo(destination.Slice(first));
            }
        }
    }
}
