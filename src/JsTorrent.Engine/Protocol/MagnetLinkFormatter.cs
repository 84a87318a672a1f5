using System.Globalization;
using System.Text;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>Writes the canonical text of a <see cref="MagnetLink"/> (order and encoding in that type's remarks).</summary>
    internal static class MagnetLinkFormatter
    {
        /// <summary>The link text, starting with <c>magnet:?</c>.</summary>
        public static string Format(MagnetLink link)
        {
            var builder = new StringBuilder(MagnetLinkSyntax.Prefix, 128);
            bool first = true;
            if (link.InfoHash is InfoHash v1)
            {
                AppendParameter(builder, ref first, "xt", MagnetLinkSyntax.BtihUrn + v1.ToString());
            }

            if (link.InfoHashV2 is InfoHashV2 v2)
            {
                AppendParameter(builder, ref first, "xt", MagnetLinkSyntax.BtmhUrn + MagnetLinkSyntax.Sha256Multihash + v2.ToString());
            }

            if (link.DisplayName != null)
            {
                AppendParameter(builder, ref first, "dn", link.DisplayName);
            }

            foreach (string tracker in link.Trackers)
            {
                AppendParameter(builder, ref first, "tr", tracker);
            }

            foreach (string webSeed in link.WebSeeds)
            {
                AppendParameter(builder, ref first, "ws", webSeed);
            }

            foreach (var peer in link.Peers)
            {
                AppendParameter(builder, ref first, "x.pe", peer.ToString());
            }

            if (link.SelectOnly.Count > 0)
            {
                AppendParameter(builder, ref first, "so", string.Join(",", link.SelectOnly));
            }

            if (link.ExactLength is long length)
            {
                AppendParameter(builder, ref first, "xl", length.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var parameter in link.AdditionalParameters)
            {
                AppendParameter(builder, ref first, parameter.Key, parameter.Value);
            }

            return builder.ToString();
        }

        private static void AppendParameter(StringBuilder builder, ref bool first, string name, string value)
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            MagnetPercentEncoding.AppendEncoded(builder, name);
            builder.Append('=');
            MagnetPercentEncoding.AppendEncoded(builder, value);
        }
    }
}
