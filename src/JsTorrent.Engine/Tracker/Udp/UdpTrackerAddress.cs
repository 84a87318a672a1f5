using System;
using System.Net;

namespace JsTorrent.Engine.Tracker.Udp
{
    /// <summary>Compares a tracker URL's host with the sender address a socket reports.</summary>
    internal static class UdpTrackerAddress
    {
        /// <summary>
        /// The spelling sockets report for a literal address (IPv4-mapped IPv6 as plain IPv4,
        /// IPv6 compressed, no brackets), or null for a host name.
        /// </summary>
        public static string? CanonicalLiteral(string host)
        {
            string text = host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']' ? host.Substring(1, host.Length - 2) : host;
            if (!IPAddress.TryParse(text, out IPAddress? address))
            {
                return null;
            }

            return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        }

        /// <summary>Whether a reported sender address is the literal <paramref name="canonical"/> (from <see cref="CanonicalLiteral"/>).</summary>
        public static bool SameLiteral(string canonical, string reported)
        {
            // The adapters already report canonical text: the common case costs one comparison and no allocation.
            if (string.Equals(canonical, reported, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            string? other = CanonicalLiteral(reported);
            return other != null && string.Equals(canonical, other, StringComparison.OrdinalIgnoreCase);
        }
    }
}
