using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>The validated fields the parser hands to <see cref="Metainfo"/>'s constructor.</summary>
    internal sealed class MetainfoParts
    {
        public byte[]? TorrentBytes { get; set; }

        public byte[] InfoBytes { get; set; } = Array.Empty<byte>();

        public bool IsHybrid { get; set; }

        public string Name { get; set; } = string.Empty;

        public string OriginalName { get; set; } = string.Empty;

        public int PieceLength { get; set; }

        public byte[] PieceHashes { get; set; } = Array.Empty<byte>();

        public IReadOnlyList<MetainfoFile> Files { get; set; } = Array.Empty<MetainfoFile>();

        public bool IsSingleFile { get; set; }

        public long TotalSize { get; set; }

        public string? Announce { get; set; }

        public IReadOnlyList<IReadOnlyList<string>> AnnounceTiers { get; set; } = Array.Empty<IReadOnlyList<string>>();

        public IReadOnlyList<string> WebSeeds { get; set; } = Array.Empty<string>();

        public bool IsPrivate { get; set; }

        public string? Source { get; set; }

        public DateTimeOffset? CreationDate { get; set; }

        public string? Comment { get; set; }

        public string? CreatedBy { get; set; }

        public string? Encoding { get; set; }
    }
}
