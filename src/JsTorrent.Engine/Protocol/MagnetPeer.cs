using System;

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

            string? error = PeerAddressSyntax.ValidateHost(host);
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
            return PeerAddressSyntax.FormatEndpoint(Host, Port);
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
                    error = "'" + AsciiSyntax.Abbreviate(text) + "' opens an IPv6 address with '[' but has no closing ']'";
                    return false;
                }

                host = text.Substring(1, close - 1);
                if (close + 1 >= text.Length || text[close + 1] != ':')
                {
                    error = "'" + AsciiSyntax.Abbreviate(text) + "' has no ':port' after the bracketed IPv6 address";
                    return false;
                }

                if (!PeerAddressSyntax.IsIPv6Address(host))
                {
                    error = "'" + AsciiSyntax.Abbreviate(host) + "' is not a valid IPv6 address";
                    return false;
                }

                portText = text.Substring(close + 2);
            }
            else
            {
                int colon = text.LastIndexOf(':');
                if (colon < 0)
                {
                    error = "'" + AsciiSyntax.Abbreviate(text) + "' has no ':port'";
                    return false;
                }

                host = text.Substring(0, colon);
                if (host.IndexOf(':') >= 0)
                {
                    error = "'" + AsciiSyntax.Abbreviate(text) + "' looks like an IPv6 address; it must be written in brackets as [address]:port";
                    return false;
                }

                error = PeerAddressSyntax.ValidateHost(host);
                if (error != null)
                {
                    return false;
                }

                portText = text.Substring(colon + 1);
            }

            if (!AsciiSyntax.TryParseDecimal(portText, 65535, out long port) || port == 0)
            {
                error = "'" + AsciiSyntax.Abbreviate(portText) + "' is not a port: expected a decimal number from 1 to 65535";
                return false;
            }

            peer = new MagnetPeer(host, (int)port, trusted: true);
            error = null;
            return true;
        }
    }
}
