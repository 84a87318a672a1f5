using System;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>What <see cref="IFileSystem.StatAsync"/> reports about one entry.</summary>
    public interface IFileStat
    {
        /// <summary>Length of the file in bytes (0 for a directory).</summary>
        long Size { get; }

        /// <summary>True for a regular file.</summary>
        bool IsFile { get; }

        /// <summary>True for a directory.</summary>
        bool IsDirectory { get; }

        /// <summary>Time of the last write, when the file system keeps one; used to notice files changed behind the engine's back.</summary>
        DateTimeOffset? LastWriteTime { get; }
    }
}
