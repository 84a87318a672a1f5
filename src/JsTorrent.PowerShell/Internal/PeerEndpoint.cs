using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>A peer address given as <c>host:port</c>, <c>1.2.3.4:port</c> or <c>[v6 address]:port</c>.</summary>
    internal sealed class PeerEndpoint
    {
        private PeerEndpoint(string host, int port)
        {
            Host = host;
            Port = port;
        }

        public string Host { get; }

        public int Port { get; }

        /// <summary>Parses one address; <paramref name="problem"/> says what is wrong when it returns false.</summary>
        public static bool TryParse(string text, out PeerEndpoint? endpoint, out string? problem)
        {
            endpoint = null;
            string value = (text ?? string.Empty).Trim();
            string host;
            string port;
            if (value.StartsWith("[", StringComparison.Ordinal))
            {
                int close = value.IndexOf(']');
                if (close < 0 || close + 1 >= value.Length || value[close + 1] != ':')
                {
                    problem = "an IPv6 address is written [address]:port";
                    return false;
                }

                host = value.Substring(1, close - 1);
                port = value.Substring(close + 2);
                if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    problem = "'" + host + "' is not an IPv6 address";
                    return false;
                }
            }
            else
            {
                int colon = value.LastIndexOf(':');
                if (colon <= 0)
                {
                    problem = "the address needs a port (host:port)";
                    return false;
                }

                host = value.Substring(0, colon);
                port = value.Substring(colon + 1);
                if (host.IndexOf(':') >= 0)
                {
                    problem = "an IPv6 address goes in brackets: [address]:port";
                    return false;
                }

                if (host.IndexOfAny(new[] { ' ', '/', '[', ']', '@' }) >= 0)
                {
                    problem = "'" + host + "' is not a host name or address";
                    return false;
                }
            }

            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1 || number > 65535)
            {
                problem = "'" + port + "' is not a port (1-65535)";
                return false;
            }

            endpoint = new PeerEndpoint(host, number);
            problem = null;
            return true;
        }

        /// <inheritdoc/>
        public override string ToString() => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
    }
}
