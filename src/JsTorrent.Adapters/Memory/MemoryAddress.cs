using System;
using System.Net;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>Address text rules of the memory network: one canonical spelling per address, and loopback.</summary>
    internal static class MemoryAddress
    {
        /// <summary>The canonical spelling: IP literals as <see cref="IPAddress"/> prints them (so "::0:1" and "::1" match), names lower-case.</summary>
        public static string Normalize(string address)
        {
            string text = address.Trim();
            if (text.Length > 1 && text[0] == '[' && text[text.Length - 1] == ']')
            {
                text = text.Substring(1, text.Length - 2);
            }

            return IPAddress.TryParse(text, out IPAddress? ip) ? ip.ToString() : text.ToLowerInvariant();
        }

        /// <summary>Whether a canonical address is an IP literal.</summary>
        public static bool IsIpLiteral(string canonical) => IPAddress.TryParse(canonical, out _);

        /// <summary>Whether a canonical address means "this host"; if so, the address the host is seen as.</summary>
        public static bool IsLoopback(string canonical, out string seenAs)
        {
            if (string.Equals(canonical, "localhost", StringComparison.Ordinal))
            {
                seenAs = IPAddress.Loopback.ToString();
                return true;
            }

            if (IPAddress.TryParse(canonical, out IPAddress? ip) && IPAddress.IsLoopback(ip))
            {
                seenAs = canonical;
                return true;
            }

            seenAs = canonical;
            return false;
        }

        /// <summary>Whether a canonical address is the unspecified address (0.0.0.0 or ::).</summary>
        public static bool IsUnspecified(string canonical)
            => IPAddress.TryParse(canonical, out IPAddress? ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }
}
