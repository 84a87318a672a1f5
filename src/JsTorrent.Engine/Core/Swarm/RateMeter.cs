using System;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// Transfer rate over a sliding window (by default the last 5 s in 20 buckets of 250 ms).
    /// Add is O(1) amortised and allocation-free, so it can run per received block; buckets
    /// that fall out of the window are cleared lazily by whichever call notices time moved on.
    /// </summary>
    internal sealed class RateMeter
    {
        /// <summary>Default bucket count: 20 × 250 ms = a 5 s window.</summary>
        public const int DefaultBucketCount = 20;

        /// <summary>Default bucket width in milliseconds.</summary>
        public const int DefaultBucketMs = 250;

        // A rate over less than this much history is reported over this much instead, so the
        // first block of a connection does not read as a huge spike.
        private const long MinimumSpanMs = 1000;

        private readonly long[] _buckets;
        private readonly int _bucketMs;
        private long _windowSum;
        private long _currentBucket;
        private long _startMs;
        private bool _started;

        public RateMeter()
            : this(DefaultBucketCount, DefaultBucketMs)
        {
        }

        public RateMeter(int bucketCount, int bucketMs)
        {
            if (bucketCount < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(bucketCount), bucketCount, "At least two buckets are needed.");
            }

            if (bucketMs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(bucketMs), bucketMs, "A bucket must span at least 1 ms.");
            }

            _buckets = new long[bucketCount];
            _bucketMs = bucketMs;
        }

        /// <summary>Every byte ever added.</summary>
        public long Total { get; private set; }

        /// <summary>The window length in milliseconds.</summary>
        public long WindowMs => (long)_buckets.Length * _bucketMs;

        public void Add(long bytes, long nowMs)
        {
            if (bytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "Byte counts are never negative.");
            }

            Advance(nowMs);
            _buckets[BucketSlot(_currentBucket)] += bytes;
            _windowSum += bytes;
            Total += bytes;
        }

        /// <summary>Bytes per second over the window ending at <paramref name="nowMs"/>; 0 once the window holds nothing.</summary>
        public long GetBytesPerSecond(long nowMs)
        {
            if (!_started)
            {
                return 0;
            }

            Advance(nowMs);
            if (_windowSum == 0)
            {
                return 0;
            }

            // The window holds full buckets plus the elapsed part of the current one; before the
            // meter has run a full window, only the time since it started counts.
            long oldestStart = (_currentBucket - _buckets.Length + 1) * _bucketMs;
            long now = Math.Max(nowMs, _currentBucket * _bucketMs);
            long span = now - Math.Max(oldestStart, _startMs);
            span = Math.Max(span, MinimumSpanMs);
            return (long)(_windowSum * 1000.0 / span);
        }

        /// <summary>Forgets all history (the total included), as for a reused connection slot.</summary>
        public void Reset()
        {
            Array.Clear(_buckets, 0, _buckets.Length);
            _windowSum = 0;
            Total = 0;
            _started = false;
        }

        private void Advance(long nowMs)
        {
            long bucket = SwarmTime.FloorDiv(nowMs, _bucketMs);
            if (!_started)
            {
                _started = true;
                _startMs = nowMs;
                _currentBucket = bucket;
                return;
            }

            if (bucket <= _currentBucket)
            {
                // Same bucket, or a clock that stepped back: count it in the current bucket.
                return;
            }

            long steps = bucket - _currentBucket;
            if (steps >= _buckets.Length)
            {
                Array.Clear(_buckets, 0, _buckets.Length);
                _windowSum = 0;
            }
            else
            {
                for (long b = _currentBucket + 1; b <= bucket; b++)
                {
                    int slot = BucketSlot(b);
                    _windowSum -= _buckets[slot];
                    _buckets[slot] = 0;
                }
            }

            _currentBucket = bucket;
        }

        private int BucketSlot(long bucket)
        {
            long slot = bucket % _buckets.Length;
            return (int)(slot < 0 ? slot + _buckets.Length : slot);
        }
    }
}
