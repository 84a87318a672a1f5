using System;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>A plain, immutable <see cref="IFileStat"/> for adapters to return.</summary>
    public sealed class FileStat : IFileStat
    {
        /// <summary>Creates a stat result.</summary>
        /// <param name="size">Length in bytes.</param>
        /// <param name="isDirectory">True for a directory, false for a regular file.</param>
        /// <param name="lastWriteTime">Time of the last write, if known.</param>
        public FileStat(long size, bool isDirectory, DateTimeOffset? lastWriteTime)
        {
            Size = size;
            IsDirectory = isDirectory;
            LastWriteTime = lastWriteTime;
        }

        /// <inheritdoc/>
        public long Size { get; }

        /// <inheritdoc/>
        public bool IsFile => !IsDirectory;

        /// <inheritdoc/>
        public bool IsDirectory { get; }

        /// <inheritdoc/>
        public DateTimeOffset? LastWriteTime { get; }
    }
}
