using System;
using System.Globalization;
using System.Net;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// Addresses as the wire carries them (PEX lists, <c>yourip</c>): 4 bytes for IPv4, 16 for IPv6,
    /// network order. IPv4-mapped IPv6 addresses are treated as the IPv4 address they carry.
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

            return new IPAddress(address.ToArray()).ToString();
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
