using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// The host syntax <see cref="MagnetPeer"/> accepts: DNS-style names, dotted-quad IPv4 and
    /// RFC 4291 textual IPv6. Checked by hand so that exactly these forms pass: <c>IPAddress.TryParse</c>
    /// also accepts shorthand IPv4 such as <c>1.2.3</c>, leading zeros and IPv6 zone indices.
    /// </summary>
    internal static class PeerAddressSyntax
    {
        /// <summary>"host:port", with an IPv6 address in brackets: the one spelling of an endpoint in messages, logs and keys.</summary>
        public static string FormatEndpoint(string host, int port) =>
            (host.IndexOf(':') >= 0 ? "[" + host + "]:" : host + ":") + port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Null when <paramref name="host"/> is a valid host for a peer, else the reason.</summary>
        public static string? ValidateHost(string host)
        {
            if (host.Length == 0)
            {
                return "the peer host is empty";
            }

            if (host.IndexOf(':') >= 0)
            {
                return IsIPv6Address(host) ? null : "'" + AsciiSyntax.Abbreviate(host) + "' is not a valid IPv6 address";
            }

            if (host.Length > 253)
            {
                return "the peer host name is longer than 253 characters";
            }

            bool numeric = true;
            int labelLength = 0;
            foreach (char c in host)
            {
                if (c == '.')
                {
                    if (labelLength == 0)
                    {
                        return "'" + AsciiSyntax.Abbreviate(host) + "' has an empty label in the host name";
                    }

                    labelLength = 0;
                    continue;
                }

                bool digit = c >= '0' && c <= '9';
                bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!digit && !letter && c != '-' && c != '_')
                {
                    return "'" + AsciiSyntax.Abbreviate(host) + "' is not a valid host: character '" + c + "' is not allowed";
                }

                numeric &= digit;
                if (++labelLength > 63)
                {
                    return "'" + AsciiSyntax.Abbreviate(host) + "' has a host-name label longer than 63 characters";
                }
            }

            if (labelLength == 0)
            {
                return "'" + AsciiSyntax.Abbreviate(host) + "' has an empty label in the host name";
            }

            if (numeric && !IsIPv4Address(host))
            {
                return "'" + AsciiSyntax.Abbreviate(host) + "' is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)";
            }

            return null;
        }

        private static bool IsIPv4Address(string text) => IsIPv4Address(text, 0, text.Length);

        private static bool IsIPv4Address(string text, int start, int end)
        {
            int parts = 0;
            int i = start;
            while (true)
            {
                int digits = 0;
                int value = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9')
                {
                    if (digits == 1 && value == 0)
                    {
                        return false; // leading zero
                    }

                    value = (value * 10) + (text[i] - '0');
                    digits++;
                    i++;
                    if (digits > 3)
                    {
                        return false;
                    }
                }

                if (digits == 0 || value > 255)
                {
                    return false;
                }

                parts++;
                if (i == end)
                {
                    return parts == 4;
                }

                if (text[i] != '.' || parts == 4)
                {
                    return false;
                }

                i++;
            }
        }

        /// <summary>RFC 4291 textual IPv6 (with optional '::' and trailing dotted IPv4); no zone index.</summary>
        public static bool IsIPv6Address(string text)
        {
            if (text.Length < 2 || text.Length > 45)
            {
                return false;
            }

            int gap = text.IndexOf("::", StringComparison.Ordinal);
            if (gap >= 0 && text.IndexOf("::", gap + 1, StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            int groups;
            if (gap < 0)
            {
                if (!CountGroups(text, 0, text.Length, allowIPv4Tail: true, out groups))
                {
                    return false;
                }

                return groups == 8;
            }

            if (!CountGroups(text, 0, gap, allowIPv4Tail: false, out int head)
                || !CountGroups(text, gap + 2, text.Length, allowIPv4Tail: true, out int tail))
            {
                return false;
            }

            return head + tail <= 7;
        }

        /// <summary>Counts ':'-separated groups of 1-4 hex digits in text[start..end); an empty span has 0 groups.</summary>
        private static bool CountGroups(string text, int start, int end, bool allowIPv4Tail, out int groups)
        {
            groups = 0;
            if (start == end)
            {
                return true;
            }

            int i = start;
            while (true)
            {
                int groupStart = i;
                while (i < end && text[i] != ':')
                {
                    i++;
                }

                int length = i - groupStart;
                bool last = i == end;
                if (last && allowIPv4Tail && text.IndexOf('.', groupStart, length) >= 0)
                {
                    if (!IsIPv4Address(text, groupStart, end))
                    {
                        return false;
                    }

                    groups += 2;
                    return true;
                }

                if (length < 1 || length > 4)
                {
                    return false;
                }

                for (int k = groupStart; k < i; k++)
                {
                    char c = text[k];
                    if (AsciiSyntax.HexDigitValue(c) < 0)
                    {
                        return false;
                    }
                }

                groups++;
                if (groups > 8)
                {
                    return false;
                }

                if (last)
                {
                    return true;
                }

                i++; // skip ':'
            }
        }
    }
}
