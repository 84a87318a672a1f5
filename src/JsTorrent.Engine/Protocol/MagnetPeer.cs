using System;
using System.Globalization;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// A peer address from a magnet link's <c>x.pe</c> parameter: a host name, dotted IPv4
    /// address or IPv6 address, and a port from 1 to 65535.
    /// </summary>
    /// <remarks>
    /// Accepted text forms are <c>host:port</c>, <c>1.2.3.4:port</c> and <c>[ipv6]:port</c>.
    /// Host names are ASCII letters, digits, <c>-</c> and <c>_</c> in non-empty dot-separated
    /// labels (internationalised names must be given in their punycode form); a host made only
    /// of digits and dots must be a valid dotted-quad IPv4 address. IPv6 addresses must be in
    /// brackets and may not carry a zone index. The host is kept as written (not normalised);
    /// equality compares it case-insensitively, as DNS names and hex digits are.
    /// </remarks>
    public readonly struct MagnetPeer : IEquatable<MagnetPeer>
    {
        private readonly string? _host;

        /// <summary>Creates a peer address.</summary>
        /// <param name="host">A host name, dotted IPv4 address, or IPv6 address without brackets.</param>
        /// <param name="port">The port, 1 to 65535.</param>
        /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is not a valid host.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside 1..65535.</exception>
        public MagnetPeer(string host, int port)
        {
            if (host is null)
            {
                throw new ArgumentNullException(nameof(host));
            }

            string? error = ValidateHost(host);
            if (error != null)
            {
                throw new ArgumentException(error, nameof(host));
            }

            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A peer port is 1 to 65535.");
            }

            _host = host;
            Port = port;
        }

        private MagnetPeer(string host, int port, bool trusted)
        {
            _ = trusted;
            _host = host;
            Port = port;
        }

        /// <summary>The host: a name, dotted IPv4 address, or IPv6 address (without brackets). Empty for the default value.</summary>
        public string Host => _host ?? string.Empty;

        /// <summary>The port, 1 to 65535 (0 for the default value).</summary>
        public int Port { get; }

        /// <summary>True when <see cref="Host"/> is an IPv6 address.</summary>
        public bool IsIPv6 => Host.IndexOf(':') >= 0;

        /// <summary>Parses <c>host:port</c>, <c>1.2.3.4:port</c> or <c>[ipv6]:port</c>.</summary>
        /// <param name="text">The text form (already percent-decoded).</param>
        /// <returns>The peer.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="MagnetLinkFormatException">The text is not a valid peer address; the message says why.</exception>
        public static MagnetPeer Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (!TryParse(text, out var peer, out string? error))
            {
                throw new MagnetLinkFormatException(error!);
            }

            return peer;
        }

        /// <summary>Tries to parse <c>host:port</c>, <c>1.2.3.4:port</c> or <c>[ipv6]:port</c>.</summary>
        /// <param name="text">The text form.</param>
        /// <param name="peer">The peer, or default.</param>
        /// <returns>True on success.</returns>
        public static bool TryParse(string? text, out MagnetPeer peer) => TryParse(text, out peer, out _);

        /// <summary>The text form: <c>host:port</c>, or <c>[ipv6]:port</c> for an IPv6 host.</summary>
        /// <returns>The address text.</returns>
        public override string ToString()
        {
            string port = Port.ToString(CultureInfo.InvariantCulture);
            return IsIPv6 ? "[" + Host + "]:" + port : Host + ":" + port;
        }

        /// <inheritdoc/>
        public bool Equals(MagnetPeer other) =>
            Port == other.Port && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is MagnetPeer other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() =>
            unchecked((StringComparer.OrdinalIgnoreCase.GetHashCode(Host) * 31) + Port);

        /// <summary>Value equality (host compared case-insensitively).</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when host and port are equal.</returns>
        public static bool operator ==(MagnetPeer left, MagnetPeer right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when host or port differ.</returns>
        public static bool operator !=(MagnetPeer left, MagnetPeer right) => !left.Equals(right);

        /// <summary>Parses a peer; on failure <paramref name="error"/> says why (without position).</summary>
        internal static bool TryParse(string? text, out MagnetPeer peer, out string? error)
        {
            peer = default;
            if (text is null)
            {
                error = "a peer address is required";
                return false;
            }

            string host;
            string portText;
            if (text.Length > 0 && text[0] == '[')
            {
                int close = text.IndexOf(']');
                if (close < 0)
                {
                    error = "'" + InfoHash.Abbreviate(text) + "' opens an IPv6 address with '[' but has no closing ']'";
                    return false;
                }

                host = text.Substring(1, close - 1);
                if (close + 1 >= text.Length || text[close + 1] != ':')
                {
                    error = "'" + InfoHash.Abbreviate(text) + "' has no ':port' after the bracketed IPv6 address";
                    return false;
                }

                if (!IsIPv6Address(host))
                {
                    error = "'" + InfoHash.Abbreviate(host) + "' is not a valid IPv6 address";
                    return false;
                }

                portText = text.Substring(close + 2);
            }
            else
            {
                int colon = text.LastIndexOf(':');
                if (colon < 0)
                {
                    error = "'" + InfoHash.Abbreviate(text) + "' has no ':port'";
                    return false;
                }

                host = text.Substring(0, colon);
                if (host.IndexOf(':') >= 0)
                {
                    error = "'" + InfoHash.Abbreviate(text) + "' looks like an IPv6 address; it must be written in brackets as [address]:port";
                    return false;
                }

                error = ValidateHost(host);
                if (error != null)
                {
                    return false;
                }

                portText = text.Substring(colon + 1);
            }

            if (!TryParsePort(portText, out int port))
            {
                error = "'" + InfoHash.Abbreviate(portText) + "' is not a port: expected a decimal number from 1 to 65535";
                return false;
            }

            peer = new MagnetPeer(host, port, trusted: true);
            error = null;
            return true;
        }

        private static bool TryParsePort(string text, out int port)
        {
            port = 0;
            if (text.Length == 0 || text.Length > 5)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }

                port = (port * 10) + (c - '0');
            }

            return port >= 1 && port <= 65535;
        }

        /// <summary>Null when <paramref name="host"/> is a valid host for a peer, else the reason.</summary>
        private static string? ValidateHost(string host)
        {
            if (host.Length == 0)
            {
                return "the peer host is empty";
            }

            if (host.IndexOf(':') >= 0)
            {
                return IsIPv6Address(host) ? null : "'" + InfoHash.Abbreviate(host) + "' is not a valid IPv6 address";
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
                        return "'" + InfoHash.Abbreviate(host) + "' has an empty label in the host name";
                    }

                    labelLength = 0;
                    continue;
                }

                bool digit = c >= '0' && c <= '9';
                bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!digit && !letter && c != '-' && c != '_')
                {
                    return "'" + InfoHash.Abbreviate(host) + "' is not a valid host: character '" + c + "' is not allowed";
                }

                numeric &= digit;
                if (++labelLength > 63)
                {
                    return "'" + InfoHash.Abbreviate(host) + "' has a host-name label longer than 63 characters";
                }
            }

            if (labelLength == 0)
            {
                return "'" + InfoHash.Abbreviate(host) + "' has an empty label in the host name";
            }

            if (numeric && !IsIPv4Address(host))
            {
                return "'" + InfoHash.Abbreviate(host) + "' is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)";
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
        internal static bool IsIPv6Address(string text)
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
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
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
