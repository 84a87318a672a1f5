namespace JsTorrent
{
    /// <summary>One file listed in a .torrent, as <c>Get-TorrentInfo</c> shows it.</summary>
    public sealed class TorrentInfoFile
    {
        /// <summary>Creates the object.</summary>
        /// <param name="index">Index in the torrent's file list.</param>
        /// <param name="path">Safe path relative to the download folder, with <c>/</c> separators.</param>
        /// <param name="originalPath">The path as the torrent spells it.</param>
        /// <param name="length">Size in bytes.</param>
        /// <param name="offset">Offset in the torrent's byte space.</param>
        /// <param name="isPadding">True for a BEP 47 padding file.</param>
        public TorrentInfoFile(int index, string path, string originalPath, long length, long offset, bool isPadding)
        {
            Index = index;
            Path = path;
            OriginalPath = originalPath;
            Length = length;
            Offset = offset;
            IsPadding = isPadding;
        }

        /// <summary>Index in the torrent's file list.</summary>
        public int Index { get; }

        /// <summary>Where the file will be written, relative to the download folder (<c>/</c> separators, made safe).</summary>
        public string Path { get; }

        /// <summary>The path as the torrent spells it; for display only.</summary>
        public string OriginalPath { get; }

        /// <summary>Size in bytes.</summary>
        public long Length { get; }

        /// <summary>Offset of the file's first byte in the torrent.</summary>
        public long Offset { get; }

        /// <summary>True for a padding file, which is never written to disk.</summary>
        public bool IsPadding { get; }

        /// <inheritdoc/>
        public override string ToString() => Path;
    }
}
