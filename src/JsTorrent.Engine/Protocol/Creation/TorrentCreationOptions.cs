using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>Options of <see cref="TorrentCreator"/>. The same source and the same options give byte-identical output.</summary>
    public sealed class TorrentCreationOptions
    {
        /// <summary>Bytes per piece: a power of two from 16 KiB to 64 MiB, or 0 to choose from the total size.</summary>
        public int PieceLength { get; set; }

        /// <summary>Tracker tiers (BEP 12); the first URL becomes <c>announce</c>.</summary>
        public IList<IList<string>> Trackers { get; } = new List<IList<string>>();

        /// <summary>Web seed URLs (BEP 19).</summary>
        public IList<string> WebSeeds { get; } = new List<string>();

        /// <summary>Mark the torrent private (BEP 27).</summary>
        public bool IsPrivate { get; set; }

        /// <summary>The info dictionary's <c>source</c> tag (changes the info-hash; private trackers use it), or null.</summary>
        public string? Source { get; set; }

        /// <summary>A comment, or null.</summary>
        public string? Comment { get; set; }

        /// <summary>The <c>created by</c> text, or null to omit it.</summary>
        public string? CreatedBy { get; set; } = "JsTorrent";

        /// <summary>The creation date to record. Null records none, which keeps output identical across runs.</summary>
        public DateTimeOffset? CreationDate { get; set; }

        /// <summary>Insert BEP 47 padding files so every file starts on a piece boundary.</summary>
        public bool AlignFilesWithPadding { get; set; }

        /// <summary>Hashing threads; 0 uses every core.</summary>
        public int MaxDegreeOfParallelism { get; set; }
    }
}
