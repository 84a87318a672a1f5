using System;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// A byte-rate limiter: tokens refill at <see cref="BytesPerSecond"/> up to
    /// <see cref="BurstBytes"/>, and a transfer takes as many tokens as it has bytes.
    /// </summary>
    /// <remarks>
    /// A request larger than the burst could never be covered, so a request passes once the
    /// bucket holds min(bytes, burst) tokens and may drive the balance negative: the debt is
    /// repaid by refill before anything else passes, which keeps the long-run rate exact.
    /// Time is the caller's monotonic milliseconds; the first call starts the clock with a
    /// full bucket. Owned by one thread (no locks).
    /// </remarks>
    internal sealed class TokenBucket
    {
        // Tokens are kept in thousandths of a byte so that refilling by whole milliseconds
        // loses nothing to rounding at low rates.
        private const long Scale = 1000;

        private long _bytesPerSecond;
        private long _burstBytes;
        private long _milliTokens;
        private long _lastRefillMs;
        private bool _started;

        public TokenBucket(long bytesPerSecond, long burstBytes)
        {
            BytesPerSecond = bytesPerSecond;
            BurstBytes = burstBytes;
            _milliTokens = _burstBytes * Scale;
        }

        /// <summary>The refill rate; 0 means unlimited (every request passes at once).</summary>
        public long BytesPerSecond
        {
            get => _bytesPerSecond;
            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "A rate is never negative (0 means unlimited).");
                }

                _bytesPerSecond = value;
            }
        }

        /// <summary>The most tokens the bucket holds; lowering it drops the excess.</summary>
        public long BurstBytes
        {
            get => _burstBytes;
            set
            {
                // The cap keeps the scaled balance far from overflow.
                if (value < 1 || value > long.MaxValue / Scale / 4)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The burst must be positive.");
                }

                _burstBytes = value;
                _milliTokens = Math.Min(_milliTokens, value * Scale);
            }
        }

        /// <summary>True when <see cref="BytesPerSecond"/> is 0.</summary>
        public bool IsUnlimited => _bytesPerSecond == 0;

        /// <summary>The whole tokens available at the last refill; negative while a large request's debt is repaid.</summary>
        public long AvailableBytes => FloorTokens(_milliTokens);

        /// <summary>Takes <paramref name="bytes"/> tokens if they are available now.</summary>
        public bool TryTake(long bytes, long nowMs)
        {
            CheckBytes(bytes);
            if (IsUnlimited)
            {
                return true;
            }

            Refill(nowMs);
            if (!HasTokensFor(bytes))
            {
                return false;
            }

            Take(bytes);
            return true;
        }

        /// <summary>Milliseconds until <paramref name="bytes"/> could be taken; 0 if they can be now.</summary>
        public long GetDelayMs(long bytes, long nowMs)
        {
            CheckBytes(bytes);
            if (IsUnlimited)
            {
                return 0;
            }

            Refill(nowMs);
            long missing = (Needed(bytes) * Scale) - _milliTokens;
            if (missing <= 0)
            {
                return 0;
            }

            // Refill adds _bytesPerSecond milli-tokens per millisecond; round up.
            return (missing + _bytesPerSecond - 1) / _bytesPerSecond;
        }

        /// <summary>
        /// Takes <paramref name="bytes"/> from both buckets or from neither (a global limit and a
        /// per-torrent one); a null bucket is no limit.
        /// </summary>
        public static bool TryTakeBoth(TokenBucket? global, TokenBucket? local, long bytes, long nowMs)
        {
            CheckBytes(bytes);
            bool globalLimits = global != null && !global.IsUnlimited;
            bool localLimits = local != null && !local.IsUnlimited;
            if (globalLimits)
            {
                global!.Refill(nowMs);
                if (!global.HasTokensFor(bytes))
                {
                    return false;
                }
            }

            if (localLimits)
            {
                local!.Refill(nowMs);
                if (!local.HasTokensFor(bytes))
                {
                    return false;
                }
            }

            if (globalLimits)
            {
                global!.Take(bytes);
            }

            if (localLimits)
            {
                local!.Take(bytes);
            }

            return true;
        }

        /// <summary>Milliseconds until both buckets could give <paramref name="bytes"/>; a null bucket is no limit.</summary>
        public static long GetDelayMsBoth(TokenBucket? global, TokenBucket? local, long bytes, long nowMs)
        {
            long globalDelay = global?.GetDelayMs(bytes, nowMs) ?? 0;
            long localDelay = local?.GetDelayMs(bytes, nowMs) ?? 0;
            return Math.Max(globalDelay, localDelay);
        }

        private static void CheckBytes(long bytes)
        {
            if (bytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "Byte counts are never negative.");
            }
        }

        private static long FloorTokens(long milliTokens) =>
            milliTokens >= 0 ? milliTokens / Scale : -((-milliTokens + Scale - 1) / Scale);

        private long Needed(long bytes) => Math.Min(bytes, _burstBytes);

        private bool HasTokensFor(long bytes) => _milliTokens >= Needed(bytes) * Scale;

        private void Take(long bytes)
        {
            // Debt is bounded so that a run of huge requests cannot overflow the balance; the
            // rate still holds because nothing passes until the balance is back above zero.
            long debtFloor = -(long.MaxValue / Scale / 4) * Scale;
            long cost = bytes > long.MaxValue / Scale / 2 ? long.MaxValue / 2 : bytes * Scale;
            _milliTokens = _milliTokens - cost < debtFloor ? debtFloor : _milliTokens - cost;
        }

        private void Refill(long nowMs)
        {
            if (!_started)
            {
                _started = true;
                _lastRefillMs = nowMs;
                return;
            }

            long elapsed = nowMs - _lastRefillMs;
            if (elapsed <= 0)
            {
                // A clock that stepped back refills nothing and moves the origin no further back.
                return;
            }

            _lastRefillMs = nowMs;
            long full = _burstBytes * Scale;
            long missing = full - _milliTokens;
            if (missing <= 0)
            {
                return;
            }

            // Compare before multiplying: a long idle period times a high rate could overflow.
            _milliTokens = elapsed >= (missing / _bytesPerSecond) + 1 ? full : _milliTokens + (elapsed * _bytesPerSecond);
        }
    }
}
