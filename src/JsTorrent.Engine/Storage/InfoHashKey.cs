using System;

namespace JsTorrent.Engine.Storage
{
    /// <summary>Info-hash ids as the storage and session code keys them: lower-case hex of a v1 (40) or v2 (64) hash.</summary>
    internal static class InfoHashKey
    {
        /// <summary>Lower-cases a hex info-hash of either length, or throws.</summary>
        /// <exception cref="ArgumentException">Not 40 or 64 hexadecimal characters.</exception>
        public static string Normalize(string infoHashHex, string parameterName)
        {
            if (infoHashHex is null)
            {
                throw new ArgumentNullException(parameterName);
            }

            if (!IsHex(infoHashHex))
            {
                throw new ArgumentException(
                    "An info-hash id is 40 (v1) or 64 (v2) hexadecimal characters; got '" + Protocol.AsciiSyntax.Abbreviate(infoHashHex) + "'.",
                    parameterName);
            }

            return infoHashHex.ToLowerInvariant();
        }

        /// <summary>True for exactly 40 or 64 lower-case hex digits (the stored form).</summary>
        public static bool IsLowerHex(string text)
        {
            if (!IsHex(text))
            {
                return false;
            }

            foreach (char c in text)
            {
                if (c >= 'A' && c <= 'F')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHex(string text)
        {
            if (text.Length != 40 && text.Length != 64)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (Protocol.AsciiSyntax.HexDigitValue(c) < 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
