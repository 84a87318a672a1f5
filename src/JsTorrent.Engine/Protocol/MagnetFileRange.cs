using System;
using System.Globalization;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// An inclusive range of file indices from a magnet link's BEP 53 <c>so</c> (select-only)
    /// parameter. A single index is the range whose <see cref="Start"/> equals its <see cref="End"/>.
    /// Ranges are kept as ranges (never expanded), so <c>so=0-2147483647</c> costs nothing.
    /// </summary>
    public readonly struct MagnetFileRange : IEquatable<MagnetFileRange>
    {
        /// <summary>Creates the range holding the single file index <paramref name="index"/>.</summary>
        /// <param name="index">A non-negative file index.</param>
        /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
        public MagnetFileRange(int index)
            : this(index, index)
        {
        }

        /// <summary>Creates the inclusive range <paramref name="start"/>..<paramref name="end"/>.</summary>
        /// <param name="start">First file index, non-negative.</param>
        /// <param name="end">Last file index (inclusive), at least <paramref name="start"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException">A bound is negative or <paramref name="end"/> is below <paramref name="start"/>.</exception>
        public MagnetFileRange(int start, int end)
        {
            if (start < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(start), start, "A file index cannot be negative.");
            }

            if (end < start)
            {
                throw new ArgumentOutOfRangeException(nameof(end), end, "The end of a file range cannot be below its start (" + start + ").");
            }

            Start = start;
            End = end;
        }

        /// <summary>First file index of the range.</summary>
        public int Start { get; }

        /// <summary>Last file index of the range (inclusive).</summary>
        public int End { get; }

        /// <summary>Number of indices in the range (at least 1 for a constructed range).</summary>
        public long Count => (long)End - Start + 1;

        /// <summary>True when <paramref name="index"/> lies in the range.</summary>
        /// <param name="index">A file index.</param>
        /// <returns>True when <see cref="Start"/> &lt;= index &lt;= <see cref="End"/>.</returns>
        public bool Contains(int index) => index >= Start && index <= End;

        /// <summary>The <c>so</c> spelling: <c>n</c> for a single index, <c>a-b</c> for a range.</summary>
        /// <returns>The text form.</returns>
        public override string ToString()
        {
            string start = Start.ToString(CultureInfo.InvariantCulture);
            return Start == End ? start : start + "-" + End.ToString(CultureInfo.InvariantCulture);
        }

        /// <inheritdoc/>
        public bool Equals(MagnetFileRange other) => Start == other.Start && End == other.End;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is MagnetFileRange other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => unchecked((Start * 397) ^ End);

        /// <summary>Value equality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when both bounds are equal.</returns>
        public static bool operator ==(MagnetFileRange left, MagnetFileRange right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when a bound differs.</returns>
        public static bool operator !=(MagnetFileRange left, MagnetFileRange right) => !left.Equals(right);
    }
}
