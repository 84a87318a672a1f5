using System;
using System.Linq;
using JsTorrent.Engine.Protocol;

namespace JsTorrent
{
    /// <summary>
    /// What a .torrent file or magnet link describes, read without adding it to an
    /// engine (the output of <c>Get-TorrentInfo</c> and <c>New-Torrent</c>).
    /// Sizes are bytes; a magnet link has no file list until its metadata is fetched.
    /// </summary>
    public sealed class TorrentInfo
    {
        private TorrentInfo(string name, string infoHash)
        {
            Name = name;
            InfoHash = infoHash;
        }

        /// <summary>The torrent's name (the file or top folder it downloads to, made safe).</summary>
        public string Name { get; }

        /// <summary>The v1 info-hash, 40 lower-case hex digits.</summary>
        public string InfoHash { get; }

        /// <summary>The v2 info-hash (64 hex digits) of a hybrid torrent or a v2 magnet, else null.</summary>
        public string? InfoHashV2 { get; private set; }

        /// <summary>True when read from a magnet link.</summary>
        public bool IsMagnet { get; private set; }

        /// <summary>The .torrent file this was read from, or null for a magnet link.</summary>
        public string? Path { get; private set; }

        /// <summary>Total size in bytes (padding excluded); for a magnet link the <c>xl</c> value, if any.</summary>
        public long? Size { get; private set; }

        /// <summary>Bytes per piece, or null for a magnet link.</summary>
        public int? PieceLength { get; private set; }

        /// <summary>Number of pieces, or null for a magnet link.</summary>
        public int? PieceCount { get; private set; }

        /// <summary>Number of files (padding excluded), or null for a magnet link.</summary>
        public int? FileCount { get; private set; }

        /// <summary>The files, padding included, or null for a magnet link.</summary>
        public TorrentInfoFile[]? Files { get; private set; }

        /// <summary>Tracker URLs, tier by tier.</summary>
        public string[] Trackers { get; private set; } = Array.Empty<string>();

        /// <summary>Web seed URLs.</summary>
        public string[] WebSeeds { get; private set; } = Array.Empty<string>();

        /// <summary>Peer addresses given by a magnet link (<c>x.pe</c>).</summary>
        public string[] Peers { get; private set; } = Array.Empty<string>();

        /// <summary>True for a private torrent (trackers only).</summary>
        public bool IsPrivate { get; private set; }

        /// <summary>The torrent's comment, or null.</summary>
        public string? Comment { get; private set; }

        /// <summary>The program that created the torrent, or null.</summary>
        public string? CreatedBy { get; private set; }

        /// <summary>When the torrent was created (UTC), or null.</summary>
        public DateTime? CreationDate { get; private set; }

        /// <summary>A magnet link for the torrent.</summary>
        public string MagnetUri { get; private set; } = string.Empty;

        /// <summary>Describes parsed metainfo.</summary>
        /// <param name="metainfo">The metainfo.</param>
        /// <param name="path">The file it came from, or null.</param>
        /// <returns>The object.</returns>
        public static TorrentInfo FromMetainfo(Metainfo metainfo, string? path)
        {
            if (metainfo is null)
            {
                throw new ArgumentNullException(nameof(metainfo));
            }

            var trackers = metainfo.AnnounceTiers.SelectMany(t => t).ToList();
            var magnet = new MagnetLink(
                metainfo.InfoHash,
                metainfo.InfoHashV2,
                metainfo.Name,
                trackers,
                metainfo.WebSeeds,
                null,
                null,
                metainfo.ContentSize,
                null);
            return new TorrentInfo(metainfo.Name, metainfo.InfoHash.ToString())
            {
                FileCount = metainfo.Files.Count(f => !f.IsPadding),
                InfoHashV2 = metainfo.InfoHashV2?.ToString(),
                Path = path,
                Size = metainfo.ContentSize,
                PieceLength = metainfo.PieceLength,
                PieceCount = metainfo.PieceCount,
                Files = metainfo.Files
                    .Select(f => new TorrentInfoFile(f.Index, f.RelativePath, f.OriginalPath, f.Length, f.Offset, f.IsPadding))
                    .ToArray(),
                Trackers = trackers.ToArray(),
                WebSeeds = metainfo.WebSeeds.ToArray(),
                IsPrivate = metainfo.IsPrivate,
                Comment = metainfo.Comment,
                CreatedBy = metainfo.CreatedBy,
                CreationDate = metainfo.CreationDate?.UtcDateTime,
                MagnetUri = magnet.ToString(),
            };
        }

        /// <summary>Describes a magnet link.</summary>
        /// <param name="magnet">The parsed link.</param>
        /// <returns>The object.</returns>
        public static TorrentInfo FromMagnet(MagnetLink magnet)
        {
            if (magnet is null)
            {
                throw new ArgumentNullException(nameof(magnet));
            }

            string hash = magnet.SwarmInfoHash.ToString();
            string name = magnet.DisplayName is { Length: > 0 } dn ? PathSanitizer.SanitizeElement(dn) ?? hash : hash;
            return new TorrentInfo(name, hash)
            {
                InfoHashV2 = magnet.InfoHashV2?.ToString(),
                IsMagnet = true,
                Size = magnet.ExactLength,
                Trackers = magnet.Trackers.ToArray(),
                WebSeeds = magnet.WebSeeds.ToArray(),
                Peers = magnet.Peers.Select(p => p.ToString()).ToArray(),
                MagnetUri = magnet.ToString(),
            };
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
