using System;
using System.Collections.Generic;
using System.Linq;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Parses magnet link text into a <see cref="MagnetLink"/> under the rules in that type's remarks;
    /// every failure is a <see cref="MagnetLinkFormatException"/> naming the parameter and offset.
    /// </summary>
    internal static class MagnetLinkParser
    {
        /// <summary>Parses <paramref name="uri"/> (not null); every failure is a <see cref="MagnetLinkFormatException"/>.</summary>
        public static MagnetLink Parse(string uri)
        {
            int start = 0;
            int end = uri.Length;
            while (start < end && IsWhiteSpace(uri[start]))
            {
                start++;
            }

            while (end > start && IsWhiteSpace(uri[end - 1]))
            {
                end--;
            }

            if (start == end)
            {
                throw new MagnetLinkFormatException("The magnet link is empty.");
            }

            if (end - start < 7 || string.Compare(uri, start, MagnetLinkSyntax.Prefix, 0, 7, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new MagnetLinkFormatException(
                    "'" + AsciiSyntax.Abbreviate(uri.Substring(start, end - start)) + "' is not a magnet link: it must start with 'magnet:?'.",
                    start);
            }

            if (end - start < 8 || uri[start + 7] != '?')
            {
                throw new MagnetLinkFormatException("'magnet:' must be followed by '?' and the link parameters.", start + 7);
            }

            int position = start + 8;
            int fragment = uri.IndexOf('#', position, end - position);
            if (fragment >= 0)
            {
                end = fragment;
            }

            var state = new MagnetLinkParseState();
            while (position <= end)
            {
                int separator = uri.IndexOf('&', position, end - position);
                if (separator < 0)
                {
                    separator = end;
                }

                if (separator > position)
                {
                    ParseParameter(uri, position, separator, state);
                }

                position = separator + 1;
            }

            if (state.V1 is null && state.V2 is null)
            {
                throw new MagnetLinkFormatException(state.SawOtherTopic
                    ? "The magnet link has no BitTorrent 'xt' (exact topic): none of its xt parameters is 'urn:btih:<info-hash>' or 'urn:btmh:<multihash>'."
                    : "The magnet link has no 'xt' (exact topic) parameter; 'xt=urn:btih:<info-hash>' is required.");
            }

            return MagnetLink.FromParsedParts(
                state.V1,
                state.V2,
                state.DisplayName,
                state.Trackers,
                state.WebSeeds,
                state.Peers,
                state.SelectOnly ?? new List<MagnetFileRange>(),
                state.ExactLength,
                state.Additional);
        }

        private static void ParseParameter(string uri, int start, int end, MagnetLinkParseState state)
        {
            int equals = uri.IndexOf('=', start, end - start);
            int nameEnd = equals < 0 ? end : equals;
            int valueStart = equals < 0 ? end : equals + 1;
            string name = MagnetPercentEncoding.Decode(uri, start, nameEnd, plusIsSpace: false, "the parameter name");
            if (name.Length == 0)
            {
                return;
            }

            var kind = MagnetLinkSyntax.Classify(name);
            string value = MagnetPercentEncoding.Decode(uri, valueStart, end, plusIsSpace: kind == MagnetParameterKind.DisplayName, "parameter '" + name + "'");
            if (kind == MagnetParameterKind.Unknown)
            {
                state.Additional.Add(new KeyValuePair<string, string>(name, value));
                return;
            }

            if (value.Length == 0)
            {
                return;
            }

            switch (kind)
            {
                case MagnetParameterKind.ExactTopic:
                    ParseExactTopic(name, value, start, state);
                    break;
                case MagnetParameterKind.DisplayName:
                    if (state.DisplayName != null && !string.Equals(state.DisplayName, value, StringComparison.Ordinal))
                    {
                        throw new MagnetLinkFormatException("Parameter 'dn' is repeated with a different display name.", start);
                    }

                    state.DisplayName = value;
                    break;
                case MagnetParameterKind.Tracker:
                    state.Trackers.Add(value);
                    break;
                case MagnetParameterKind.WebSeed:
                    state.WebSeeds.Add(value);
                    break;
                case MagnetParameterKind.Peer:
                    if (!MagnetPeer.TryParse(value, out var peer, out string? error))
                    {
                        throw new MagnetLinkFormatException("Parameter 'x.pe' is not a peer address: " + error + ".", start);
                    }

                    state.Peers.Add(peer);
                    break;
                case MagnetParameterKind.SelectOnly:
                    var ranges = MagnetFileSelection.Normalise(ParseSelectOnly(value, start));
                    if (state.SelectOnly != null && !Enumerable.SequenceEqual(state.SelectOnly, ranges, EqualityComparer<MagnetFileRange>.Default))
                    {
                        throw new MagnetLinkFormatException("Parameter 'so' is repeated with a different file selection.", start);
                    }

                    state.SelectOnly = ranges;
                    break;
                case MagnetParameterKind.ExactLength:
                    if (!AsciiSyntax.TryParseDecimal(value, long.MaxValue, out long length))
                    {
                        throw new MagnetLinkFormatException(
                            "Parameter 'xl' is '" + AsciiSyntax.Abbreviate(value) + "'; the exact length must be a non-negative decimal integer no larger than " + long.MaxValue + ".",
                            start);
                    }

                    if (state.ExactLength != null && state.ExactLength != length)
                    {
                        throw new MagnetLinkFormatException("Parameter 'xl' is repeated with a different length.", start);
                    }

                    state.ExactLength = length;
                    break;
            }
        }

        private static void ParseExactTopic(string name, string value, int offset, MagnetLinkParseState state)
        {
            if (value.StartsWith(MagnetLinkSyntax.BtihUrn, StringComparison.OrdinalIgnoreCase))
            {
                string text = value.Substring(MagnetLinkSyntax.BtihUrn.Length);
                if (!InfoHash.TryParse(text, out var hash))
                {
                    string why = text.Length == 40 || text.Length == 32
                        ? "contains a character that is not valid (40 characters must all be hexadecimal; 32 characters must all be base32, A-Z and 2-7)"
                        : "has " + text.Length + " characters; a v1 info-hash is 40 hexadecimal or 32 base32 characters";
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the info-hash '" + AsciiSyntax.Abbreviate(text) + "' after 'urn:btih:' " + why + ".",
                        offset);
                }

                if (state.V1 is InfoHash existing && existing != hash)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "' gives v1 info-hash " + hash + " but an earlier 'xt' gave " + existing + ".",
                        offset);
                }

                state.V1 = hash;
            }
            else if (value.StartsWith(MagnetLinkSyntax.BtmhUrn, StringComparison.OrdinalIgnoreCase))
            {
                string text = value.Substring(MagnetLinkSyntax.BtmhUrn.Length);
                if (!text.StartsWith(MagnetLinkSyntax.Sha256Multihash, StringComparison.Ordinal))
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the multihash '" + AsciiSyntax.Abbreviate(text) + "' after 'urn:btmh:' must start with '1220' (SHA-256, 32 bytes), the only v2 hash BitTorrent uses.",
                        offset);
                }

                string hex = text.Substring(MagnetLinkSyntax.Sha256Multihash.Length);
                if (hex.Length != 2 * InfoHashV2.Length)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the v2 info-hash after 'urn:btmh:1220' has " + hex.Length + " characters; expected 64 hexadecimal characters.",
                        offset);
                }

                if (!InfoHashV2.TryParse(hex, out var hash))
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the v2 info-hash after 'urn:btmh:1220' contains a character that is not hexadecimal.",
                        offset);
                }

                if (state.V2 is InfoHashV2 existing && existing != hash)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "' gives v2 info-hash " + hash + " but an earlier 'xt' gave " + existing + ".",
                        offset);
                }

                state.V2 = hash;
            }
            else
            {
                state.SawOtherTopic = true;
            }
        }

        private static List<MagnetFileRange> ParseSelectOnly(string value, int offset)
        {
            var ranges = new List<MagnetFileRange>();
            int position = 0;
            while (position <= value.Length)
            {
                int comma = value.IndexOf(',', position);
                if (comma < 0)
                {
                    comma = value.Length;
                }

                string item = value.Substring(position, comma - position);
                int dash = item.IndexOf('-');
                bool ok;
                int first;
                int last;
                if (dash < 0)
                {
                    ok = AsciiSyntax.TryParseDecimal(item, int.MaxValue, out long single);
                    first = last = (int)single;
                }
                else
                {
                    ok = AsciiSyntax.TryParseDecimal(item.Substring(0, dash), int.MaxValue, out long low)
                        & AsciiSyntax.TryParseDecimal(item.Substring(dash + 1), int.MaxValue, out long high);
                    first = (int)low;
                    last = (int)high;
                    if (ok && last < first)
                    {
                        throw new MagnetLinkFormatException(
                            "Parameter 'so': the range '" + AsciiSyntax.Abbreviate(item) + "' ends before it starts.",
                            offset);
                    }
                }

                if (!ok)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter 'so': '" + AsciiSyntax.Abbreviate(item) + "' is not a file index or range; expected comma-separated non-negative integers (at most "
                        + int.MaxValue + ") or inclusive ranges such as '4-6'.",
                        offset);
                }

                ranges.Add(new MagnetFileRange(first, last));
                position = comma + 1;
            }

            return ranges;
        }

        private static bool IsWhiteSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
    }
}
