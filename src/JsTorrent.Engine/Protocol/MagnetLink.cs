using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace JsTorrent.Engine.Protocol
{
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
                MagnetLinkArguments.CheckText(displayName, nameof(displayName)),
                MagnetLinkArguments.CheckUrls(trackers, nameof(trackers)),
                MagnetLinkArguments.CheckUrls(webSeeds, nameof(webSeeds)),
                MagnetLinkArguments.CheckPeers(peers, nameof(peers)),
                selectOnly is null ? new List<MagnetFileRange>() : new List<MagnetFileRange>(selectOnly),
                exactLength,
                MagnetLinkArguments.CheckParameters(additionalParameters, nameof(additionalParameters)))
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
            Trackers = new ReadOnlyCollection<string>(OrderedLists.DistinctInOrder(trackers));
            WebSeeds = new ReadOnlyCollection<string>(OrderedLists.DistinctInOrder(webSeeds));
            Peers = new ReadOnlyCollection<MagnetPeer>(OrderedLists.DistinctInOrder(peers));
            SelectOnly = new ReadOnlyCollection<MagnetFileRange>(MagnetFileSelection.Normalise(selectOnly));
            ExactLength = exactLength;
            AdditionalParameters = new ReadOnlyCollection<KeyValuePair<string, string>>(additionalParameters);
        }

        /// <summary>
        /// Builds a link from parts <see cref="MagnetLinkParser"/> has already decoded and checked,
        /// skipping the public constructor's argument checks. The lists are owned by the new link.
        /// </summary>
        /// <remarks>
        /// A factory rather than an internal constructor: an internal overload taking lists would
        /// silently win overload resolution over the checking public constructor for in-assembly
        /// (and test) callers that happen to pass lists.
        /// </remarks>
        internal static MagnetLink FromParsedParts(
            InfoHash? infoHash,
            InfoHashV2? infoHashV2,
            string? displayName,
            List<string> trackers,
            List<string> webSeeds,
            List<MagnetPeer> peers,
            List<MagnetFileRange> selectOnly,
            long? exactLength,
            List<KeyValuePair<string, string>> additionalParameters) =>
            new MagnetLink(infoHash, infoHashV2, displayName, trackers, webSeeds, peers, selectOnly, exactLength, additionalParameters);

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

            return MagnetLinkParser.Parse(uri);
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
                link = MagnetLinkParser.Parse(uri);
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
        public override string ToString() => MagnetLinkFormatter.Format(this);

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
                && Enumerable.SequenceEqual(Trackers, other.Trackers, StringComparer.Ordinal)
                && Enumerable.SequenceEqual(WebSeeds, other.WebSeeds, StringComparer.Ordinal)
                && Enumerable.SequenceEqual(Peers, other.Peers, EqualityComparer<MagnetPeer>.Default)
                && Enumerable.SequenceEqual(SelectOnly, other.SelectOnly, EqualityComparer<MagnetFileRange>.Default)
                && Enumerable.SequenceEqual(AdditionalParameters, other.AdditionalParameters, OrdinalParameterComparer.Instance);
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
    }
}
