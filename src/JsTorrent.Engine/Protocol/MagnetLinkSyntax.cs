using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>The fixed text of magnet links shared by parsing, formatting and argument checks.</summary>
    internal static class MagnetLinkSyntax
    {
        /// <summary>The scheme and query marker every link starts with (the scheme is matched in any case).</summary>
        public const string Prefix = "magnet:?";

        /// <summary>The <c>xt</c> namespace of a v1 info-hash.</summary>
        public const string BtihUrn = "urn:btih:";

        /// <summary>The <c>xt</c> namespace of a v2 info-hash multihash.</summary>
        public const string BtmhUrn = "urn:btmh:";

        /// <summary>The multihash header of a 32-byte SHA-256 digest, the only v2 hash BitTorrent uses.</summary>
        public const string Sha256Multihash = "1220";

        /// <summary>Which known parameter <paramref name="name"/> (already decoded) is, matched case-insensitively.</summary>
        public static MagnetParameterKind Classify(string name)
        {
            if (EqualsIgnoreCase(name, "xt") || IsNumbered(name, "xt."))
            {
                return MagnetParameterKind.ExactTopic;
            }

            if (EqualsIgnoreCase(name, "tr") || IsNumbered(name, "tr."))
            {
                return MagnetParameterKind.Tracker;
            }

            if (EqualsIgnoreCase(name, "dn"))
            {
                return MagnetParameterKind.DisplayName;
            }

            if (EqualsIgnoreCase(name, "ws"))
            {
                return MagnetParameterKind.WebSeed;
            }

            if (EqualsIgnoreCase(name, "x.pe"))
            {
                return MagnetParameterKind.Peer;
            }

            if (EqualsIgnoreCase(name, "so"))
            {
                return MagnetParameterKind.SelectOnly;
            }

            if (EqualsIgnoreCase(name, "xl"))
            {
                return MagnetParameterKind.ExactLength;
            }

            return MagnetParameterKind.Unknown;
        }

        private static bool IsNumbered(string name, string prefix)
        {
            if (name.Length <= prefix.Length || !name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            for (int i = prefix.Length; i < name.Length; i++)
            {
                if (name[i] < '0' || name[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool EqualsIgnoreCase(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
