using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// An <see cref="IFileSystem"/> held in memory, for tests and the memory preset. Files are sparse: their bytes
    /// live in <see cref="PageSize"/> pages allocated on first write, so a hole costs nothing and reads as zeros,
    /// and a positioned write is a page lookup and a copy. Thread-safe. Names are case-sensitive and compared
    /// ordinally. Like Windows, it refuses to delete a file that has an open handle
    /// (<see cref="StorageErrorKind.Locked"/>), so tests catch code that deletes before closing.
    /// Failures can be injected through <see cref="Faults"/>. Every call completes synchronously; errors are
    /// returned as faulted tasks.
    /// </summary>
    public sealed class InMemoryFileSystem : IFileSystem
    {
        /// <summary>Size of the pages file data is stored in; <see cref="AllocatedBytes"/> grows by this much per page touched.</summary>
        /// <remarks>
        /// Above the runtime's large-object threshold (85,000 bytes) on purpose: such arrays are never copied by the
        /// collections of young generations. With 64 KiB pages, a 1 GiB download made the GC copy every page twice
        /// and the memory-preset benchmark measured the collector instead of the engine.
        /// </remarks>
        public const int PageSize = 128 * 1024;

        private readonly object _tree = new object();
        private readonly InMemoryVolume _volume;
        private readonly InMemoryDirectoryNode _root;

        /// <summary>Creates an empty file system whose write times come from the system clock.</summary>
        public InMemoryFileSystem()
            : this(() => DateTimeOffset.UtcNow)
        {
        }

        /// <summary>Creates an empty file system whose write times come from <paramref name="clock"/>.</summary>
        /// <param name="clock">Returns the current time (called on every change).</param>
        public InMemoryFileSystem(Func<DateTimeOffset> clock)
        {
            _volume = new InMemoryVolume(clock ?? throw new ArgumentNullException(nameof(clock)));
            _root = new InMemoryDirectoryNode(_volume.Now());
        }

        /// <summary>Failures to inject into later calls.</summary>
        public InMemoryFaults Faults => _volume.Faults;

        /// <summary>Bytes of file pages currently held (a multiple of <see cref="PageSize"/>); holes take none.</summary>
        public long AllocatedBytes => _volume.AllocatedBytes;

        /// <summary>Handles opened and not yet disposed, so tests can check that nothing was left open.</summary>
        public int OpenHandleCount => _volume.OpenHandleCount;

        /// <summary>The most handles that were ever open at once, so tests can check a bound held at every moment.</summary>
        public int PeakOpenHandleCount => _volume.PeakOpenHandleCount;

        /// <inheritdoc/>
        public ValueTask<IFileHandle> OpenAsync(string path, FileOpenMode mode, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new ValueTask<IFileHandle>(Open(path, mode));
            }
            catch (Exception e)
            {
                return new ValueTask<IFileHandle>(Task.FromException<IFileHandle>(e));
            }
        }

        /// <inheritdoc/>
        public ValueTask<IFileStat> StatAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var elements = InMemoryPath.Split(path);
                lock (_tree)
                {
                    var node = Find(elements) ?? throw NotFound(path);
                    return new ValueTask<IFileStat>(node.GetStat());
                }
            }
            catch (Exception e)
            {
                return new ValueTask<IFileStat>(Task.FromException<IFileStat>(e));
            }
        }

        /// <inheritdoc/>
        public ValueTask<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var elements = InMemoryPath.Split(path);
                lock (_tree)
                {
                    return new ValueTask<bool>(Find(elements) is not null);
                }
            }
            catch (Exception e)
            {
                return new ValueTask<bool>(Task.FromException<bool>(e));
            }
        }

        /// <inheritdoc/>
        /// <remarks>A file anywhere on the path fails with <see cref="StorageErrorKind.AlreadyExists"/>; a missing parent
        /// without <paramref name="recursive"/> fails with <see cref="StorageErrorKind.NotFound"/>.</remarks>
        public ValueTask CreateDirectoryAsync(string path, bool recursive, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                CreateDirectory(path, recursive);
                return default;
            }
            catch (Exception e)
            {
                return new ValueTask(Task.FromException(e));
            }
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<string>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                var elements = InMemoryPath.Split(path);
                lock (_tree)
                {
                    var node = Find(elements) ?? throw NotFound(path);
                    var directory = node as InMemoryDirectoryNode ?? throw new StorageException(StorageErrorKind.WrongKind, path, "'" + path + "' is a file, not a directory.");
                    return new ValueTask<IReadOnlyList<string>>(directory.Names());
                }
            }
            catch (Exception e)
            {
                return new ValueTask<IReadOnlyList<string>>(Task.FromException<IReadOnlyList<string>>(e));
            }
        }

        /// <inheritdoc/>
        /// <remarks>A non-empty directory fails with <see cref="StorageErrorKind.WrongKind"/>, a file with an open handle
        /// with <see cref="StorageErrorKind.Locked"/>, the root with <see cref="StorageErrorKind.InvalidPath"/>.</remarks>
        public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                Delete(path);
                return default;
            }
            catch (Exception e)
            {
                return new ValueTask(Task.FromException(e));
            }
        }

        /// <summary>Test helper: the whole content of a file. Ignores <see cref="Faults"/>.</summary>
        /// <param name="path">Relative path of the file.</param>
        /// <returns>A copy of its bytes.</returns>
        /// <exception cref="StorageException">The file is missing (<see cref="StorageErrorKind.NotFound"/>) or a directory (<see cref="StorageErrorKind.WrongKind"/>).</exception>
        public byte[] ReadAllBytes(string path)
        {
            var elements = InMemoryPath.Split(path);
            InMemoryFileNode file;
            lock (_tree)
            {
                var node = Find(elements) ?? throw NotFound(path);
                file = node as InMemoryFileNode ?? throw IsDirectory(path);
            }

            return file.ReadAll();
        }

        /// <summary>Test helper: creates or replaces a file, creating missing parent directories. Ignores <see cref="Faults"/>.</summary>
        /// <param name="path">Relative path of the file.</param>
        /// <param name="content">Its new bytes.</param>
        public void WriteAllBytes(string path, byte[] content)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            var elements = InMemoryPath.Split(path);
            if (elements.Length > 1)
            {
                CreateDirectory(string.Join("/", elements, 0, elements.Length - 1), recursive: true);
            }

            lock (_tree)
            {
                var file = GetOrCreateFile(elements, path, create: true);
                file.SetLength(0);
                file.Write(0, content, enforceCapacity: false);
            }
        }

        private static StorageException NotFound(string path) =>
            new StorageException(StorageErrorKind.NotFound, path, "'" + path + "' does not exist.");

        private static StorageException IsDirectory(string path) =>
            new StorageException(StorageErrorKind.WrongKind, path, "'" + path + "' is a directory, not a file.");

        private InMemoryFileHandle Open(string path, FileOpenMode mode)
        {
            var elements = InMemoryPath.Split(path);
            if (Faults.TryGetOpenFailure(path, out var failure))
            {
                throw new StorageException(failure, path, "Injected " + failure + " failure opening '" + path + "'.");
            }

            lock (_tree)
            {
                bool create = mode == FileOpenMode.Write || mode == FileOpenMode.ReadWriteCreate;
                var file = GetOrCreateFile(elements, path, create);
                if (mode == FileOpenMode.Write)
                {
                    file.SetLength(0);
                }

                file.AddOpen();
                _volume.HandleOpened();
                return new InMemoryFileHandle(file, _volume, path, mode);
            }
        }

        // Called under the tree lock.
        private InMemoryFileNode GetOrCreateFile(string[] elements, string path, bool create)
        {
            if (elements.Length == 0)
            {
                throw IsDirectory(path);
            }

            var parent = FindDirectory(elements, elements.Length - 1) ?? throw NotFound(path);
            string name = elements[elements.Length - 1];
            if (parent.TryGet(name, out var node))
            {
                return node as InMemoryFileNode ?? throw IsDirectory(path);
            }

            if (!create)
            {
                throw NotFound(path);
            }

            var file = new InMemoryFileNode(_volume);
            parent.Add(name, file, _volume.Now());
            return file;
        }

        private void CreateDirectory(string path, bool recursive)
        {
            var elements = InMemoryPath.Split(path);
            lock (_tree)
            {
                var directory = _root;
                for (int i = 0; i < elements.Length; i++)
                {
                    if (directory.TryGet(elements[i], out var node))
                    {
                        directory = node as InMemoryDirectoryNode ?? throw new StorageException(
                            StorageErrorKind.AlreadyExists, path, "A file stands where directory '" + path + "' needs a directory.");
                    }
                    else if (!recursive && i < elements.Length - 1)
                    {
                        throw new StorageException(StorageErrorKind.NotFound, path, "The parent of '" + path + "' does not exist.");
                    }
                    else
                    {
                        var created = new InMemoryDirectoryNode(_volume.Now());
                        directory.Add(elements[i], created, _volume.Now());
                        directory = created;
                    }
                }
            }
        }

        private void Delete(string path)
        {
            var elements = InMemoryPath.Split(path);
            if (elements.Length == 0)
            {
                throw new StorageException(StorageErrorKind.InvalidPath, path, "The root cannot be deleted.");
            }

            lock (_tree)
            {
                string name = elements[elements.Length - 1];
                var parent = FindDirectory(elements, elements.Length - 1);
                if (parent is null || !parent.TryGet(name, out var node))
                {
                    return;
                }

                if (node is InMemoryDirectoryNode directory && directory.Count > 0)
                {
                    throw new StorageException(StorageErrorKind.WrongKind, path, "Directory '" + path + "' is not empty.");
                }

                var file = node as InMemoryFileNode;
                if (file is not null && file.OpenCount > 0)
                {
                    throw new StorageException(StorageErrorKind.Locked, path, "'" + path + "' is open and cannot be deleted.");
                }

                parent.Remove(name, _volume.Now());
                file?.Release();
            }
        }

        // Called under the tree lock: the entry at the path, or null when missing or below a file.
        private InMemoryNode? Find(string[] elements)
        {
            if (elements.Length == 0)
            {
                return _root;
            }

            var parent = FindDirectory(elements, elements.Length - 1);
            return parent is not null && parent.TryGet(elements[elements.Length - 1], out var node) ? node : null;
        }

        // Called under the tree lock: the directory named by the first count elements, or null.
        private InMemoryDirectoryNode? FindDirectory(string[] elements, int count)
        {
            var directory = _root;
            for (int i = 0; i < count; i++)
            {
                if (!directory.TryGet(elements[i], out var node) || node is not InMemoryDirectoryNode child)
                {
                    return null;
                }

                directory = child;
            }

            return directory;
        }
    }
}
