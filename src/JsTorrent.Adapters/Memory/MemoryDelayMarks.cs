using System;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// The latency marks of one pipe: "bytes up to End may be read from time At", oldest first.
    /// Not thread-safe; the pipe uses it under its lock. Few marks are ever outstanding (the ring
    /// bounds the data in flight); when they run out the newest mark absorbs the next write,
    /// which only delays that write's bytes a little.
    /// </summary>
    internal sealed class MemoryDelayMarks
    {
        private const int Capacity = 256;

        private readonly long[] _end = new long[Capacity];
        private readonly long[] _at = new long[Capacity];
        private int _head;

        /// <summary>Marks outstanding.</summary>
        public int Count { get; private set; }

        /// <summary>When the oldest mark matures; only when <see cref="Count"/> &gt; 0.</summary>
        public long NextAt => _at[_head];

        /// <summary>When the newest mark matures; only when <see cref="Count"/> &gt; 0.</summary>
        public long LastAt => _at[Last];

        private int Last => (_head + Count - 1) % Capacity;

        /// <summary>Bytes up to <paramref name="end"/> become readable at <paramref name="at"/>, never before earlier bytes.</summary>
        public void Add(long end, long at)
        {
            if (Count > 0)
            {
                int last = Last;
                at = Math.Max(at, _at[last]);
                if (Count == Capacity)
                {
                    _end[last] = end;
                    _at[last] = at;
                    return;
                }
            }

            int slot = (_head + Count) % Capacity;
            _end[slot] = end;
            _at[slot] = at;
            Count++;
        }

        /// <summary>Drops the marks matured by <paramref name="now"/>.</summary>
        /// <param name="now">The current timestamp.</param>
        /// <param name="visibleEnd">Moved to the end of the newest matured mark.</param>
        public void Mature(long now, ref long visibleEnd)
        {
            while (Count > 0 && _at[_head] <= now)
            {
                visibleEnd = _end[_head];
                _head = (_head + 1) % Capacity;
                Count--;
            }
        }
    }
}
