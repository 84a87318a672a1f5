using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace JsTorrent.Engine.Protocol
{
    // The properties InfoHash and InfoHashV2 hide the type names inside this class in expressions.
    using V1Hash = JsTorrent.Engine.Protocol.InfoHash;
    using V2Hash = JsTorrent.Engine.Protocol.InfoHashV2;

    /// <summary>
    /// A BitTorrent magnet link (BEP 9, with the BEP 53 <c>so</c> and BEP 52 <c>urn:btmh:</c>
    /// extensions): immutable, built either by <see cref="Parse"/> or by the constructor, and
    /// formatted back to canonical text by <see cref="ToString"/>.
    /// </summary>
    /// <remarks>
    /// <para>Parsing rules:</para>
    /// <list type="bullet">
    /// <item><description>The link must start with <c>magnet:?</c> (scheme in any case). Surrounding white
    /// space is ignored; so is a <c>#fragment</c>. Parameters are separated by <c>&amp;</c>; empty
    /// parameters and parameters with an empty name are ignored. Parameter names are matched
    /// case-insensitively.</description></item>
    /// <item><description>Names and values are percent-decoded strictly: <c>%</c> must be followed by two
    /// hexadecimal digits and the decoded bytes must be valid UTF-8 (raw non-ASCII characters are
    /// taken as themselves). <c>+</c> means a space only in <c>dn</c>; elsewhere it is a plus sign.</description></item>
    /// <item><description><c>xt</c> (also <c>xt.1</c>, <c>xt.2</c>, ...): <c>urn:btih:</c> followed by 40 hex or 32
    /// base32 characters gives <see cref="InfoHash"/>; <c>urn:btmh:1220</c> followed by 64 hex
    /// characters (a SHA-256 multihash) gives <see cref="InfoHashV2"/>. Other topics are ignored,
    /// but at least one BitTorrent topic is required. Repeating the same hash is allowed;
    /// two different hashes of the same kind are an error.</description></item>
    /// <item><description><c>dn</c>, <c>so</c> and <c>xl</c> are single-valued: a repetition with a different
    /// value is an error. <c>tr</c> (also <c>tr.N</c>), <c>ws</c> and <c>x.pe</c> may repeat; their values are
    /// kept in order with exact duplicates removed. A known parameter with an empty value is
    /// treated as absent.</description></item>
    /// <item><description>Tracker and web-seed values are kept as decoded text, not validated as URLs.
    /// Peers follow <see cref="MagnetPeer"/>'s rules. <c>so</c> is a comma-separated list of
    /// non-negative indices and inclusive ranges <c>a-b</c>, normalised (sorted, overlapping and
    /// adjacent ranges merged). <c>xl</c> is a non-negative decimal 64-bit integer.</description></item>
    /// <item><description>Every other parameter is kept, in order and with repetitions, in
    /// <see cref="AdditionalParameters"/> and written back by <see cref="ToString"/>.</description></item>
    /// </list>
    /// <para>Any malformed input raises <see cref="MagnetLinkFormatException"/> naming the parameter,
    /// the reason, and the character offset where known; no other exception escapes
    /// <see cref="Parse"/> except <see cref="ArgumentNullException"/> for null.</para>
    /// <para>Formatting writes <c>xt</c> (v1 as lower-case hex, then v2), <c>dn</c>, each <c>tr</c>, each
    /// <c>ws</c>, each <c>x.pe</c>, <c>so</c>, <c>xl</c>, then the additional parameters. Everything is
    /// UTF-8 percent-encoded with upper-case hex digits except RFC 3986 unreserved characters
    /// (<c>A-Z a-z 0-9 - . _ ~</c>) and <c>:</c>, <c>/</c> and <c>,</c>, which have no meaning inside a
    /// magnet parameter. <c>Parse(link.ToString())</c> equals <c>link</c>, and formatting a parsed link is
    /// idempotent.</para>
    /// </remarks>
    public sealed class MagnetLink : IEquatable<MagnetLink>
    {
        private const string Prefix = "magnet:?";
        private const string BtihUrn = "urn:btih:";
        private const string BtmhUrn = "urn:btmh:";
        private const string Sha256Multihash = "1220";
        private const string UpperHex = "0123456789ABCDEF";

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Creates a magnet link from its parts.</summary>
        /// <param name="infoHash">The v1 info-hash (<c>xt=urn:btih:</c>), or null.</param>
        /// <param name="infoHashV2">The v2 info-hash (<c>xt=urn:btmh:</c>), or null. At least one hash is required.</param>
        /// <param name="displayName">The display name (<c>dn</c>); null or empty for none.</param>
        /// <param name="trackers">Tracker URLs (<c>tr</c>), in order; duplicates are dropped.</param>
        /// <param name="webSeeds">Web seed URLs (<c>ws</c>), in order; duplicates are dropped.</param>
        /// <param name="peers">Peer addresses (<c>x.pe</c>), in order; duplicates are dropped.</param>
        /// <param name="selectOnly">File ranges (<c>so</c>); sorted and merged. Empty or null selects all files.</param>
        /// <param name="exactLength">The exact total length (<c>xl</c>), non-negative, or null.</param>
        /// <param name="additionalParameters">Other parameters, written after the known ones in this order.
        /// Names must be non-empty and must not be one of the known parameters.</param>
        /// <exception cref="ArgumentException">No hash is given, a string is null, empty where a value is
        /// required, or not well-formed UTF-16, a peer is the default value, or an additional parameter
        /// uses a reserved name.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="exactLength"/> is negative.</exception>
        public MagnetLink(
            InfoHash? infoHash,
            InfoHashV2? infoHashV2 = null,
            string? displayName = null,
            IEnumerable<string>? trackers = null,
            IEnumerable<string>? webSeeds = null,
            IEnumerable<MagnetPeer>? peers = null,
            IEnumerable<MagnetFileRange>? selectOnly = null,
            long? exactLength = null,
            IEnumerable<KeyValuePair<string, string>>? additionalParameters = null)
            : this(
                infoHash,
                infoHashV2,
                CheckText(displayName, nameof(displayName)),
                CheckUrls(trackers, nameof(trackers)),
                CheckUrls(webSeeds, nameof(webSeeds)),
                CheckPeers(peers, nameof(peers)),
                selectOnly is null ? new List<MagnetFileRange>() : new List<MagnetFileRange>(selectOnly),
                exactLength,
                CheckParameters(additionalParameters, nameof(additionalParameters)))
        {
        }

        private MagnetLink(
            InfoHash? infoHash,
            InfoHashV2? infoHashV2,
            string? displayName,
            List<string> trackers,
            List<string> webSeeds,
            List<MagnetPeer> peers,
            List<MagnetFileRange> selectOnly,
            long? exactLength,
            List<KeyValuePair<string, string>> additionalParameters)
        {
            if (infoHash is null && infoHashV2 is null)
            {
                throw new ArgumentException("A magnet link needs a v1 or a v2 info-hash.", nameof(infoHash));
            }

            if (exactLength < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(exactLength), exactLength, "The exact length cannot be negative.");
            }

            InfoHash = infoHash;
            InfoHashV2 = infoHashV2;
            DisplayName = string.IsNullOrEmpty(displayName) ? null : displayName;
            Trackers = new ReadOnlyCollection<string>(Distinct(trackers));
            WebSeeds = new ReadOnlyCollection<string>(Distinct(webSeeds));
            Peers = new ReadOnlyCollection<MagnetPeer>(Distinct(peers));
            SelectOnly = new ReadOnlyCollection<MagnetFileRange>(Normalise(selectOnly));
            ExactLength = exactLength;
            AdditionalParameters = new ReadOnlyCollection<KeyValuePair<string, string>>(additionalParameters);
        }

        private enum ParameterKind
        {
            Unknown,
            ExactTopic,
            DisplayName,
            Tracker,
            WebSeed,
            Peer,
            SelectOnly,
            ExactLength,
        }

        /// <summary>The v1 info-hash (<c>xt=urn:btih:</c>), or null when the link has only a v2 hash.</summary>
        public InfoHash? InfoHash { get; }

        /// <summary>The v2 info-hash (<c>xt=urn:btmh:</c>), or null when the link has only a v1 hash.</summary>
        public InfoHashV2? InfoHashV2 { get; }

        /// <summary>
        /// The info-hash used on the v1 wire and by trackers: <see cref="InfoHash"/> when present,
        /// otherwise the 20-byte truncation of <see cref="InfoHashV2"/> (BEP 52).
        /// </summary>
        public InfoHash SwarmInfoHash => InfoHash ?? InfoHashV2.GetValueOrDefault().Truncated();

        /// <summary>The display name (<c>dn</c>), or null. Never empty.</summary>
        public string? DisplayName { get; }

        /// <summary>Tracker URLs (<c>tr</c>), in link order, without duplicates.</summary>
        public IReadOnlyList<string> Trackers { get; }

        /// <summary>Web seed URLs (<c>ws</c>), in link order, without duplicates.</summary>
        public IReadOnlyList<string> WebSeeds { get; }

        /// <summary>Peer addresses (<c>x.pe</c>), in link order, without duplicates.</summary>
        public IReadOnlyList<MagnetPeer> Peers { get; }

        /// <summary>
        /// The BEP 53 file selection (<c>so</c>) as sorted, disjoint, non-adjacent inclusive ranges;
        /// empty when the link selects all files.
        /// </summary>
        public IReadOnlyList<MagnetFileRange> SelectOnly { get; }

        /// <summary>The exact total length in bytes (<c>xl</c>), or null.</summary>
        public long? ExactLength { get; }

        /// <summary>Parameters this type does not interpret, decoded, in link order (repetitions kept).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> AdditionalParameters { get; }

        /// <summary>Parses a magnet link.</summary>
        /// <param name="uri">The link text, starting with <c>magnet:?</c>.</param>
        /// <returns>The link.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
        /// <exception cref="MagnetLinkFormatException">The text is not a usable magnet link; the message says which parameter and why.</exception>
        public static MagnetLink Parse(string uri)
        {
            if (uri is null)
            {
                throw new ArgumentNullException(nameof(uri));
            }

            return ParseCore(uri);
        }

        /// <summary>Tries to parse a magnet link.</summary>
        /// <param name="uri">The link text, or null.</param>
        /// <param name="link">The link, or null on failure.</param>
        /// <returns>True when the text was a usable magnet link.</returns>
        public static bool TryParse(
            string? uri,
#if NETCOREAPP3_0_OR_GREATER
            [NotNullWhen(true)]
#endif
            out MagnetLink? link)
        {
            link = null;
            if (uri is null)
            {
                return false;
            }

            try
            {
                link = ParseCore(uri);
                return true;
            }
            catch (MagnetLinkFormatException)
            {
                return false;
            }
        }

        /// <summary>True when the file at <paramref name="fileIndex"/> is selected: always when <see cref="SelectOnly"/> is empty.</summary>
        /// <param name="fileIndex">A file index in the torrent.</param>
        /// <returns>True when the file is to be downloaded.</returns>
        public bool IsFileSelected(int fileIndex)
        {
            if (SelectOnly.Count == 0)
            {
                return fileIndex >= 0;
            }

            foreach (var range in SelectOnly)
            {
                if (range.Contains(fileIndex))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Formats the canonical magnet link text (see the type remarks for the order and encoding).</summary>
        /// <returns>The link, starting with <c>magnet:?</c>.</returns>
        public override string ToString()
        {
            var builder = new StringBuilder(Prefix, 128);
            bool first = true;
            if (InfoHash is V1Hash v1)
            {
                AppendParameter(builder, ref first, "xt", BtihUrn + v1.ToString());
            }

            if (InfoHashV2 is V2Hash v2)
            {
                AppendParameter(builder, ref first, "xt", BtmhUrn + Sha256Multihash + v2.ToString());
            }

            if (DisplayName != null)
            {
                AppendParameter(builder, ref first, "dn", DisplayName);
            }

            foreach (string tracker in Trackers)
            {
                AppendParameter(builder, ref first, "tr", tracker);
            }

            foreach (string webSeed in WebSeeds)
            {
                AppendParameter(builder, ref first, "ws", webSeed);
            }

            foreach (var peer in Peers)
            {
                AppendParameter(builder, ref first, "x.pe", peer.ToString());
            }

            if (SelectOnly.Count > 0)
            {
                var so = new StringBuilder();
                foreach (var range in SelectOnly)
                {
                    if (so.Length > 0)
                    {
                        so.Append(',');
                    }

                    so.Append(range.ToString());
                }

                AppendParameter(builder, ref first, "so", so.ToString());
            }

            if (ExactLength is long length)
            {
                AppendParameter(builder, ref first, "xl", length.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var parameter in AdditionalParameters)
            {
                AppendParameter(builder, ref first, parameter.Key, parameter.Value);
            }

            return builder.ToString();
        }

        /// <inheritdoc/>
        public bool Equals(MagnetLink? other)
        {
            if (other is null)
            {
                return false;
            }

            if (ReferenceEquals(this, other))
            {
                return true;
            }

            return Nullable.Equals(InfoHash, other.InfoHash)
                && Nullable.Equals(InfoHashV2, other.InfoHashV2)
                && string.Equals(DisplayName, other.DisplayName, StringComparison.Ordinal)
                && ExactLength == other.ExactLength
                && SequenceEqual(Trackers, other.Trackers, StringComparer.Ordinal)
                && SequenceEqual(WebSeeds, other.WebSeeds, StringComparer.Ordinal)
                && SequenceEqual(Peers, other.Peers, EqualityComparer<MagnetPeer>.Default)
                && SequenceEqual(SelectOnly, other.SelectOnly, EqualityComparer<MagnetFileRange>.Default)
                && SequenceEqual(AdditionalParameters, other.AdditionalParameters, ParameterComparer.Instance);
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as MagnetLink);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            unchecked
            {
                int hash = InfoHash.GetHashCode();
                hash = (hash * 31) + InfoHashV2.GetHashCode();
                hash = (hash * 31) + (DisplayName is null ? 0 : StringComparer.Ordinal.GetHashCode(DisplayName));
                hash = (hash * 31) + ExactLength.GetHashCode();
                hash = (hash * 31) + Trackers.Count;
                hash = (hash * 31) + WebSeeds.Count;
                hash = (hash * 31) + Peers.Count;
                hash = (hash * 31) + SelectOnly.Count;
                hash = (hash * 31) + AdditionalParameters.Count;
                return hash;
            }
        }

        /// <summary>Value equality over every field.</summary>
        /// <param name="left">First link.</param>
        /// <param name="right">Second link.</param>
        /// <returns>True when both are null or all fields are equal.</returns>
        public static bool operator ==(MagnetLink? left, MagnetLink? right) =>
            left is null ? right is null : left.Equals(right);

        /// <summary>Value inequality.</summary>
        /// <param name="left">First link.</param>
        /// <param name="right">Second link.</param>
        /// <returns>True when any field differs.</returns>
        public static bool operator !=(MagnetLink? left, MagnetLink? right) => !(left == right);

        // ------------------------------------------------------------------ parsing

        private static MagnetLink ParseCore(string uri)
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

            if (end - start < 7 || string.Compare(uri, start, Prefix, 0, 7, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new MagnetLinkFormatException(
                    "'" + V1Hash.Abbreviate(uri.Substring(start, end - start)) + "' is not a magnet link: it must start with 'magnet:?'.",
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

            var state = new ParseState();
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

            return new MagnetLink(
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

        private static void ParseParameter(string uri, int start, int end, ParseState state)
        {
            int equals = uri.IndexOf('=', start, end - start);
            int nameEnd = equals < 0 ? end : equals;
            int valueStart = equals < 0 ? end : equals + 1;
            string name = Decode(uri, start, nameEnd, plusIsSpace: false, "the parameter name");
            if (name.Length == 0)
            {
                return;
            }

            var kind = Classify(name);
            string value = Decode(uri, valueStart, end, plusIsSpace: kind == ParameterKind.DisplayName, "parameter '" + name + "'");
            if (kind == ParameterKind.Unknown)
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
                case ParameterKind.ExactTopic:
                    ParseExactTopic(name, value, start, state);
                    break;
                case ParameterKind.DisplayName:
                    if (state.DisplayName != null && !string.Equals(state.DisplayName, value, StringComparison.Ordinal))
                    {
                        throw new MagnetLinkFormatException("Parameter 'dn' is repeated with a different display name.", start);
                    }

                    state.DisplayName = value;
                    break;
                case ParameterKind.Tracker:
                    state.Trackers.Add(value);
                    break;
                case ParameterKind.WebSeed:
                    state.WebSeeds.Add(value);
                    break;
                case ParameterKind.Peer:
                    if (!MagnetPeer.TryParse(value, out var peer, out string? error))
                    {
                        throw new MagnetLinkFormatException("Parameter 'x.pe' is not a peer address: " + error + ".", start);
                    }

                    state.Peers.Add(peer);
                    break;
                case ParameterKind.SelectOnly:
                    var ranges = Normalise(ParseSelectOnly(value, start));
                    if (state.SelectOnly != null && !SequenceEqual(state.SelectOnly, ranges, EqualityComparer<MagnetFileRange>.Default))
                    {
                        throw new MagnetLinkFormatException("Parameter 'so' is repeated with a different file selection.", start);
                    }

                    state.SelectOnly = ranges;
                    break;
                case ParameterKind.ExactLength:
                    if (!TryParseDecimal(value, long.MaxValue, out long length))
                    {
                        throw new MagnetLinkFormatException(
                            "Parameter 'xl' is '" + V1Hash.Abbreviate(value) + "'; the exact length must be a non-negative decimal integer no larger than " + long.MaxValue + ".",
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

        private static void ParseExactTopic(string name, string value, int offset, ParseState state)
        {
            if (StartsWithIgnoreCase(value, BtihUrn))
            {
                string text = value.Substring(BtihUrn.Length);
                if (!V1Hash.TryParse(text, out var hash))
                {
                    string why = text.Length == 40 || text.Length == 32
                        ? "contains a character that is not valid (40 characters must all be hexadecimal; 32 characters must all be base32, A-Z and 2-7)"
                        : "has " + text.Length + " characters; a v1 info-hash is 40 hexadecimal or 32 base32 characters";
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the info-hash '" + V1Hash.Abbreviate(text) + "' after 'urn:btih:' " + why + ".",
                        offset);
                }

                if (state.V1 is V1Hash existing && existing != hash)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "' gives v1 info-hash " + hash + " but an earlier 'xt' gave " + existing + ".",
                        offset);
                }

                state.V1 = hash;
            }
            else if (StartsWithIgnoreCase(value, BtmhUrn))
            {
                string text = value.Substring(BtmhUrn.Length);
                if (!text.StartsWith(Sha256Multihash, StringComparison.Ordinal))
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the multihash '" + V1Hash.Abbreviate(text) + "' after 'urn:btmh:' must start with '1220' (SHA-256, 32 bytes), the only v2 hash BitTorrent uses.",
                        offset);
                }

                string hex = text.Substring(Sha256Multihash.Length);
                if (hex.Length != 2 * V2Hash.Length)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the v2 info-hash after 'urn:btmh:1220' has " + hex.Length + " characters; expected 64 hexadecimal characters.",
                        offset);
                }

                if (!V2Hash.TryParse(hex, out var hash))
                {
                    throw new MagnetLinkFormatException(
                        "Parameter '" + name + "': the v2 info-hash after 'urn:btmh:1220' contains a character that is not hexadecimal.",
                        offset);
                }

                if (state.V2 is V2Hash existing && existing != hash)
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
                    ok = TryParseDecimal(item, int.MaxValue, out long single);
                    first = last = (int)single;
                }
                else
                {
                    ok = TryParseDecimal(item.Substring(0, dash), int.MaxValue, out long low)
                        & TryParseDecimal(item.Substring(dash + 1), int.MaxValue, out long high);
                    first = (int)low;
                    last = (int)high;
                    if (ok && last < first)
                    {
                        throw new MagnetLinkFormatException(
                            "Parameter 'so': the range '" + V1Hash.Abbreviate(item) + "' ends before it starts.",
                            offset);
                    }
                }

                if (!ok)
                {
                    throw new MagnetLinkFormatException(
                        "Parameter 'so': '" + V1Hash.Abbreviate(item) + "' is not a file index or range; expected comma-separated non-negative integers (at most "
                        + int.MaxValue + ") or inclusive ranges such as '4-6'.",
                        offset);
                }

                ranges.Add(new MagnetFileRange(first, last));
                position = comma + 1;
            }

            return ranges;
        }

        private static bool TryParseDecimal(string text, long max, out long value)
        {
            value = 0;
            if (text.Length == 0)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (c < '0' || c > '9')
                {
                    value = 0;
                    return false;
                }

                int digit = c - '0';
                if (value > (max - digit) / 10)
                {
                    value = 0;
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }

        private static ParameterKind Classify(string name)
        {
            if (EqualsIgnoreCase(name, "xt") || IsNumbered(name, "xt."))
            {
                return ParameterKind.ExactTopic;
            }

            if (EqualsIgnoreCase(name, "tr") || IsNumbered(name, "tr."))
            {
                return ParameterKind.Tracker;
            }

            if (EqualsIgnoreCase(name, "dn"))
            {
                return ParameterKind.DisplayName;
            }

            if (EqualsIgnoreCase(name, "ws"))
            {
                return ParameterKind.WebSeed;
            }

            if (EqualsIgnoreCase(name, "x.pe"))
            {
                return ParameterKind.Peer;
            }

            if (EqualsIgnoreCase(name, "so"))
            {
                return ParameterKind.SelectOnly;
            }

            if (EqualsIgnoreCase(name, "xl"))
            {
                return ParameterKind.ExactLength;
            }

            return ParameterKind.Unknown;
        }

        private static bool IsNumbered(string name, string prefix)
        {
            if (name.Length <= prefix.Length || !StartsWithIgnoreCase(name, prefix))
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

        private static bool StartsWithIgnoreCase(string text, string prefix) =>
            text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

        private static bool IsWhiteSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';

        /// <summary>Strictly percent-decodes uri[start..end) to text; raw non-ASCII characters stand for themselves.</summary>
        private static string Decode(string uri, int start, int end, bool plusIsSpace, string what)
        {
            bool simple = true;
            for (int i = start; i < end; i++)
            {
                char c = uri[i];
                if (c == '%' || (c == '+' && plusIsSpace) || char.IsSurrogate(c))
                {
                    simple = false;
                    break;
                }
            }

            if (simple)
            {
                return uri.Substring(start, end - start);
            }

            var bytes = new byte[(end - start) * 3];
            var offsets = new int[bytes.Length];
            int count = 0;
            for (int i = start; i < end; i++)
            {
                char c = uri[i];
                int at = i;
                if (c == '%')
                {
                    int high = i + 2 < end ? HexValue(uri[i + 1]) : -1;
                    int low = i + 2 < end ? HexValue(uri[i + 2]) : -1;
                    if ((high | low) < 0)
                    {
                        throw new MagnetLinkFormatException(
                            "In " + what + ", '%' must be followed by two hexadecimal digits.", i);
                    }

                    offsets[count] = at;
                    bytes[count++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (c == '+' && plusIsSpace)
                {
                    offsets[count] = at;
                    bytes[count++] = 0x20;
                }
                else if (c < 0x80)
                {
                    offsets[count] = at;
                    bytes[count++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    offsets[count] = offsets[count + 1] = at;
                    bytes[count++] = (byte)(0xC0 | (c >> 6));
                    bytes[count++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (!char.IsSurrogate(c))
                {
                    offsets[count] = offsets[count + 1] = offsets[count + 2] = at;
                    bytes[count++] = (byte)(0xE0 | (c >> 12));
                    bytes[count++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[count++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(uri[i + 1]))
                {
                    int codePoint = char.ConvertToUtf32(c, uri[i + 1]);
                    i++;
                    for (int k = 0; k < 4; k++)
                    {
                        offsets[count + k] = at;
                    }

                    bytes[count++] = (byte)(0xF0 | (codePoint >> 18));
                    bytes[count++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    bytes[count++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    bytes[count++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    throw new MagnetLinkFormatException("In " + what + ", the text contains an unpaired UTF-16 surrogate character.", i);
                }
            }

            int invalid = FindInvalidUtf8(bytes, count);
            if (invalid >= 0)
            {
                throw new MagnetLinkFormatException(
                    "In " + what + ", the percent-encoded bytes are not valid UTF-8.", offsets[invalid]);
            }

            return StrictUtf8.GetString(bytes, 0, count);
        }

        /// <summary>Index of the first byte that does not start a well-formed UTF-8 sequence, or -1.</summary>
        private static int FindInvalidUtf8(byte[] bytes, int count)
        {
            int i = 0;
            while (i < count)
            {
                byte b = bytes[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int trailing;
                byte low = 0x80;
                byte high = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    trailing = 1;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    trailing = 2;
                    if (b == 0xE0)
                    {
                        low = 0xA0; // no overlong forms
                    }
                    else if (b == 0xED)
                    {
                        high = 0x9F; // no UTF-16 surrogates
                    }
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    trailing = 3;
                    if (b == 0xF0)
                    {
                        low = 0x90;
                    }
                    else if (b == 0xF4)
                    {
                        high = 0x8F; // nothing above U+10FFFF
                    }
                }
                else
                {
                    return i;
                }

                if (i + trailing >= count || bytes[i + 1] < low || bytes[i + 1] > high)
                {
                    return i;
                }

                for (int k = 2; k <= trailing; k++)
                {
                    if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF)
                    {
                        return i;
                    }
                }

                i += trailing + 1;
            }

            return -1;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        // ------------------------------------------------------------------ formatting

        private static void AppendParameter(StringBuilder builder, ref bool first, string name, string value)
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            AppendEncoded(builder, name);
            builder.Append('=');
            AppendEncoded(builder, value);
        }

        private static void AppendEncoded(StringBuilder builder, string text)
        {
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                if (IsUnescaped(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(UpperHex[b >> 4]).Append(UpperHex[b & 0xF]);
                }
            }
        }

        private static bool IsUnescaped(byte b) =>
            (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
            || b == '-' || b == '.' || b == '_' || b == '~' || b == ':' || b == '/' || b == ',';

        // ------------------------------------------------------------------ construction helpers

        private static string? CheckText(string? text, string parameterName)
        {
            if (text != null && !IsWellFormed(text))
            {
                throw new ArgumentException("The text contains an unpaired UTF-16 surrogate and cannot be encoded as UTF-8.", parameterName);
            }

            return text;
        }

        private static List<string> CheckUrls(IEnumerable<string>? urls, string parameterName)
        {
            var list = new List<string>();
            if (urls is null)
            {
                return list;
            }

            foreach (string url in urls)
            {
                if (string.IsNullOrEmpty(url))
                {
                    throw new ArgumentException("The list contains a null or empty URL.", parameterName);
                }

                list.Add(CheckText(url, parameterName)!);
            }

            return list;
        }

        private static List<MagnetPeer> CheckPeers(IEnumerable<MagnetPeer>? peers, string parameterName)
        {
            var list = new List<MagnetPeer>();
            if (peers is null)
            {
                return list;
            }

            foreach (var peer in peers)
            {
                if (peer.Port == 0)
                {
                    throw new ArgumentException("The list contains a default (empty) peer.", parameterName);
                }

                list.Add(peer);
            }

            return list;
        }

        private static List<KeyValuePair<string, string>> CheckParameters(
            IEnumerable<KeyValuePair<string, string>>? parameters,
            string parameterName)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (parameters is null)
            {
                return list;
            }

            foreach (var parameter in parameters)
            {
                if (string.IsNullOrEmpty(parameter.Key) || parameter.Value is null)
                {
                    throw new ArgumentException("Every additional parameter needs a non-empty name and a non-null value.", parameterName);
                }

                if (Classify(parameter.Key) != ParameterKind.Unknown)
                {
                    throw new ArgumentException(
                        "'" + parameter.Key + "' is a parameter this type interprets; pass it through the matching constructor argument.",
                        parameterName);
                }

                CheckText(parameter.Key, parameterName);
                CheckText(parameter.Value, parameterName);
                list.Add(parameter);
            }

            return list;
        }

        private static bool IsWellFormed(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static List<T> Distinct<T>(List<T> items)
        {
            var seen = new HashSet<T>();
            var result = new List<T>(items.Count);
            foreach (var item in items)
            {
                if (seen.Add(item))
                {
                    result.Add(item);
                }
            }

            return result;
        }

        /// <summary>Sorts ranges and merges those that overlap or touch.</summary>
        private static List<MagnetFileRange> Normalise(List<MagnetFileRange> ranges)
        {
            var sorted = new List<MagnetFileRange>(ranges);
            sorted.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            var merged = new List<MagnetFileRange>(sorted.Count);
            foreach (var range in sorted)
            {
                if (merged.Count > 0)
                {
                    var last = merged[merged.Count - 1];
                    if ((long)range.Start <= (long)last.End + 1)
                    {
                        merged[merged.Count - 1] = new MagnetFileRange(last.Start, Math.Max(last.End, range.End));
                        continue;
                    }
                }

                merged.Add(range);
            }

            return merged;
        }

        private static bool SequenceEqual<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, IEqualityComparer<T> comparer)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!comparer.Equals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class ParameterComparer : IEqualityComparer<KeyValuePair<string, string>>
        {
            public static readonly ParameterComparer Instance = new ParameterComparer();

            public bool Equals(KeyValuePair<string, string> x, KeyValuePair<string, string> y) =>
                string.Equals(x.Key, y.Key, StringComparison.Ordinal) && string.Equals(x.Value, y.Value, StringComparison.Ordinal);

            public int GetHashCode(KeyValuePair<string, string> obj) =>
                StringComparer.Ordinal.GetHashCode(obj.Key) ^ StringComparer.Ordinal.GetHashCode(obj.Value);
        }

        private sealed class ParseState
        {
            public V1Hash? V1 { get; set; }

            public V2Hash? V2 { get; set; }

            public bool SawOtherTopic { get; set; }

            public string? DisplayName { get; set; }

            public List<string> Trackers { get; } = new List<string>();

            public List<string> WebSeeds { get; } = new List<string>();

            public List<MagnetPeer> Peers { get; } = new List<MagnetPeer>();

            public List<MagnetFileRange>? SelectOnly { get; set; }

            public long? ExactLength { get; set; }

            public List<KeyValuePair<string, string>> Additional { get; } = new List<KeyValuePair<string, string>>();
        }
    }
}
