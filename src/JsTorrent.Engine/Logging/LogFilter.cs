using System;

namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// Which entries <see cref="RingBufferLogger.GetEntries"/> returns. Every criterion that is
    /// set must hold; the defaults match every entry.
    /// </summary>
    public sealed class LogFilter
    {
        private int? limit;

        /// <summary>Only entries at this level or above. Default <see cref="LogLevel.Trace"/> (all).</summary>
        public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

        /// <summary>Only entries of this component, compared case-insensitively; null for any.</summary>
        public string? Component { get; set; }

        /// <summary>
        /// Only entries of this instance (an info-hash in hex, a peer endpoint), compared
        /// case-insensitively because people type info-hashes in either case; null for any.
        /// </summary>
        public string? InstanceValue { get; set; }

        /// <summary>Only entries with an <see cref="LogEntry.Id"/> greater than this; 0 for all. Lets a reader poll for new entries.</summary>
        public long SinceId { get; set; }

        /// <summary>Only entries with a <see cref="LogEntry.Timestamp"/> at or after this; null for any time.</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>At most this many entries: the last (newest) ones that match; null for no limit.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Set to a negative number.</exception>
        public int? Limit
        {
            get => limit;
            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The limit cannot be negative.");
                }

                limit = value;
            }
        }

        /// <summary>Whether <paramref name="entry"/> meets every criterion except <see cref="Limit"/>.</summary>
        /// <param name="entry">The entry to test.</param>
        /// <returns>True when the entry matches.</returns>
        public bool Matches(LogEntry entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            return entry.Level >= MinimumLevel
                && entry.Id > SinceId
                && (Since == null || entry.Timestamp >= Since.Value)
                && (Component == null || string.Equals(entry.Component, Component, StringComparison.OrdinalIgnoreCase))
                && (InstanceValue == null || string.Equals(entry.InstanceValue, InstanceValue, StringComparison.OrdinalIgnoreCase));
        }
    }
}
