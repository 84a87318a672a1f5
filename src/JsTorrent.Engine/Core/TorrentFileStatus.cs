namespace JsTorrent.Engine.Core
{
    /// <summary>A snapshot of one file of a torrent: where it goes, how big, how wanted, how far.</summary>
    public sealed class TorrentFileStatus
    {
        /// <summary>Creates the snapshot.</summary>
        /// <param name="index">Index in the metadata's file list.</param>
        /// <param name="path">Relative path, '/'-separated, starting with the torrent's folder for multi-file torrents.</param>
        /// <param name="length">Length in bytes.</param>
        /// <param name="priority">Download priority.</param>
        /// <param name="bytesCompleted">Bytes of the file in verified pieces.</param>
        public TorrentFileStatus(int index, string path, long length, FilePriority priority, long bytesCompleted)
        {
            Index = index;
            Path = path;
            Length = length;
            Priority = priority;
            BytesCompleted = bytesCompleted;
        }

        /// <summary>Index in the metadata's file list (the index <see cref="Torrent.SetFilePriorityAsync"/> takes).</summary>
        public int Index { get; }

        /// <summary>Relative path, '/'-separated.</summary>
        public string Path { get; }

        /// <summary>Length in bytes.</summary>
        public long Length { get; }

        /// <summary>Download priority.</summary>
        public FilePriority Priority { get; }

        /// <summary>Bytes of the file in verified pieces.</summary>
        public long BytesCompleted { get; }

        /// <summary>Verified share, 0 to 1 (1 for an empty file).</summary>
        public double Progress => Length == 0 ? 1 : (double)BytesCompleted / Length;
    }
}
