using System;
using System.Collections.Generic;
using System.Text;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Maps path elements taken from a torrent (hostile input) to names that are
    /// safe on every supported OS. The mapping is deterministic and the same on
    /// every OS, so a torrent lands in the same layout everywhere. The rules, in
    /// order (see docs/path-safety.md):
    /// <list type="number">
    /// <item>Bytes are decoded as UTF-8; each invalid sequence becomes <c>_</c>.</item>
    /// <item>Control characters (C0, DEL, C1), path separators (<c>/</c>, <c>\</c>) and the
    /// characters Windows forbids in names (<c>&lt; &gt; : " | ? *</c>) become <c>_</c>;
    /// so do unpaired surrogates. A drive letter (<c>C:</c>) therefore becomes <c>C_</c>.</item>
    /// <item>Empty elements, <c>.</c> and <c>..</c> are dropped (so a leading <c>/</c> or a
    /// traversal cannot leave the torrent's folder); a path with nothing left becomes <c>_</c>.</item>
    /// <item>Trailing dots and spaces (which Windows silently strips) each become <c>_</c>.</item>
    /// <item>Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$, with or
    /// without an extension, any case) get a <c>_</c> prefix.</item>
    /// <item>An element over 255 UTF-8 bytes is shortened at a character boundary, keeping a short
    /// extension, with <c>~</c> and 8 hex digits of the SHA-1 of the original element appended so
    /// distinct long names stay distinct.</item>
    /// </list>
    /// </summary>
    public static class PathSanitizer
    {
        /// <summary>The longest element, in UTF-8 bytes, that common file systems accept.</summary>
        public const int MaxElementBytes = 255;

        private const int MaxKeptExtensionBytes = 16;
        private static readonly Encoding LenientUtf8 = CreateLenientUtf8();

        /// <summary>Decodes and maps one raw path element (bytes from the torrent).</summary>
        /// <param name="raw">The element's bytes.</param>
        /// <returns>The safe element, or null when the element is to be dropped (empty, <c>.</c>, <c>..</c>).</returns>
        public static string? SanitizeElement(ReadOnlySpan<byte> raw) => SanitizeElement(Decode(raw));

        /// <summary>Maps one path element (already decoded text).</summary>
        /// <param name="element">The element.</param>
        /// <returns>The safe element, or null when the element is to be dropped (empty, <c>.</c>, <c>..</c>).</returns>
        public static string? SanitizeElement(string element)
        {
            if (element is null)
            {
                throw new ArgumentNullException(nameof(element));
            }

            string mapped = MapCharacters(element);
            if (mapped.Length == 0 || mapped == "." || mapped == "..")
            {
                return null;
            }

            mapped = ReplaceTrailingDotsAndSpaces(mapped);
            if (IsWindowsDeviceName(mapped))
            {
                mapped = "_" + mapped;
            }

            return Shorten(mapped, element);
        }

        /// <summary>Maps a whole path (a list of elements), dropping the elements that must go.</summary>
        /// <param name="elements">The elements in order.</param>
        /// <returns>At least one safe element.</returns>
        public static List<string> SanitizePath(IEnumerable<string> elements)
        {
            var result = new List<string>();
            foreach (string element in elements)
            {
                string? safe = SanitizeElement(element);
                if (safe is not null)
                {
                    result.Add(safe);
                }
            }

            if (result.Count == 0)
            {
                result.Add("_");
            }

            return result;
        }

        /// <summary>
        /// True when <paramref name="element"/> is already safe: the mapping leaves it unchanged.
        /// Storage code checks every element with this before joining, as a second line of defence.
        /// </summary>
        /// <param name="element">A path element.</param>
        /// <returns>True when safe.</returns>
        public static bool IsSafeElement(string? element) =>
            element is not null && element.Length > 0 && string.Equals(SanitizeElement(element), element, StringComparison.Ordinal);

        /// <summary>Appends a disambiguating counter before the extension: <c>a.txt</c> becomes <c>a (2).txt</c>.</summary>
        /// <param name="element">A safe element.</param>
        /// <param name="counter">The counter, 2 or more.</param>
        /// <returns>A safe element within the length limit.</returns>
        public static string WithCounter(string element, int counter) =>
            FitWithSuffix(element, " (" + counter.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");

        /// <summary>Decodes UTF-8, turning each invalid sequence into <c>_</c>.</summary>
        /// <param name="raw">The bytes.</param>
        /// <returns>The text.</returns>
        public static string Decode(ReadOnlySpan<byte> raw)
        {
#if NET8_0_OR_GREATER
            return LenientUtf8.GetString(raw);
#else
            return LenientUtf8.GetString(raw.ToArray());
#endif
        }

        // Most names need no mapping: the builder is created at the first forbidden character only.
        private static string MapCharacters(string element)
        {
            StringBuilder? builder = null;
            for (int i = 0; i < element.Length; i++)
            {
                char c = element[i];
                if (char.IsHighSurrogate(c) && i + 1 < element.Length && char.IsLowSurrogate(element[i + 1]))
                {
                    builder?.Append(c).Append(element[i + 1]);
                    i++;
                    continue;
                }

                if (IsForbidden(c))
                {
                    builder ??= new StringBuilder(element, 0, i, element.Length);
                    builder.Append('_');
                }
                else
                {
                    builder?.Append(c);
                }
            }

            return builder?.ToString() ?? element;
        }

        private static bool IsForbidden(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F) || char.IsSurrogate(c) ||
            c == '/' || c == '\\' || c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*';

        private static string ReplaceTrailingDotsAndSpaces(string element)
        {
            int end = element.Length;
            while (end > 0 && (element[end - 1] == '.' || element[end - 1] == ' '))
            {
                end--;
            }

            return end == element.Length ? element : element.Substring(0, end) + new string('_', element.Length - end);
        }

        private static bool IsWindowsDeviceName(string element)
        {
            // Windows ignores the extension and spaces before it: "con .txt" is the console too.
            int dot = element.IndexOf('.');
            int end = dot < 0 ? element.Length : dot;
            while (end > 0 && element[end - 1] == ' ')
            {
                end--;
            }

            switch (end)
            {
                case 3:
                    return StartsWithIgnoreCase(element, "CON") || StartsWithIgnoreCase(element, "PRN")
                        || StartsWithIgnoreCase(element, "AUX") || StartsWithIgnoreCase(element, "NUL");
                case 4:
                    return (StartsWithIgnoreCase(element, "COM") || StartsWithIgnoreCase(element, "LPT")) && IsDeviceDigit(element[3]);
                case 6:
                    return StartsWithIgnoreCase(element, "CONIN$");
                case 7:
                    return StartsWithIgnoreCase(element, "CONOUT$");
                default:
                    return false;
            }
        }

        private static bool StartsWithIgnoreCase(string text, string prefix) =>
            string.Compare(text, 0, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

        // Windows also reserves the superscript digits 1-3 after COM/LPT.
        private static bool IsDeviceDigit(char c) => (c >= '0' && c <= '9') || c == '\u00B9' || c == '\u00B2' || c == '\u00B3';

        private static string Shorten(string mapped, string original)
        {
            if (Encoding.UTF8.GetByteCount(mapped) <= MaxElementBytes)
            {
                return mapped;
            }

            Span<byte> digest = stackalloc byte[Sha1.DigestLength];
            Sha1.Hash(Encoding.UTF8.GetBytes(original), digest);
            return FitWithSuffix(mapped, "~" + HexEncoding.Encode(digest.Slice(0, 4)));
        }

        // element's stem, cut to fit, + tag + a short extension: the result never exceeds MaxElementBytes.
        private static string FitWithSuffix(string element, string tag)
        {
            SplitExtension(element, out string stem, out string extension);
            if (Encoding.UTF8.GetByteCount(extension) > MaxKeptExtensionBytes)
            {
                // A long "extension" is really part of the name: keep the tag inside the limit instead.
                stem = element;
                extension = string.Empty;
            }

            string suffix = tag + extension;
            return TruncateUtf8(stem, MaxElementBytes - Encoding.UTF8.GetByteCount(suffix)) + suffix;
        }

        private static void SplitExtension(string element, out string stem, out string extension)
        {
            int dot = element.LastIndexOf('.');
            if (dot <= 0)
            {
                stem = element;
                extension = string.Empty;
                return;
            }

            stem = element.Substring(0, dot);
            extension = element.Substring(dot);
        }

        // The longest prefix of text whose UTF-8 form fits in maxBytes, never splitting a surrogate pair.
        private static string TruncateUtf8(string text, int maxBytes)
        {
            int bytes = 0;
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                int width = pair ? 2 : 1;
                int size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (bytes + size > maxBytes)
                {
                    break;
                }

                bytes += size;
                i += width;
            }

            return text.Substring(0, i);
        }

        private static Encoding CreateLenientUtf8()
        {
            var encoding = (Encoding)new UTF8Encoding(false, false).Clone();
            encoding.DecoderFallback = new DecoderReplacementFallback("_");
            return encoding;
        }
    }
}
