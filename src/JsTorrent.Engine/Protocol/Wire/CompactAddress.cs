using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// Addresses as the wire carries them (tracker and PEX peer lists, <c>yourip</c>): 4 bytes for
    /// IPv4, 16 for IPv6, network order. IPv4-mapped IPv6 addresses are treated as the IPv4 address
    /// they carry.
    /// </summary>
    internal static class CompactAddress
    {
        public const int IPv4Length = 4;
        public const int IPv6Length = 16;

        /// <summary>Writes the bytes of a literal address into <paramref name="destination"/> (16 bytes of room).</summary>
        /// <returns>4 or 16; 0 when <paramref name="host"/> is a name or not a valid address.</returns>
        public static int Write(string host, Span<byte> destination)
        {
            if (string.IsNullOrEmpty(host) || destination.Length < IPv6Length)
            {
                return 0;
            }

            if (host.IndexOf(':') < 0)
            {
                return TryWriteIPv4(host, destination) ? IPv4Length : 0;
            }

            // Validated first: IPAddress.TryParse also takes zone indices and other forms peers never send.
            if (!PeerAddressSyntax.IsIPv6Address(host) || !IPAddress.TryParse(host, out var address))
            {
                return 0;
            }

            var bytes = address.GetAddressBytes();
            if (bytes.Length != IPv6Length)
            {
                return 0;
            }

            if (IsIPv4Mapped(bytes))
            {
                bytes.AsSpan(12, IPv4Length).CopyTo(destination);
                return IPv4Length;
            }

            bytes.CopyTo(destination);
            return IPv6Length;
        }

        /// <summary>The bytes of a literal address, or null for a name or invalid text.</summary>
        public static byte[]? ToBytes(string host)
        {
            Span<byte> buffer = stackalloc byte[IPv6Length];
            int length = Write(host, buffer);
            return length == 0 ? null : buffer.Slice(0, length).ToArray();
        }

        /// <summary>The text form of 4 or 16 address bytes (an IPv4-mapped IPv6 address as IPv4).</summary>
        /// <remarks>
        /// The one formatter for addresses off the wire (trackers, PEX, <c>yourip</c>), so a peer
        /// learnt from any of them has one spelling, which the connector and PEX key peers by.
        /// </remarks>
        public static string Format(ReadOnlySpan<byte> address)
        {
            if (address.Length == IPv6Length && IsIPv4Mapped(address))
            {
                address = address.Slice(12);
            }

            if (address.Length == IPv4Length)
            {
                var culture = CultureInfo.InvariantCulture;
                return address[0].ToString(culture) + "." + address[1].ToString(culture) + "." + address[2].ToString(culture) + "." + address[3].ToString(culture);
            }

            if (address.Length != IPv6Length)
            {
                throw new ArgumentException("An address is 4 or 16 bytes; got " + address.Length + ".", nameof(address));
            }

            return FormatIPv6(address);
        }

        /// <summary>
        /// Reads one compact peer entry (an address of 4 or 16 bytes, then the port in network order:
        /// BEP 23, 7, 11 and 15 all use it).
        /// </summary>
        /// <returns>False for an entry no peer can be reached at: port 0 or the unspecified address.</returns>
        public static bool TryReadEndpoint(ReadOnlySpan<byte> entry, out string host, out int port)
        {
            if (entry.Length != IPv4Length + 2 && entry.Length != IPv6Length + 2)
            {
                throw new ArgumentException("A compact peer entry is 6 or 18 bytes; got " + entry.Length + ".", nameof(entry));
            }

            var address = entry.Slice(0, entry.Length - 2);
            port = (entry[entry.Length - 2] << 8) | entry[entry.Length - 1];
            if (port == 0 || IsUnspecified(address))
            {
                host = string.Empty;
                return false;
            }

            host = Format(address);
            return true;
        }

        /// <summary>True for 0.0.0.0 and ::, which no peer listens on.</summary>
        public static bool IsUnspecified(ReadOnlySpan<byte> address)
        {
            foreach (byte b in address)
            {
                if (b != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// RFC 5952 text: lower-case hex without leading zeros, the longest run of two or more zero
        /// groups (the first on a tie) as "::", never an embedded dotted quad. Written here rather than
        /// taken from IPAddress, whose spelling of some addresses (IPv4-compatible, ISATAP) differs
        /// between .NET Framework and .NET.
        /// </summary>
        private static string FormatIPv6(ReadOnlySpan<byte> address)
        {
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

        private static bool IsIPv4Mapped(ReadOnlySpan<byte> bytes)
        {
            for (int i = 0; i < 10; i++)
            {
                if (bytes[i] != 0)
                {
                    return false;
                }
            }

            return bytes[10] == 0xFF && bytes[11] == 0xFF;
        }

        /// <summary>Strict dotted quad: four decimal numbers 0-255 without leading zeros.</summary>
        private static bool TryWriteIPv4(string text, Span<byte> destination)
        {
            int part = 0;
            int value = 0;
            int digits = 0;
            foreach (char c in text)
            {
                if (c >= '0' && c <= '9')
                {
                    if (digits == 1 && value == 0)
                    {
                        return false;
                    }

                    value = (value * 10) + (c - '0');
                    if (++digits > 3 || value > 255)
                    {
                        return false;
                    }
                }
                else if (c == '.' && digits > 0 && part < 3)
                {
                    destination[part++] = (byte)value;
                    value = 0;
                    digits = 0;
                }
                else
                {
                    return false;
                }
            }

            if (part != 3 || digits == 0)
            {
                return false;
            }

            destination[3] = (byte)value;
            return true;
        }
    }
}
