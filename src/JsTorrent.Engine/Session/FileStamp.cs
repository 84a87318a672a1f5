using System;

namespace JsTorrent.Engine.Session
{
    /// <summary>A file's size and modification time when its data was last known durable; a missing file has size -1.</summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        public static readonly FileStamp Missing = new FileStamp(-1, 0);

        public FileStamp(long size, long modifiedTicks)
        {
            Size = size;
            ModifiedTicks = modifiedTicks;
        }

        public long Size { get; }

        /// <summary>UTC ticks of the last write; 0 when the file system does not say.</summary>
        public long ModifiedTicks { get; }

        public bool IsMissing => Size < 0;

        public bool Equals(FileStamp other) => Size == other.Size && ModifiedTicks == other.ModifiedTicks;

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => Size.GetHashCode() ^ ModifiedTicks.GetHashCode();
    }
}
