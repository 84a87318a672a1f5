namespace JsTorrent.Engine.Storage
{
    /// <summary>The part of one file that a range of the torrent's byte space covers.</summary>
    internal readonly struct FileSegment
    {
        public FileSegment(int fileIndex, long fileOffset, long length)
        {
            FileIndex = fileIndex;
            FileOffset = fileOffset;
            Length = length;
        }

        /// <summary>Index in <see cref="Protocol.Metainfo.Files"/> (padding files included).</summary>
        public int FileIndex { get; }

        /// <summary>Where the segment starts inside the file.</summary>
        public long FileOffset { get; }

        /// <summary>Bytes in the segment (never zero).</summary>
        public long Length { get; }

        public override string ToString() => "file " + FileIndex + " [" + FileOffset + ", +" + Length + ")";
    }
}
