namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// How <see cref="IFileSystem.OpenAsync"/> opens a file. The design's modes are
    /// <c>'r'</c> (<see cref="Read"/>), <c>'w'</c> (<see cref="Write"/>) and <c>'r+'</c>
    /// (<see cref="ReadWrite"/>); <see cref="ReadWriteCreate"/> is added because torrent
    /// storage must open a partly downloaded file without truncating it and create it when
    /// it is missing, in one call (one round trip on a remote file system).
    /// </summary>
    public enum FileOpenMode
    {
        /// <summary>Read only; the file must exist.</summary>
        Read,

        /// <summary>Write; the file is created, or truncated to zero length if it exists.</summary>
        Write,

        /// <summary>Read and write; the file must exist and keeps its contents.</summary>
        ReadWrite,

        /// <summary>Read and write; the file is created when missing and keeps its contents when present.</summary>
        ReadWriteCreate,
    }
}
