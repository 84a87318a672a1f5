using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// A parsed .torrent (BitTorrent v1 metainfo, BEP 3), or the v1 view of a
    /// hybrid v1/v2 torrent (BEP 52). Immutable, except that <see cref="TorrentBytes"/> and
    /// <see cref="InfoBytes"/> hand out the parsed arrays themselves (to avoid copying megabytes):
    /// callers must treat them as read-only. Build one with
    /// <see cref="Parse(byte[])"/>, or from an info dictionary fetched for a
    /// magnet link with <see cref="FromInfoDictionary"/>.
    /// </summary>
    public sealed class Metainfo
    {
        private readonly byte[] _pieceHashes;

        internal Metainfo(MetainfoParts parts)
        {
            TorrentBytes = parts.TorrentBytes;
            InfoBytes = parts.InfoBytes;
            InfoHash = InfoHash.Compute(parts.InfoBytes);
            InfoHashV2 = parts.IsHybrid ? Protocol.InfoHashV2.Compute(parts.InfoBytes) : (InfoHashV2?)null;
            Name = parts.Name;
            OriginalName = parts.OriginalName;
            PieceLength = parts.PieceLength;
            _pieceHashes = parts.PieceHashes;
            Files = parts.Files;
            foreach (var file in Files)
            {
                ContentSize += file.IsPadding ? 0 : file.Length;
            }

            IsSingleFile = parts.IsSingleFile;
            TotalSize = parts.TotalSize;
            AnnounceTiers = parts.AnnounceTiers;
            Announce = parts.Announce;
            WebSeeds = parts.WebSeeds;
            IsPrivate = parts.IsPrivate;
            Source = parts.Source;
            CreationDate = parts.CreationDate;
            Comment = parts.Comment;
            CreatedBy = parts.CreatedBy;
            Encoding = parts.Encoding;
        }

        /// <summary>The v1 info-hash: SHA-1 of the info dictionary exactly as it appears in the file.</summary>
        public InfoHash InfoHash { get; }

        /// <summary>The v2 info-hash for a hybrid torrent, else null.</summary>
        public InfoHashV2? InfoHashV2 { get; }

        /// <summary>True for a hybrid v1/v2 torrent, which is used through its v1 half.</summary>
        public bool IsHybrid => InfoHashV2.HasValue;

        /// <summary>The whole .torrent file, or null when built from an info dictionary alone. Read-only: do not modify.</summary>
        public byte[]? TorrentBytes { get; }

        /// <summary>The exact bytes of the info dictionary (what the info-hash is taken over, and what BEP 9 serves). Read-only: do not modify.</summary>
        public byte[] InfoBytes { get; }

        /// <summary>The safe name: the file name of a single-file torrent, the folder of a multi-file one.</summary>
        public string Name { get; }

        /// <summary>The name as the torrent spells it, for display only.</summary>
        public string OriginalName { get; }

        /// <summary>Bytes per piece (the last piece may be shorter).</summary>
        public int PieceLength { get; }

        /// <summary>Number of pieces.</summary>
        public int PieceCount => _pieceHashes.Length / Sha1.DigestLength;

        /// <summary>Size of the torrent's byte space, padding included.</summary>
        public long TotalSize { get; }

        /// <summary>Size of the real content (padding files excluded).</summary>
        public long ContentSize { get; }

        /// <summary>The files in torrent order, padding files included (see <see cref="MetainfoFile.IsPadding"/>).</summary>
        public IReadOnlyList<MetainfoFile> Files { get; }

        /// <summary>True for a single-file torrent (the info dictionary has <c>length</c>, not <c>files</c>).</summary>
        public bool IsSingleFile { get; }

        /// <summary>The <c>announce</c> URL, or null.</summary>
        public string? Announce { get; }

        /// <summary>Tracker tiers (BEP 12): <c>announce-list</c> when present, else one tier holding <c>announce</c>.</summary>
        public IReadOnlyList<IReadOnlyList<string>> AnnounceTiers { get; }

        /// <summary>Web seeds (BEP 19 <c>url-list</c>).</summary>
        public IReadOnlyList<string> WebSeeds { get; }

        /// <summary>True when the torrent is private (BEP 27): trackers only, no DHT or PEX.</summary>
        public bool IsPrivate { get; }

        /// <summary>The info dictionary's <c>source</c> tag (used by private trackers), or null.</summary>
        public string? Source { get; }

        /// <summary>The <c>creation date</c>, or null.</summary>
        public DateTimeOffset? CreationDate { get; }

        /// <summary>The <c>comment</c>, or null.</summary>
        public string? Comment { get; }

        /// <summary>The <c>created by</c> program, or null.</summary>
        public string? CreatedBy { get; }

        /// <summary>The legacy <c>encoding</c> field, or null. Text is always read as UTF-8 (see docs/path-safety.md).</summary>
        public string? Encoding { get; }

        /// <summary>Parses a .torrent file.</summary>
        /// <param name="torrent">The file's bytes.</param>
        /// <returns>The metainfo.</returns>
        /// <exception cref="TorrentFormatException">Malformed or unsupported; the message says why.</exception>
        public static Metainfo Parse(byte[] torrent) => MetainfoParser.ParseTorrent(torrent ?? throw new ArgumentNullException(nameof(torrent)));

        /// <summary>Tries to parse a .torrent file.</summary>
        /// <param name="torrent">The file's bytes.</param>
        /// <param name="metainfo">The metainfo, or null.</param>
        /// <param name="error">The format error, or null.</param>
        /// <returns>True on success.</returns>
        public static bool TryParse(byte[] torrent, out Metainfo? metainfo, out TorrentFormatException? error)
        {
            try
            {
                metainfo = Parse(torrent);
                error = null;
                return true;
            }
            catch (TorrentFormatException e)
            {
                metainfo = null;
                error = e;
                return false;
            }
        }

        /// <summary>Builds metainfo from a bare info dictionary (as fetched with BEP 9), adding trackers from elsewhere (e.g. the magnet link).</summary>
        /// <param name="infoDictionary">The bencoded info dictionary.</param>
        /// <param name="announceTiers">Trackers to attach, or null.</param>
        /// <returns>The metainfo.</returns>
        /// <exception cref="TorrentFormatException">Malformed or unsupported.</exception>
        public static Metainfo FromInfoDictionary(byte[] infoDictionary, IReadOnlyList<IReadOnlyList<string>>? announceTiers = null) =>
            MetainfoParser.ParseInfoDictionary(infoDictionary ?? throw new ArgumentNullException(nameof(infoDictionary)), announceTiers);

        /// <summary>The 20-byte SHA-1 expected for a piece.</summary>
        /// <param name="piece">The piece index.</param>
        /// <returns>The expected hash.</returns>
        public ReadOnlySpan<byte> GetPieceHash(int piece)
        {
            if ((uint)piece >= (uint)PieceCount)
            {
                throw new ArgumentOutOfRangeException(nameof(piece), piece, "Piece index out of range 0.." + (PieceCount - 1) + ".");
            }

            return new ReadOnlySpan<byte>(_pieceHashes, piece * Sha1.DigestLength, Sha1.DigestLength);
        }

        /// <summary>The size of a piece: <see cref="PieceLength"/>, or less for the last one.</summary>
        /// <param name="piece">The piece index.</param>
        /// <returns>The size in bytes.</returns>
        public int GetPieceSize(int piece)
        {
            if ((uint)piece >= (uint)PieceCount)
            {
                throw new ArgumentOutOfRangeException(nameof(piece), piece, "Piece index out of range.");
            }

            return piece < PieceCount - 1 ? PieceLength : (int)(TotalSize - ((long)piece * PieceLength));
        }

        /// <inheritdoc/>
        public override string ToString() => Name + " (" + InfoHash + ")";
    }
}
