using System;
using System.Threading;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>What the nodes and handles of one <see cref="InMemoryFileSystem"/> share: clock, faults, space and handle accounting.</summary>
    internal sealed class InMemoryVolume
    {
        private readonly Func<DateTimeOffset> _clock;
        private long _allocatedBytes;
        private int _openHandles;
        private int _peakOpenHandles;

        public InMemoryVolume(Func<DateTimeOffset> clock)
        {
            _clock = clock;
        }

        public InMemoryFaults Faults { get; } = new InMemoryFaults();

        public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

        public int OpenHandleCount => Volatile.Read(ref _openHandles);

        public int PeakOpenHandleCount => Volatile.Read(ref _peakOpenHandles);

        public DateTimeOffset Now() => _clock();

        /// <summary>Reserves page space; false, reserving nothing, when it would pass the armed capacity.</summary>
        public bool TryAllocate(long bytes, bool enforceCapacity)
        {
            while (true)
            {
                long current = Interlocked.Read(ref _allocatedBytes);
                if (enforceCapacity && current + bytes > Faults.CapacityLimit)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _allocatedBytes, current + bytes, current) == current)
                {
                    return true;
                }
            }
        }

        public void Free(long bytes) => Interlocked.Add(ref _allocatedBytes, -bytes);

        public void HandleOpened()
        {
            int open = Interlocked.Increment(ref _openHandles);
            while (true)
            {
                int peak = Volatile.Read(ref _peakOpenHandles);
                if (open <= peak || Interlocked.CompareExchange(ref _peakOpenHandles, open, peak) == peak)
                {
                    return;
                }
            }
        }

        public void HandleClosed() => Interlocked.Decrement(ref _openHandles);
    }
}
