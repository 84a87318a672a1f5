using System;
using System.Diagnostics;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>The live state of one shaped link: its options and the token bucket its connections share.</summary>
    internal sealed class MemoryLink
    {
        // A burst of 100 ms of traffic keeps the cap exact with a coarse (15.6 ms) timer and a
        // briefly starved thread pool; over seconds it adds only a few percent.
        private const double BurstSeconds = 0.1;
        private const double MinimumBurstBytes = 2048;

        private readonly object _gate = new object();
        private readonly MemoryLinkOptions _options;
        private readonly double _burst;
        private readonly double _chunk;
        private double _tokens;
        private long _lastTimestamp;

        public MemoryLink(MemoryLinkOptions options)
        {
            _options = options.Clone();
            LatencyTicks = (long)Math.Ceiling(options.Latency.TotalSeconds * Stopwatch.Frequency);
            BytesPerSecond = options.BandwidthBytesPerSecond;
            _burst = Math.Max(BytesPerSecond * BurstSeconds, MinimumBurstBytes);
            // Wait for a quarter burst rather than waking for every few bytes.
            _chunk = _burst / 4;
            _lastTimestamp = Stopwatch.GetTimestamp();
        }

        /// <summary>The one-way delay.</summary>
        public TimeSpan Latency => _options.Latency;

        /// <summary>The one-way delay in <see cref="Stopwatch"/> ticks.</summary>
        public long LatencyTicks { get; }

        /// <summary>The cap; 0 for unlimited.</summary>
        public long BytesPerSecond { get; }

        /// <summary>A copy of the options the link was made from.</summary>
        public MemoryLinkOptions Options => _options.Clone();

        /// <summary>Takes up to <paramref name="wanted"/> bytes' worth of tokens.</summary>
        /// <param name="wanted">Bytes the sender would like to send.</param>
        /// <param name="waitTicks">When 0 is returned, how long until enough tokens are there.</param>
        /// <returns>Bytes the sender may send now; 0 to wait.</returns>
        public int Take(int wanted, out long waitTicks)
        {
            waitTicks = 0;
            if (BytesPerSecond == 0)
            {
                return wanted;
            }

            lock (_gate)
            {
                long now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_burst, _tokens + ((now - _lastTimestamp) * (double)BytesPerSecond / Stopwatch.Frequency));
                _lastTimestamp = now;
                double need = Math.Min(wanted, _chunk);
                if (_tokens >= need)
                {
                    int grant = (int)Math.Min(wanted, Math.Floor(_tokens));
                    _tokens -= grant;
                    return grant;
                }

                waitTicks = Math.Max(1, (long)Math.Ceiling((need - _tokens) * Stopwatch.Frequency / BytesPerSecond));
                return 0;
            }
        }
    }
}
