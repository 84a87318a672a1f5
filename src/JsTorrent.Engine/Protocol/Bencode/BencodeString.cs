using System;
using System.Text;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>
    /// A bencoded byte string (<c>4:spam</c>). Byte strings are raw bytes: text
    /// fields are conventionally UTF-8, binary fields (piece hashes, compact peers)
    /// are not, so the bytes are kept and decoding is explicit.
    /// </summary>
    public sealed class BencodeString : BencodeValue, IEquatable<BencodeString>, IComparable<BencodeString>
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private readonly byte[] _bytes;

        /// <summary>Creates a byte string that takes ownership of <paramref name="bytes"/>.</summary>
        /// <param name="bytes">The bytes; not copied, do not modify afterwards.</param>
        public BencodeString(byte[] bytes)
        {
            _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
        }

        /// <summary>Creates a byte string holding the UTF-8 encoding of <paramref name="text"/>.</summary>
        /// <param name="text">The text.</param>
        public BencodeString(string text)
            : this(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))))
        {
        }

        /// <summary>The raw bytes.</summary>
        public ReadOnlySpan<byte> Span => _bytes;

        /// <summary>The raw bytes as memory.</summary>
        public ReadOnlyMemory<byte> Memory => _bytes;

        /// <summary>Number of bytes.</summary>
        public int Length => _bytes.Length;

        /// <summary>The array itself, for engine code that takes over a string it parsed (no copy); never modify it.</summary>
        internal byte[] OwnedBytes => _bytes;

        /// <summary>Returns a copy of the bytes.</summary>
        /// <returns>A new array.</returns>
        public byte[] ToArray() => (byte[])_bytes.Clone();

        /// <summary>Decodes the bytes as strict UTF-8.</summary>
        /// <param name="text">The text, or null when the bytes are not valid UTF-8.</param>
        /// <returns>True when the bytes were valid UTF-8.</returns>
        public bool TryGetUtf8(out string? text)
        {
            try
            {
                text = StrictUtf8.GetString(_bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // Invalid UTF-8 is an expected outcome for binary strings, reported through the return value.
                text = null;
                return false;
            }
        }

        /// <summary>True when the bytes equal the UTF-8 encoding of an ASCII <paramref name="key"/>.</summary>
        /// <param name="key">An ASCII key such as <c>"info"</c>.</param>
        /// <returns>True on a byte-for-byte match.</returns>
        public bool EqualsAscii(string key)
        {
            if (key.Length != _bytes.Length)
            {
                return false;
            }

            for (int i = 0; i < key.Length; i++)
            {
                if (key[i] != _bytes[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Decodes as UTF-8, replacing invalid sequences with U+FFFD; for display and diagnostics.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Encoding.UTF8.GetString(_bytes);

        /// <inheritdoc/>
        public bool Equals(BencodeString? other) => other is not null && Span.SequenceEqual(other.Span);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as BencodeString);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            unchecked
            {
                int h = (int)2166136261;
                foreach (byte b in _bytes)
                {
                    h = (h ^ b) * 16777619;
                }

                return h;
            }
        }

        /// <summary>Orders by raw bytes, unsigned, as bencode requires for dictionary keys.</summary>
        /// <param name="other">The other string.</param>
        /// <returns>Negative, zero or positive.</returns>
        public int CompareTo(BencodeString? other) => other is null ? 1 : Span.SequenceCompareTo(other.Span);
    }
}
