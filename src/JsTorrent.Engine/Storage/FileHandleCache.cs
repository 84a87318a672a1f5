using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// A bounded, least-recently-used cache of open files for one torrent. Callers lease a handle for one
    /// operation; eviction never closes a leased handle, and no more than the capacity are ever open at once:
    /// when every slot is leased, a caller waits for one to come back. A caller holds one lease at a time,
    /// so waiting cannot deadlock. Reads open files read-only (a missing file is not created); a write
    /// replaces a read-only handle with a read-write one, creating the file and its directories.
    /// </summary>
    internal sealed class FileHandleCache
    {
        private readonly object _gate = new object();
        private readonly IFileSystem _fileSystem;
        private readonly IReadOnlyList<string> _paths;
        private readonly int _capacity;
        private readonly Dictionary<int, FileHandleCacheEntry> _entries = new Dictionary<int, FileHandleCacheEntry>();
        private readonly LinkedList<FileHandleCacheEntry> _recency = new LinkedList<FileHandleCacheEntry>();
        private readonly HashSet<FileHandleCacheEntry> _retiredOpen = new HashSet<FileHandleCacheEntry>();
        private int _slotsInUse;
        private bool _disposed;
        private TaskCompletionSource<bool>? _slotWaiters;

        /// <param name="fileSystem">Where the files are.</param>
        /// <param name="paths">Relative path of each file, by file index.</param>
        /// <param name="capacity">Most handles open at once.</param>
        public FileHandleCache(IFileSystem fileSystem, IReadOnlyList<string> paths, int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "At least one file must be allowed open.");
            }

            _fileSystem = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));
            _paths = paths ?? throw new ArgumentNullException(nameof(paths));
            _capacity = capacity;
        }

        /// <summary>Handles open or being opened or closed now (never above the capacity).</summary>
        public int OpenCount
        {
            get
            {
                lock (_gate)
                {
                    return _slotsInUse;
                }
            }
        }

        /// <summary>Leases an open handle on a file, opening it if needed. Give it back with <see cref="ReleaseAsync"/>.</summary>
        /// <exception cref="StorageException">The file could not be opened (<see cref="StorageErrorKind.NotFound"/> for a read of a missing file).</exception>
        public async ValueTask<FileHandleLease> AcquireAsync(int fileIndex, bool writable, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                FileHandleCacheEntry? entry;
                FileHandleCacheEntry? victim = null;
                Task? slotFreed = null;
                bool opener = false;
                lock (_gate)
                {
                    if (_disposed)
                    {
                        throw new ObjectDisposedException(nameof(FileHandleCache));
                    }

                    if (_entries.TryGetValue(fileIndex, out entry) && !entry.Writable && writable)
                    {
                        // A read-only handle cannot serve a write; its slot passes to the new handle when it is idle.
                        Retire(entry);
                        victim = TakeForClosing(entry);
                        entry = null;
                    }

                    if (entry is not null)
                    {
                        entry.Leases++;
                        _recency.Remove(entry.LruNode);
                        _recency.AddFirst(entry.LruNode);
                    }
                    else if (victim is null && !TryTakeSlot(out victim))
                    {
                        slotFreed = (_slotWaiters ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                    }
                    else
                    {
                        entry = new FileHandleCacheEntry(fileIndex, writable) { Leases = 1 };
                        _entries[fileIndex] = entry;
                        _recency.AddFirst(entry.LruNode);
                        opener = true;
                    }
                }

                if (slotFreed is not null)
                {
                    await WaitAsync(slotFreed, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (opener)
                {
                    await OpenAsync(entry!, victim, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    var handle = await entry!.Opened.Task.ConfigureAwait(false);
                    return new FileHandleLease(entry, handle);
                }
                catch (OperationCanceledException) when (!opener && !cancellationToken.IsCancellationRequested)
                {
                    // Another caller's open was cancelled, not ours: its entry is retired, so try again.
                    await ReleaseEntryAsync(entry!).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    await ReleaseEntryAsync(entry!).ConfigureAwait(false);
                    throw;
                }
            }
        }

        /// <summary>Gives back a leased handle.</summary>
        public ValueTask ReleaseAsync(FileHandleLease lease) => ReleaseEntryAsync(lease.Entry);

        /// <summary>Flushes every open read-write handle.</summary>
        public async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            var leased = new List<FileHandleCacheEntry>();
            lock (_gate)
            {
                foreach (var entry in _entries.Values)
                {
                    if (entry.Writable && entry.Handle is not null)
                    {
                        entry.Leases++;
                        leased.Add(entry);
                    }
                }
            }

            ExceptionDispatchInfo? failure = null;
            foreach (var entry in leased)
            {
                try
                {
                    await entry.Handle!.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Flush and release the others too, so no lease is left behind; the first failure is reported below.
                    failure ??= ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    await ReleaseEntryAsync(entry).ConfigureAwait(false);
                }
            }

            failure?.Throw();
        }

        /// <summary>Closes every handle, waiting for leased ones to come back. Later leases open files again.</summary>
        public ValueTask CloseAllAsync() => CloseAllAsync(dispose: false);

        /// <summary>Closes every handle and refuses further leases.</summary>
        public ValueTask DisposeAsync() => CloseAllAsync(dispose: true);

        private static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                await task.ConfigureAwait(false);
                return;
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        private async ValueTask CloseAllAsync(bool dispose)
        {
            var toClose = new List<FileHandleCacheEntry>();
            var toAwait = new List<Task>();
            lock (_gate)
            {
                _disposed |= dispose;
                foreach (var entry in new List<FileHandleCacheEntry>(_entries.Values))
                {
                    Retire(entry);
                }

                foreach (var entry in _retiredOpen)
                {
                    if (TakeForClosing(entry) is { } idle)
                    {
                        toClose.Add(idle);
                    }
                    else
                    {
                        toAwait.Add(entry.Closed.Task);
                    }
                }
            }

            ExceptionDispatchInfo? failure = null;
            foreach (var entry in toClose)
            {
                try
                {
                    await CloseAsync(entry, freeSlot: true).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Keep closing the others; the first failure is reported below.
                    failure ??= ExceptionDispatchInfo.Capture(e);
                }
            }

            await Task.WhenAll(toAwait).ConfigureAwait(false);
            failure?.Throw();
        }

        private async ValueTask OpenAsync(FileHandleCacheEntry entry, FileHandleCacheEntry? victim, CancellationToken cancellationToken)
        {
            try
            {
                if (victim is not null)
                {
                    // The victim's slot is ours: close it before opening, so the bound holds at every moment.
                    await CloseAsync(victim, freeSlot: false).ConfigureAwait(false);
                }

                var handle = await OpenFileAsync(entry.FileIndex, entry.Writable, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    entry.Handle = handle;
                }

                entry.Opened.TrySetResult(handle);
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    Retire(entry);
                }

                entry.Opened.TrySetException(e);
            }
        }

        private async ValueTask<IFileHandle> OpenFileAsync(int fileIndex, bool writable, CancellationToken cancellationToken)
        {
            string path = _paths[fileIndex];
            if (!writable)
            {
                return await _fileSystem.OpenAsync(path, FileOpenMode.Read, cancellationToken).ConfigureAwait(false);
            }

            int slash = path.LastIndexOf('/');
            try
            {
                return await _fileSystem.OpenAsync(path, FileOpenMode.ReadWriteCreate, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound && slash > 0)
            {
                // The directories are missing (never prepared, or removed since): create them and open again below.
            }

            await _fileSystem.CreateDirectoryAsync(path.Substring(0, slash), recursive: true, cancellationToken).ConfigureAwait(false);
            return await _fileSystem.OpenAsync(path, FileOpenMode.ReadWriteCreate, cancellationToken).ConfigureAwait(false);
        }

        private ValueTask ReleaseEntryAsync(FileHandleCacheEntry entry)
        {
            FileHandleCacheEntry? toClose;
            lock (_gate)
            {
                entry.Leases--;
                toClose = TakeForClosing(entry);
                if (toClose is null && entry.Leases == 0)
                {
                    SignalSlotWaiters();
                }
            }

            return toClose is null ? default : CloseAsync(toClose, freeSlot: true);
        }

        private async ValueTask CloseAsync(FileHandleCacheEntry entry, bool freeSlot)
        {
            try
            {
                if (entry.Handle is { } handle)
                {
                    try
                    {
                        if (entry.Writable)
                        {
                            // A session sync flushes only open handles: a written file leaves the cache flushed,
                            // so no verified piece can be counted durable while its bytes sit in the page cache.
                            await handle.FlushAsync(default).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        await handle.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                lock (_gate)
                {
                    _retiredOpen.Remove(entry);
                    if (freeSlot)
                    {
                        _slotsInUse--;
                        SignalSlotWaiters();
                    }
                }

                entry.Closed.TrySetResult(true);
            }
        }

        // Under the lock. Takes a free slot, or the slot of the least recently used idle handle (returned in victim).
        private bool TryTakeSlot(out FileHandleCacheEntry? victim)
        {
            victim = null;
            if (_slotsInUse < _capacity)
            {
                _slotsInUse++;
                return true;
            }

            for (var node = _recency.Last; node is not null; node = node.Previous)
            {
                if (node.Value.Leases == 0)
                {
                    victim = node.Value;
                    Retire(victim);
                    victim = TakeForClosing(victim);
                    return true;
                }
            }

            return false;
        }

        // Under the lock. Takes the entry out of the cache; it is closed once idle.
        private void Retire(FileHandleCacheEntry entry)
        {
            if (entry.Retired)
            {
                return;
            }

            entry.Retired = true;
            if (_entries.TryGetValue(entry.FileIndex, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(entry.FileIndex);
            }

            _recency.Remove(entry.LruNode);
            _retiredOpen.Add(entry);
        }

        // Under the lock. The entry, marked as being closed by the caller, when it is retired, idle and not yet in anyone's charge.
        private static FileHandleCacheEntry? TakeForClosing(FileHandleCacheEntry entry)
        {
            if (!entry.Retired || entry.Leases != 0 || entry.Closing)
            {
                return null;
            }

            entry.Closing = true;
            return entry;
        }

        // Under the lock. Wakes every caller waiting for a slot; each tries again.
        private void SignalSlotWaiters()
        {
            var waiters = _slotWaiters;
            _slotWaiters = null;
            waiters?.TrySetResult(true);
        }
    }
}
