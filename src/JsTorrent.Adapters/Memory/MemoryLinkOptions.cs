using System;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// How a <see cref="MemoryNetwork"/> link shapes the data sent over it: a one-way delay and a
    /// bandwidth cap. The values are copied when the options are assigned
    /// (<see cref="MemorySocketFactory.Outbound"/>, <see cref="MemoryNetwork.SetLink"/>); changing
    /// the object afterwards has no effect until it is assigned again.
    /// </summary>
    public sealed class MemoryLinkOptions
    {
        private TimeSpan _latency;
        private long _bandwidth;

        /// <summary>One-way delay before sent bytes (and the close after them) can be received; zero for none.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public TimeSpan Latency
        {
            get => _latency;
            set
            {
                if (value < TimeSpan.Zero)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "Latency cannot be negative.");
                }

                _latency = value;
            }
        }

        /// <summary>
        /// Cap on the bytes per second sent over the link, shared by every connection the link
        /// covers (a token bucket with a burst of about 100 ms); 0 for unlimited. Applies to TCP only.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public long BandwidthBytesPerSecond
        {
            get => _bandwidth;
            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "Bandwidth cannot be negative.");
                }

                _bandwidth = value;
            }
        }

        /// <summary>A copy of these options.</summary>
        /// <returns>The copy.</returns>
        public MemoryLinkOptions Clone() => new MemoryLinkOptions { Latency = _latency, BandwidthBytesPerSecond = _bandwidth };
    }
}
