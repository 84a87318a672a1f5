using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>RFC 4648 base32 (alphabet A-Z2-7, no padding), as used by magnet links for info-hashes.</summary>
    internal static class Base32Encoding
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static string Encode(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[((bytes.Length * 8) + 4) / 5];
            int buffer = 0, bits = 0, o = 0;
            foreach (byte b in bytes)
            {
                buffer = (buffer << 8) | b;
                bits += 8;
                while (bits >= 5)
                {
                    chars[o++] = Alphabet[(buffer >> (bits - 5)) & 31];
                    bits -= 5;
                }
            }

            if (bits > 0)
            {
                chars[o++] = Alphabet[(buffer << (5 - bits)) & 31];
            }

            return new string(chars, 0, o);
        }

        /// <summary>Decodes text whose length is exactly the base32 length of <paramref name="destination"/>; any case.</summary>
        public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
        {
            if (text.Length != ((destination.Length * 8) + 4) / 5)
            {
                return false;
            }

            int buffer = 0, bits = 0, o = 0;
            foreach (char c in text)
            {
                int v;
                if (c >= 'A' && c <= 'Z')
                {
                    v = c - 'A';
                }
                else if (c >= 'a' && c <= 'z')
                {
                    v = c - 'a';
                }
                else if (c >= '2' && c <= '7')
                {
                    v = c - '2' + 26;
                }
                else
                {
                    return false;
                }

                buffer = (buffer << 5) | v;
                bits += 5;
                if (bits >= 8)
                {
                    if (o == destination.Length)
                    {
                        return false;
                    }

                    destination[o++] = (byte)(buffer >> (bits - 8));
                    bits -= 8;
                }

                buffer &= (1 << bits) - 1;
            }

            // Trailing bits must be zero, so that each value has exactly one spelling.
            return o == destination.Length && buffer == 0;
        }
    }
}
