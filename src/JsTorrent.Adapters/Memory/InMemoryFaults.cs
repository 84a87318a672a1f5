using System;
using System.Collections.Generic;
using System.Threading;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// Failures that tests arm on an <see cref="InMemoryFileSystem"/> (its <see cref="InMemoryFileSystem.Faults"/>)
    /// to exercise the engine's error paths. Thread-safe. The synchronous test helpers
    /// <see cref="InMemoryFileSystem.WriteAllBytes"/> and <see cref="InMemoryFileSystem.ReadAllBytes"/> ignore faults.
    /// </summary>
    public sealed class InMemoryFaults
    {
        private const long Unlimited = -1;

        private readonly object _gate = new object();
        private readonly Dictionary<string, StorageErrorKind> _openFailures = new Dictionary<string, StorageErrorKind>(StringComparer.Ordinal);
        private readonly Dictionary<string, InMemoryWriteHold> _writeHolds = new Dictionary<string, InMemoryWriteHold>(StringComparer.Ordinal);
        private int _writeHoldCount;
        private int _writesUntilFailure;
        private long _capacityBytes = Unlimited;

        internal InMemoryFaults()
        {
        }

        /// <summary>
        /// Arms a one-time write failure: the Nth <see cref="IFileHandle.WriteAsync"/> call from now (1 = the next one)
        /// fails with <see cref="StorageErrorKind.IOError"/> and writes nothing. Reads back how many write calls remain
        /// until the failure (the failing one included), or null when nothing is armed. Set null to disarm.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
        public int? FailWriteNumber
        {
            get
            {
                int remaining = Volatile.Read(ref _writesUntilFailure);
                return remaining == 0 ? null : remaining;
            }

            set
            {
                if (value < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The failing write is counted from 1 (the next write).");
                }

                Interlocked.Exchange(ref _writesUntilFailure, value ?? 0);
            }
        }

        /// <summary>
        /// Most bytes of file pages the file system may hold (see <see cref="InMemoryFileSystem.AllocatedBytes"/>), or null
        /// for no limit. A write that would need more fails with <see cref="StorageErrorKind.DiskFull"/> and writes nothing.
        /// Lowering it below what is allocated frees nothing; it only refuses further growth.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public long? CapacityBytes
        {
            get
            {
                long capacity = Interlocked.Read(ref _capacityBytes);
                return capacity == Unlimited ? null : capacity;
            }

            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "A capacity cannot be negative.");
                }

                Interlocked.Exchange(ref _capacityBytes, value ?? Unlimited);
            }
        }

        /// <summary>The capacity as a plain limit: <see cref="long.MaxValue"/> when unlimited.</summary>
        internal long CapacityLimit
        {
            get
            {
                long capacity = Interlocked.Read(ref _capacityBytes);
                return capacity == Unlimited ? long.MaxValue : capacity;
            }
        }

        /// <summary>Makes every later <see cref="IFileSystem.OpenAsync"/> of <paramref name="path"/> fail, whatever the mode, until <see cref="StopFailingOpens"/>.</summary>
        /// <param name="path">The path, spelt as it will be opened.</param>
        /// <param name="kind">The error to report, typically <see cref="StorageErrorKind.AccessDenied"/> or <see cref="StorageErrorKind.Locked"/>.</param>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.InvalidPath"/> for a malformed path.</exception>
        public void FailOpens(string path, StorageErrorKind kind)
        {
            InMemoryPath.Split(path);
            lock (_gate)
            {
                _openFailures[path] = kind;
            }
        }

        /// <summary>Lets opens of <paramref name="path"/> succeed again.</summary>
        /// <param name="path">The path given to <see cref="FailOpens"/>.</param>
        public void StopFailingOpens(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            lock (_gate)
            {
                _openFailures.Remove(path);
            }
        }

        /// <summary>
        /// Makes writes through handles on <paramref name="path"/> wait (asynchronously) until the returned hold is
        /// released; a second call for the same path returns the same hold. A handle disposed meanwhile fails the
        /// held write with <see cref="ObjectDisposedException"/>, so a test also sees a handle closed under a write.
        /// </summary>
        /// <param name="path">The path, spelt as it was opened.</param>
        /// <returns>The hold, to await its start and release it.</returns>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.InvalidPath"/> for a malformed path.</exception>
        public InMemoryWriteHold HoldWrites(string path)
        {
            InMemoryPath.Split(path);
            lock (_gate)
            {
                if (!_writeHolds.TryGetValue(path, out var hold))
                {
                    hold = new InMemoryWriteHold(this, path);
                    _writeHolds.Add(path, hold);
                    Volatile.Write(ref _writeHoldCount, _writeHolds.Count);
                }

                return hold;
            }
        }

        /// <summary>Disarms every fault: no failing write, no capacity, no failing open; held writes are released.</summary>
        public void Reset()
        {
            FailWriteNumber = null;
            CapacityBytes = null;
            List<InMemoryWriteHold> holds;
            lock (_gate)
            {
                _openFailures.Clear();
                holds = new List<InMemoryWriteHold>(_writeHolds.Values);
            }

            foreach (var hold in holds)
            {
                hold.Release();
            }
        }

        /// <summary>Counts one write call; true when it is the one armed to fail.</summary>
        internal bool ConsumeWriteFailure()
        {
            while (true)
            {
                int remaining = Volatile.Read(ref _writesUntilFailure);
                if (remaining == 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _writesUntilFailure, remaining - 1, remaining) == remaining)
                {
                    return remaining == 1;
                }
            }
        }

        /// <summary>The hold on a path's writes, or null; lock-free while no hold exists, which is the usual case.</summary>
        internal InMemoryWriteHold? FindWriteHold(string path)
        {
            if (Volatile.Read(ref _writeHoldCount) == 0)
            {
                return null;
            }

            lock (_gate)
            {
                return _writeHolds.TryGetValue(path, out var hold) ? hold : null;
            }
        }

        internal void RemoveWriteHold(InMemoryWriteHold hold)
        {
            lock (_gate)
            {
                if (_writeHolds.TryGetValue(hold.Path, out var current) && ReferenceEquals(current, hold))
                {
                    _writeHolds.Remove(hold.Path);
                    Volatile.Write(ref _writeHoldCount, _writeHolds.Count);
                }
            }
        }

        internal bool TryGetOpenFailure(string path, out StorageErrorKind kind)
        {
            lock (_gate)
            {
                return _openFailures.TryGetValue(path, out kind);
            }
        }
    }
}
