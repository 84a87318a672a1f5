using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>
    /// Compact peer lists: 6 bytes per IPv4 peer (BEP 23), 18 per IPv6 peer (BEP 7), address then
    /// port in network order. Entries with port 0 or the unspecified address are dropped, and so is
    /// a trailing partial entry.
    /// </summary>
    internal static class CompactPeers
    {
        public const int IPv4EntryLength = 6;

        public const int IPv6EntryLength = 18;

        /// <summary>Appends the usable IPv4 peers of <paramref name="data"/>.</summary>
        public static void ReadIPv4(ReadOnlySpan<byte> data, List<TrackerPeer> peers)
        {
            for (int i = 0; i + IPv4EntryLength <= data.Length; i += IPv4EntryLength)
            {
                ReadOnlySpan<byte> address = data.Slice(i, 4);
                int port = (data[i + 4] << 8) | data[i + 5];
                if (port != 0 && !IsZero(address))
                {
                    peers.Add(new TrackerPeer(FormatIPv4(address), port));
                }
            }
        }

        /// <summary>Appends the usable IPv6 peers of <paramref name="data"/>; an IPv4-mapped address comes out as plain IPv4.</summary>
        public static void ReadIPv6(ReadOnlySpan<byte> data, List<TrackerPeer> peers)
        {
            for (int i = 0; i + IPv6EntryLength <= data.Length; i += IPv6EntryLength)
            {
                ReadOnlySpan<byte> address = data.Slice(i, 16);
                int port = (data[i + 16] << 8) | data[i + 17];
                if (port != 0 && !IsZero(address))
                {
                    peers.Add(new TrackerPeer(FormatIPv6(address), port));
                }
            }
        }

        public static string FormatIPv4(ReadOnlySpan<byte> address)
            => address[0].ToString(CultureInfo.InvariantCulture) + "." + address[1].ToString(CultureInfo.InvariantCulture) + "."
                + address[2].ToString(CultureInfo.InvariantCulture) + "." + address[3].ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// RFC 5952 text: lower-case hex without leading zeros, the longest run of two or more zero
        /// groups (the first on a tie) as "::". Written here so every runtime spells it the same.
        /// </summary>
        public static string FormatIPv6(ReadOnlySpan<byte> address)
        {
            if (IsZero(address.Slice(0, 10)) && address[10] == 0xFF && address[11] == 0xFF)
            {
                return FormatIPv4(address.Slice(12));
            }

            Span<int> groups = stackalloc int[8];
            for (int g = 0; g < 8; g++)
            {
                groups[g] = (address[2 * g] << 8) | address[(2 * g) + 1];
            }

            int bestStart = -1;
            int bestLength = 1;
            for (int g = 0; g < 8;)
            {
                if (groups[g] != 0)
                {
                    g++;
                    continue;
                }

                int start = g;
                while (g < 8 && groups[g] == 0)
                {
                    g++;
                }

                if (g - start > bestLength)
                {
                    bestStart = start;
                    bestLength = g - start;
                }
            }

            var text = new StringBuilder(39);
            for (int g = 0; g < 8; g++)
            {
                if (g == bestStart)
                {
                    text.Append("::");
                    g += bestLength - 1;
                    continue;
                }

                if (text.Length > 0 && text[text.Length - 1] != ':')
                {
                    text.Append(':');
                }

                text.Append(groups[g].ToString("x", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        private static bool IsZero(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (b != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
