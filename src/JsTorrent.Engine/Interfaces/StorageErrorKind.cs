namespace JsTorrent.Engine.Interfaces
{
    /// <summary>Why a file-system call failed, independent of the platform that reported it.</summary>
    public enum StorageErrorKind
    {
        /// <summary>Any other input/output failure.</summary>
        IOError,

        /// <summary>The file or directory does not exist.</summary>
        NotFound,

        /// <summary>The entry exists and must not (or a file stands where a directory is needed).</summary>
        AlreadyExists,

        /// <summary>The caller may not read or write the entry.</summary>
        AccessDenied,

        /// <summary>No space is left on the device (or a quota is reached).</summary>
        DiskFull,

        /// <summary>Another process holds the file locked.</summary>
        Locked,

        /// <summary>The path is malformed or would leave the storage root.</summary>
        InvalidPath,

        /// <summary>The entry is a directory where a file is needed, or the reverse, or a directory is not empty.</summary>
        WrongKind,
    }
}
