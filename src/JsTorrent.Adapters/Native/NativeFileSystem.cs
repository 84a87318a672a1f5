using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// An <see cref="IFileSystem"/> over a directory of the local file system. It behaves like
    /// <see cref="Memory.InMemoryFileSystem"/>: same path rules, same error kinds for each situation. Every path is
    /// checked before use, so nothing outside the root is ever opened, created, listed or deleted: malformed paths
    /// (empty, <c>.</c> or <c>..</c> elements, backslashes, NUL, <c>:</c>) and paths through a symbolic link or
    /// junction leading outside the root (or whose target is missing) fail with
    /// <see cref="StorageErrorKind.InvalidPath"/>; on netstandard2.0, which cannot read link targets, every link is
    /// refused. The check and the use are separate calls, so a link created in between by another process with
    /// write access to the root is not caught.
    /// </summary>
    /// <remarks>
    /// Handles read and write at positions without a shared cursor; writers share the file for reading only, so
    /// other processes can read a file while it downloads (on Windows, a second writer or deleting an open file
    /// fails with <see cref="StorageErrorKind.Locked"/>; Unix allows both). Metadata calls and opens complete
    /// synchronously, like the file stream APIs they use; reads and writes are asynchronous; flushes run on the
    /// thread pool. Failures are <see cref="StorageException"/>s naming the relative path, with the platform's
    /// exception as the inner one. New files are not marked sparse on Windows; extending a file with
    /// <see cref="IFileHandle.SetLengthAsync"/> writes no zeros, so file systems that support holes keep one.
    /// </remarks>
    public sealed class NativeFileSystem : IFileSystem
    {
        private readonly NativeFilePath _paths;

        /// <summary>Creates a file system rooted at an existing directory.</summary>
        /// <param name="rootPath">The directory every relative path is resolved against.</param>
        /// <exception cref="ArgumentException"><paramref name="rootPath"/> is empty.</exception>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.NotFound"/> when no directory exists at <paramref name="rootPath"/>.</exception>
        public NativeFileSystem(string rootPath)
        {
            if (string.IsNullOrWhiteSpace(rootPath))
            {
                throw new ArgumentException("A root directory is required.", nameof(rootPath));
            }

            string full = Path.GetFullPath(rootPath);
            string trimmed = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

            // A file-system root ("/" or "C:\") trims to nothing or a bare drive: keep its separator.
            full = trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? full : trimmed;
            if (!Directory.Exists(full))
            {
                throw new StorageException(StorageErrorKind.NotFound, null, "The storage root '" + full + "' is not an existing directory.");
            }

            _paths = new NativeFilePath(full);
        }

        /// <summary>The full path of the root directory.</summary>
        public string RootPath => _paths.Root;

        /// <inheritdoc/>
        /// <remarks>A missing parent directory fails with <see cref="StorageErrorKind.NotFound"/>, a directory (or the root)
        /// with <see cref="StorageErrorKind.WrongKind"/>.</remarks>
        public ValueTask<IFileHandle> OpenAsync(string path, FileOpenMode mode, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new ValueTask<IFileHandle>(Open(path, mode));
            }
            catch (Exception e)
            {
                return new ValueTask<IFileHandle>(Task.FromException<IFileHandle>(NativeFileErrors.Wrap(e, path, "open")));
            }
        }

        /// <inheritdoc/>
        public ValueTask<IFileStat> StatAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                string full = _paths.Resolve(path);
                var file = new FileInfo(full);
                if (file.Exists)
                {
                    return new ValueTask<IFileStat>(new FileStat(file.Length, false, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                }

                var directory = new DirectoryInfo(full);
                if (directory.Exists)
                {
                    return new ValueTask<IFileStat>(new FileStat(0, true, new DateTimeOffset(directory.LastWriteTimeUtc, TimeSpan.Zero)));
                }

                throw NotFound(path);
            }
            catch (Exception e)
            {
                return new ValueTask<IFileStat>(Task.FromException<IFileStat>(NativeFileErrors.Wrap(e, path, "describe")));
            }
        }

        /// <inheritdoc/>
        public ValueTask<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                string full = _paths.Resolve(path);
                return new ValueTask<bool>(File.Exists(full) || Directory.Exists(full));
            }
            catch (Exception e)
            {
                return new ValueTask<bool>(Task.FromException<bool>(NativeFileErrors.Wrap(e, path, "look for")));
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
                return new ValueTask(Task.FromException(NativeFileErrors.Wrap(e, path, "create directory")));
            }
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<string>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                string full = _paths.Resolve(path);
                if (File.Exists(full))
                {
                    throw new StorageException(StorageErrorKind.WrongKind, path, "'" + path + "' is a file, not a directory.");
                }

                if (!Directory.Exists(full))
                {
                    throw NotFound(path);
                }

                var names = new List<string>();
                foreach (string entry in Directory.EnumerateFileSystemEntries(full))
                {
                    names.Add(Path.GetFileName(entry));
                }

                names.Sort(StringComparer.Ordinal);
                return new ValueTask<IReadOnlyList<string>>(names);
            }
            catch (Exception e)
            {
                return new ValueTask<IReadOnlyList<string>>(Task.FromException<IReadOnlyList<string>>(NativeFileErrors.Wrap(e, path, "list")));
            }
        }

        /// <inheritdoc/>
        /// <remarks>A non-empty directory fails with <see cref="StorageErrorKind.WrongKind"/>, the root with
        /// <see cref="StorageErrorKind.InvalidPath"/>; on Windows, a file another handle has open fails with
        /// <see cref="StorageErrorKind.Locked"/>.</remarks>
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
                return new ValueTask(Task.FromException(NativeFileErrors.Wrap(e, path, "delete")));
            }
        }

        private static StorageException NotFound(string path) =>
            new StorageException(StorageErrorKind.NotFound, path, "'" + path + "' does not exist.");

        private static StorageException IsDirectory(string path) =>
            new StorageException(StorageErrorKind.WrongKind, path, "'" + path + "' is a directory, not a file.");

        private NativeFileHandle Open(string path, FileOpenMode mode)
        {
            string full = _paths.Resolve(path);
            if (Directory.Exists(full))
            {
                throw IsDirectory(path);
            }

            FileMode fileMode;
            FileAccess access;
            FileShare share;
            switch (mode)
            {
                case FileOpenMode.Read:
                    (fileMode, access, share) = (FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    break;
                case FileOpenMode.Write:
                    (fileMode, access, share) = (FileMode.Create, FileAccess.Write, FileShare.Read);
                    break;
                case FileOpenMode.ReadWrite:
                    (fileMode, access, share) = (FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                    break;
                case FileOpenMode.ReadWriteCreate:
                    (fileMode, access, share) = (FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown open mode.");
            }

            // Reads and writes are positioned and large; a stream buffer would only add a copy.
#if NET8_0_OR_GREATER
            var stream = new FileStream(full, new FileStreamOptions
            {
                Mode = fileMode,
                Access = access,
                Share = share,
                Options = FileOptions.Asynchronous,
                BufferSize = 0,
            });
#else
            var stream = new FileStream(full, fileMode, access, share, bufferSize: 1, FileOptions.Asynchronous);
#endif
            return new NativeFileHandle(stream, path, mode);
        }

        private void CreateDirectory(string path, bool recursive)
        {
            string[] elements = NativeFilePath.Split(path);
            for (int i = 1; i <= elements.Length; i++)
            {
                string prefix = string.Join("/", elements, 0, i);
                string full = _paths.Resolve(prefix);
                if (Directory.Exists(full))
                {
                    continue;
                }

                if (File.Exists(full))
                {
                    throw new StorageException(StorageErrorKind.AlreadyExists, path, "A file stands where directory '" + path + "' needs a directory.");
                }

                if (!recursive && i < elements.Length)
                {
                    throw new StorageException(StorageErrorKind.NotFound, path, "The parent of '" + path + "' does not exist.");
                }

                Directory.CreateDirectory(full);
            }
        }

        private void Delete(string path)
        {
            string full = _paths.Resolve(path);
            if (full.Length == _paths.Root.Length)
            {
                throw new StorageException(StorageErrorKind.InvalidPath, path, "The root cannot be deleted.");
            }

            try
            {
                if (File.Exists(full))
                {
                    File.Delete(full);
                }
                else if (Directory.Exists(full))
                {
                    using (var entries = Directory.EnumerateFileSystemEntries(full).GetEnumerator())
                    {
                        if (entries.MoveNext())
                        {
                            throw new StorageException(StorageErrorKind.WrongKind, path, "Directory '" + path + "' is not empty.");
                        }
                    }

                    Directory.Delete(full, recursive: false);
                }
            }
            catch (DirectoryNotFoundException)
            {
                // Removed by someone else between the check and the delete: the entry is gone, which is what was asked.
            }
        }
    }
}
