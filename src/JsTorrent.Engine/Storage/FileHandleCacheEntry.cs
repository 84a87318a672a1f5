using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Storage
{
    /// <summary>One file's handle in a <see cref="FileHandleCache"/>. Mutable fields are guarded by the cache's lock.</summary>
    internal sealed class FileHandleCacheEntry
    {
        public FileHandleCacheEntry(int fileIndex, bool writable)
        {
            FileIndex = fileIndex;
            Writable = writable;
            LruNode = new LinkedListNode<FileHandleCacheEntry>(this);
        }

        public int FileIndex { get; }

        /// <summary>Opened for reading and writing (else read only).</summary>
        public bool Writable { get; }

        /// <summary>The entry's place in the recency list, allocated once so moving it allocates nothing.</summary>
        public LinkedListNode<FileHandleCacheEntry> LruNode { get; }

        /// <summary>Completes when the open succeeds or fails; every caller that leased the entry while it opened awaits it.</summary>
        public TaskCompletionSource<IFileHandle> Opened { get; } = new TaskCompletionSource<IFileHandle>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the handle is closed and its slot given back or passed on.</summary>
        public TaskCompletionSource<bool> Closed { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The open handle, once open.</summary>
        public IFileHandle? Handle { get; set; }

        /// <summary>Operations using the handle now; an entry is closed only at zero.</summary>
        public int Leases { get; set; }

        /// <summary>Out of the cache: closed as soon as it has no lease.</summary>
        public bool Retired { get; set; }

        /// <summary>Someone has taken charge of closing it.</summary>
        public bool Closing { get; set; }
    }
}
