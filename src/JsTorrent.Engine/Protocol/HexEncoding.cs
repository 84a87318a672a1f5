using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>Lower-case hexadecimal encoding and case-insensitive decoding without intermediate strings.</summary>
    internal static class HexEncoding
    {
        private const string Digits = "0123456789abcdef";

        public static string Encode(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        /// <summary>Decodes exactly <paramref name="destination"/>.Length*2 hex characters; false on any non-hex character.</summary>
        public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
        {
            if (text.Length != destination.Length * 2)
            {
                return false;
            }

            for (int i = 0; i < destination.Length; i++)
            {
                int hi = AsciiSyntax.HexDigitValue(text[2 * i]);
                int lo = AsciiSyntax.HexDigitValue(text[(2 * i) + 1]);
                if ((hi | lo) < 0)
                {
                    return false;
                }

                destination[i] = (byte)((hi << 4) | lo);
            }

            return true;
        }
    }
}
