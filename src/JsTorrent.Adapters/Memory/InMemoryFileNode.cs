using System;
using System.Threading;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// A sparse file: its bytes live in fixed-size pages allocated on first write, so holes cost
    /// nothing and read as zeros. Bytes of an allocated page past the file's length are always zero,
    /// which is what lets a file grow again without clearing. Thread-safe (one lock per file).
    /// </summary>
    internal sealed class InMemoryFileNode : InMemoryNode
    {
        public const int PageSize = InMemoryFileSystem.PageSize;

        /// <summary>Largest file; it bounds the page table (16 Mi references at most).</summary>
        public const long MaxLength = 1L << 40;

        private readonly object _gate = new object();
        private readonly InMemoryVolume _volume;
        private byte[]?[] _pages = Array.Empty<byte[]?>();
        private long _length;
        private DateTimeOffset _lastWriteTime;
        private int _openCount;

        public InMemoryFileNode(InMemoryVolume volume)
        {
            _volume = volume;
            _lastWriteTime = volume.Now();
        }

        /// <summary>Handles open on this file. Incremented under the tree lock, so a delete under that lock sees every open.</summary>
        public int OpenCount => Volatile.Read(ref _openCount);

        public long Length
        {
            get
            {
                lock (_gate)
                {
                    return _length;
                }
            }
        }

        public void AddOpen() => Interlocked.Increment(ref _openCount);

        public void RemoveOpen() => Interlocked.Decrement(ref _openCount);

        public override FileStat GetStat()
        {
            lock (_gate)
            {
                return new FileStat(_length, false, _lastWriteTime);
            }
        }

        /// <summary>Copies bytes from <paramref name="offset"/>; returns how many (fewer only at the end of the file).</summary>
        public int Read(long offset, Span<byte> destination)
        {
            lock (_gate)
            {
                if (offset >= _length)
                {
                    return 0;
                }

                int count = (int)Math.Min(destination.Length, _length - offset);
                int done = 0;
                while (done < count)
                {
                    long position = offset + done;
                    long pageIndex = position / PageSize;
                    int inPage = (int)(position % PageSize);
                    int chunk = Math.Min(count - done, PageSize - inPage);
                    byte[]? page = pageIndex < _pages.Length ? _pages[pageIndex] : null;
                    var target = destination.Slice(done, chunk);
                    if (page is null)
                    {
                        target.Clear();
                    }
                    else
                    {
                        page.AsSpan(inPage, chunk).CopyTo(target);
                    }

                    done += chunk;
                }

                return count;
            }
        }

        /// <summary>Writes every byte at <paramref name="offset"/>; false, writing nothing, when the pages it needs do not fit.</summary>
        public bool Write(long offset, ReadOnlySpan<byte> source, bool enforceCapacity)
        {
            if (offset < 0 || offset > MaxLength - source.Length)
            {
                return false;
            }

            if (source.Length == 0)
            {
                return true;
            }

            long end = offset + source.Length;
            int firstPage = (int)(offset / PageSize);
            int lastPage = (int)((end - 1) / PageSize);
            lock (_gate)
            {
                int missing = 0;
                for (int p = firstPage; p <= lastPage; p++)
                {
                    if (p >= _pages.Length || _pages[p] is null)
                    {
                        missing++;
                    }
                }

                if (missing > 0 && !_volume.TryAllocate((long)missing * PageSize, enforceCapacity))
                {
                    return false;
                }

                EnsurePageTable(lastPage + 1);
                int done = 0;
                while (done < source.Length)
                {
                    long position = offset + done;
                    int pageIndex = (int)(position / PageSize);
                    int inPage = (int)(position % PageSize);
                    int chunk = Math.Min(source.Length - done, PageSize - inPage);
                    byte[] page = _pages[pageIndex] ??= new byte[PageSize];
                    source.Slice(done, chunk).CopyTo(page.AsSpan(inPage, chunk));
                    done += chunk;
                }

                if (end > _length)
                {
                    _length = end;
                }

                _lastWriteTime = _volume.Now();
                return true;
            }
        }

        /// <summary>Cuts or extends the file; extending allocates nothing. False when past <see cref="MaxLength"/>.</summary>
        public bool SetLength(long length)
        {
            if (length > MaxLength)
            {
                return false;
            }

            lock (_gate)
            {
                if (length < _length)
                {
                    long keptPages = (length + PageSize - 1) / PageSize;
                    FreePagesFrom(keptPages);
                    int tail = (int)(length % PageSize);
                    if (tail != 0 && keptPages - 1 < _pages.Length)
                    {
                        // Keep the invariant: bytes past the end are zero, so a later extension reads zeros.
                        _pages[keptPages - 1]?.AsSpan(tail).Clear();
                    }
                }

                _length = length;
                _lastWriteTime = _volume.Now();
                return true;
            }
        }

        /// <summary>Frees every page (the file was deleted).</summary>
        public void Release()
        {
            lock (_gate)
            {
                FreePagesFrom(0);
                _length = 0;
            }
        }

        /// <summary>The whole content in a new array.</summary>
        public byte[] ReadAll()
        {
            lock (_gate)
            {
                if (_length > int.MaxValue)
                {
                    throw new InvalidOperationException("The file is too large for one array (" + _length + " bytes).");
                }

                var content = new byte[_length];
                Read(0, content);
                return content;
            }
        }

        private void FreePagesFrom(long firstPage)
        {
            long freed = 0;
            for (long p = firstPage; p < _pages.Length; p++)
            {
                if (_pages[p] is not null)
                {
                    _pages[p] = null;
                    freed += PageSize;
                }
            }

            _volume.Free(freed);
        }

        private void EnsurePageTable(int pageCount)
        {
            if (pageCount > _pages.Length)
            {
                // Doubling keeps growth amortised for a file written front to back.
                int grown = (int)Math.Min(Math.Max(pageCount, (long)_pages.Length * 2), MaxLength / PageSize);
                Array.Resize(ref _pages, grown);
            }
        }
    }
}
