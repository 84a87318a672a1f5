using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// The 20-byte BitTorrent v1 info-hash (SHA-1 of the bencoded info dictionary).
    /// A value type compared by value, so that no API ever passes info-hashes as
    /// strings of uncertain case. <see cref="ToString"/> is always lower-case hex.
    /// </summary>
    public readonly struct InfoHash : IEquatable<InfoHash>, IComparable<InfoHash>
    {
        /// <summary>Length of an info-hash in bytes.</summary>
        public const int Length = 20;

        private readonly Bytes20 _bytes;

        /// <summary>Creates an info-hash from exactly 20 bytes.</summary>
        /// <param name="bytes">The 20 hash bytes.</param>
        /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
        public InfoHash(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length != Length)
            {
                throw new ArgumentException("An info-hash is exactly 20 bytes; got " + bytes.Length + ".", nameof(bytes));
            }

            _bytes = new Bytes20(bytes);
        }

        /// <summary>True for the all-zero value (the default of the struct), which no real torrent has.</summary>
        public bool IsEmpty => _bytes.IsZero;

        /// <summary>Computes the info-hash of a bencoded info dictionary (its exact bytes).</summary>
        /// <param name="infoDictionary">The raw bytes of the info dictionary as they appear in the .torrent.</param>
        /// <returns>The SHA-1 of those bytes.</returns>
        public static InfoHash Compute(ReadOnlySpan<byte> infoDictionary)
        {
            Span<byte> digest = stackalloc byte[Length];
            Sha1.Hash(infoDictionary, digest);
            return new InfoHash(digest);
        }

        /// <summary>Parses 40 hexadecimal characters (any case) or 32 base32 characters (any case).</summary>
        /// <param name="text">The text form.</param>
        /// <returns>The info-hash.</returns>
        /// <exception cref="TorrentFormatException">The text is neither form.</exception>
        public static InfoHash Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (!TryParse(text, out var hash))
            {
                throw new TorrentFormatException(
                    "'" + AsciiSyntax.Abbreviate(text) + "' is not an info-hash: expected 40 hexadecimal or 32 base32 characters.");
            }

            return hash;
        }

        /// <summary>Tries to parse 40 hexadecimal or 32 base32 characters (any case).</summary>
        /// <param name="text">The text form; surrounding white space is not allowed.</param>
        /// <param name="hash">The parsed value, or default.</param>
        /// <returns>True when the text was a valid info-hash.</returns>
        public static bool TryParse(string? text, out InfoHash hash)
        {
            hash = default;
            if (text is null)
            {
                return false;
            }

            Span<byte> bytes = stackalloc byte[Length];
            bool ok = text.Length switch
            {
                40 => HexEncoding.TryDecode(text.AsSpan(), bytes),
                32 => Base32Encoding.TryDecode(text.AsSpan(), bytes),
                _ => false,
            };
            if (ok)
            {
                hash = new InfoHash(bytes);
            }

            return ok;
        }

        /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
        /// <param name="destination">At least 20 bytes.</param>
        public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

        /// <summary>Returns a new 20-byte array.</summary>
        /// <returns>The hash bytes.</returns>
        public byte[] ToArray() => _bytes.ToArray();

        /// <summary>The 32-character upper-case base32 form used by some magnet links.</summary>
        /// <returns>The base32 text.</returns>
        public string ToBase32()
        {
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            return Base32Encoding.Encode(bytes);
        }

        /// <summary>The 40-character lower-case hexadecimal form.</summary>
        /// <returns>Lower-case hex.</returns>
        public override string ToString() => _bytes.ToHex();

        /// <inheritdoc/>
        public bool Equals(InfoHash other) => _bytes.Equals(other._bytes);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is InfoHash other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => _bytes.GetHashCode();

        /// <inheritdoc/>
        public int CompareTo(InfoHash other) => _bytes.CompareTo(other._bytes);

        /// <summary>Value equality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when all 20 bytes are equal.</returns>
        public static bool operator ==(InfoHash left, InfoHash right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when any byte differs.</returns>
        public static bool operator !=(InfoHash left, InfoHash right) => !left.Equals(right);
    }
}
