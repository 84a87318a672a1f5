using System;
using System.Globalization;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>A bencoded integer (<c>i42e</c>), limited to the signed 64-bit range.</summary>
    public sealed class BencodeInteger : BencodeValue, IEquatable<BencodeInteger>
    {
        /// <summary>Creates the integer.</summary>
        /// <param name="value">The value.</param>
        public BencodeInteger(long value)
        {
            Value = value;
        }

        /// <summary>The value.</summary>
        public long Value { get; }

        /// <inheritdoc/>
        public bool Equals(BencodeInteger? other) => other is not null && other.Value == Value;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as BencodeInteger);

        /// <inheritdoc/>
        public override int GetHashCode() => Value.GetHashCode();

        /// <summary>The decimal value.</summary>
        /// <returns>The value as invariant decimal text.</returns>
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }
}
