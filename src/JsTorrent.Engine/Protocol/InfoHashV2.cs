using System;
using System.Buffers.Binary;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// The 32-byte BitTorrent v2 info-hash (SHA-256 of the info dictionary, BEP 52).
    /// Recognised in hybrid torrents and <c>urn:btmh:</c> magnet links; the engine
    /// transfers v1 only for now, so this value is informational.
    /// </summary>
    public readonly struct InfoHashV2 : IEquatable<InfoHashV2>
    {
        /// <summary>Length of a v2 info-hash in bytes.</summary>
        public const int Length = 32;

        private readonly ulong _a;
        private readonly ulong _b;
        private readonly ulong _c;
        private readonly ulong _d;

        /// <summary>Creates the value from exactly 32 bytes.</summary>
        /// <param name="bytes">The SHA-256 digest.</param>
        /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
        public InfoHashV2(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length != Length)
            {
                throw new ArgumentException("A v2 info-hash is exactly 32 bytes; got " + bytes.Length + ".", nameof(bytes));
            }

            _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            _b = BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8));
            _c = BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(16));
            _d = BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(24));
        }

        /// <summary>True for the all-zero default value.</summary>
        public bool IsEmpty => (_a | _b | _c | _d) == 0;

        /// <summary>Computes the v2 info-hash of a bencoded info dictionary.</summary>
        /// <param name="infoDictionary">The raw info dictionary bytes.</param>
        /// <returns>The SHA-256 of those bytes.</returns>
        public static InfoHashV2 Compute(ReadOnlySpan<byte> infoDictionary)
        {
            Span<byte> digest = stackalloc byte[Length];
            Sha256.Hash(infoDictionary, digest);
            return new InfoHashV2(digest);
        }

        /// <summary>Parses 64 hexadecimal characters (any case).</summary>
        /// <param name="text">The hex text.</param>
        /// <param name="hash">The value, or default.</param>
        /// <returns>True on success.</returns>
        public static bool TryParse(string? text, out InfoHashV2 hash)
        {
            hash = default;
            Span<byte> bytes = stackalloc byte[Length];
            if (text is null || !HexEncoding.TryDecode(text.AsSpan(), bytes))
            {
                return false;
            }

            hash = new InfoHashV2(bytes);
            return true;
        }

        /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
        /// <param name="destination">At least 32 bytes.</param>
        public void CopyTo(Span<byte> destination)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), _b);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(16), _c);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(24), _d);
        }

        /// <summary>The 20-byte truncation that v2 peers use on the v1 wire (BEP 52).</summary>
        /// <returns>The first 20 bytes as an <see cref="InfoHash"/>.</returns>
        public InfoHash Truncated()
        {
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            return new InfoHash(bytes.Slice(0, InfoHash.Length));
        }

        /// <summary>Lower-case hexadecimal (64 characters).</summary>
        /// <returns>The hex text.</returns>
        public override string ToString()
        {
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            return HexEncoding.Encode(bytes);
        }

        /// <inheritdoc/>
        public bool Equals(InfoHashV2 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is InfoHashV2 other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => unchecked((int)_a ^ (int)(_a >> 32));

        /// <summary>Value equality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when equal.</returns>
        public static bool operator ==(InfoHashV2 left, InfoHashV2 right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when different.</returns>
        public static bool operator !=(InfoHashV2 left, InfoHashV2 right) => !left.Equals(right);
    }
}
