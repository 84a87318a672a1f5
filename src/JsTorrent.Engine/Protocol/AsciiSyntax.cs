namespace JsTorrent.Engine.Protocol
{
    /// <summary>Small ASCII parsing and message helpers shared by the text formats (hex, magnet links, peer addresses).</summary>
    internal static class AsciiSyntax
    {
        /// <summary>The value of a hexadecimal digit in either case, or -1.</summary>
        public static int HexDigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            c = (char)(c | 0x20);
            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }

        /// <summary>Parses a non-empty run of ASCII digits no larger than <paramref name="max"/>; no sign, no spaces.</summary>
        public static bool TryParseDecimal(string text, long max, out long value)
        {
            value = 0;
            if (text.Length == 0)
            {
                return false;
            }

            foreach (char c in text)
            {
                int digit = c - '0';
                if (digit < 0 || digit > 9 || value > (max - digit) / 10)
                {
                    value = 0;
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }

        /// <summary>Input quoted in an error message, cut to 80 characters so hostile input cannot flood a log.</summary>
        public static string Abbreviate(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
