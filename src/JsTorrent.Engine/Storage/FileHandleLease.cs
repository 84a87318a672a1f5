using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Storage
{
    /// <summary>A handle borrowed from a <see cref="FileHandleCache"/>: it stays open until given back with <see cref="FileHandleCache.ReleaseAsync"/>.</summary>
    internal readonly struct FileHandleLease
    {
        public FileHandleLease(FileHandleCacheEntry entry, IFileHandle handle)
        {
            Entry = entry;
            Handle = handle;
        }

        public FileHandleCacheEntry Entry { get; }

        public IFileHandle Handle { get; }
    }
}
