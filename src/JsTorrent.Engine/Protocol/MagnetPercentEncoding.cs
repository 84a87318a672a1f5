using System.Text;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Percent-encoding of magnet link names and values: strict decoding (two hex digits after
    /// every <c>%</c>, well-formed UTF-8) and canonical encoding with upper-case hex digits.
    /// </summary>
    internal static class MagnetPercentEncoding
    {
        private const string UpperHex = "0123456789ABCDEF";

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Strictly percent-decodes uri[start..end) to text; raw non-ASCII characters stand for themselves.</summary>
        /// <remarks>
        /// Failures are <see cref="MagnetLinkFormatException"/>s whose message starts "In
        /// <paramref name="what"/>, ..." and whose offset is the character in <paramref name="uri"/>
        /// where the bad byte came from.
        /// </remarks>
        public static string Decode(string uri, int start, int end, bool plusIsSpace, string what)
        {
            bool simple = true;
            for (int i = start; i < end; i++)
            {
                char c = uri[i];
                if (c == '%' || (c == '+' && plusIsSpace) || char.IsSurrogate(c))
                {
                    simple = false;
                    break;
                }
            }

            if (simple)
            {
                return uri.Substring(start, end - start);
            }

            var bytes = new byte[(end - start) * 3];
            var offsets = new int[bytes.Length];
            int count = 0;
            for (int i = start; i < end; i++)
            {
                char c = uri[i];
                int at = i;
                if (c == '%')
                {
                    int high = i + 2 < end ? AsciiSyntax.HexDigitValue(uri[i + 1]) : -1;
                    int low = i + 2 < end ? AsciiSyntax.HexDigitValue(uri[i + 2]) : -1;
                    if ((high | low) < 0)
                    {
                        throw new MagnetLinkFormatException(
                            "In " + what + ", '%' must be followed by two hexadecimal digits.", i);
                    }

                    offsets[count] = at;
                    bytes[count++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (c == '+' && plusIsSpace)
                {
                    offsets[count] = at;
                    bytes[count++] = 0x20;
                }
                else if (c < 0x80)
                {
                    offsets[count] = at;
                    bytes[count++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    offsets[count] = offsets[count + 1] = at;
                    bytes[count++] = (byte)(0xC0 | (c >> 6));
                    bytes[count++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (!char.IsSurrogate(c))
                {
                    offsets[count] = offsets[count + 1] = offsets[count + 2] = at;
                    bytes[count++] = (byte)(0xE0 | (c >> 12));
                    bytes[count++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[count++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(uri[i + 1]))
                {
                    int codePoint = char.ConvertToUtf32(c, uri[i + 1]);
                    i++;
                    for (int k = 0; k < 4; k++)
                    {
                        offsets[count + k] = at;
                    }

                    bytes[count++] = (byte)(0xF0 | (codePoint >> 18));
                    bytes[count++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    bytes[count++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    bytes[count++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    throw new MagnetLinkFormatException("In " + what + ", the text contains an unpaired UTF-16 surrogate character.", i);
                }
            }

            int invalid = FindInvalidUtf8(bytes, count);
            if (invalid >= 0)
            {
                throw new MagnetLinkFormatException(
                    "In " + what + ", the percent-encoded bytes are not valid UTF-8.", offsets[invalid]);
            }

            return StrictUtf8.GetString(bytes, 0, count);
        }

        /// <summary>Index of the first byte that does not start a well-formed UTF-8 sequence, or -1.</summary>
        private static int FindInvalidUtf8(byte[] bytes, int count)
        {
            int i = 0;
            while (i < count)
            {
                byte b = bytes[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int trailing;
                byte low = 0x80;
                byte high = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    trailing = 1;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    trailing = 2;
                    if (b == 0xE0)
                    {
                        low = 0xA0; // no overlong forms
                    }
                    else if (b == 0xED)
                    {
                        high = 0x9F; // no UTF-16 surrogates
                    }
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    trailing = 3;
                    if (b == 0xF0)
                    {
                        low = 0x90;
                    }
                    else if (b == 0xF4)
                    {
                        high = 0x8F; // nothing above U+10FFFF
                    }
                }
                else
                {
                    return i;
                }

                if (i + trailing >= count || bytes[i + 1] < low || bytes[i + 1] > high)
                {
                    return i;
                }

                for (int k = 2; k <= trailing; k++)
                {
                    if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF)
                    {
                        return i;
                    }
                }

                i += trailing + 1;
            }

            return -1;
        }

        /// <summary>Appends the UTF-8 bytes of <paramref name="text"/>, percent-encoding all but the unescaped set.</summary>
        public static void AppendEncoded(StringBuilder builder, string text)
        {
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                if (IsUnescaped(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
                }
            }
        }

        // RFC 3986 unreserved, plus ':', '/' and ',', which have no meaning inside a magnet parameter
        // and keep trackers, web seeds and 'so' readable.
        private static bool IsUnescaped(byte b) =>
            (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
            || b == '-' || b == '.' || b == '_' || b == '~' || b == ':' || b == '/' || b == ',';
    }
}
