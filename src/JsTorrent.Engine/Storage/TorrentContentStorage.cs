using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// A torrent's byte space laid onto its files over an <see cref="IFileSystem"/>. Files are created and opened
    /// lazily through a bounded cache of handles; padding files are never touched (they read as zeros and writes
    /// to them are dropped). Reads, writes and piece checks on different ranges may run concurrently (the engine
    /// calls them from worker tasks, never from its loop).
    /// </summary>
    internal sealed class TorrentContentStorage : IAsyncDisposable
    {
        private readonly Metainfo _metainfo;
        private readonly IFileSystem _fileSystem;
        private readonly TorrentFileMap _map;
        private readonly string[] _paths;
        private readonly FileHandleCache _handles;
        private volatile bool _disposed;

        /// <param name="metainfo">The torrent.</param>
        /// <param name="fileSystem">The storage root the torrent's paths are relative to.</param>
        /// <param name="maxOpenFiles">Most files open at once.</param>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.InvalidPath"/> when a path element is unsafe or two files share a path.</exception>
        public TorrentContentStorage(Metainfo metainfo, IFileSystem fileSystem, int maxOpenFiles = 8)
        {
            _metainfo = metainfo ?? throw new ArgumentNullException(nameof(metainfo));
            _fileSystem = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));
            _map = new TorrentFileMap(metainfo.Files);
            _paths = BuildPaths(metainfo.Files);
            _handles = new FileHandleCache(fileSystem, _paths, maxOpenFiles);
        }

        /// <summary>The torrent.</summary>
        public Metainfo Metainfo => _metainfo;

        /// <summary>The byte-range to file mapping.</summary>
        public TorrentFileMap FileMap => _map;

        /// <summary>Files open now (at most the cache's bound).</summary>
        public int OpenFileCount => _handles.OpenCount;

        /// <summary>Relative path of a file (empty for a padding file, which has none on disk).</summary>
        public string GetPath(int fileIndex) => _paths[fileIndex];

        /// <summary>The file holding byte <paramref name="torrentOffset"/> (see <see cref="TorrentFileMap.FindFile"/>).</summary>
        public int FindFile(long torrentOffset) => _map.FindFile(torrentOffset);

        /// <summary>The file segments covering a range, without allocating (see <see cref="TorrentFileMap.GetFileSegments"/>).</summary>
        public int GetFileSegments(long torrentOffset, long length, Span<FileSegment> destination) => _map.GetFileSegments(torrentOffset, length, destination);

        /// <summary>Creates the directories of every file and the torrent's empty files; nothing else is allocated.</summary>
        public async ValueTask PrepareAsync(CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            var created = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < _paths.Length; i++)
            {
                var file = _metainfo.Files[i];
                if (file.IsPadding)
                {
                    continue;
                }

                string? parent = ParentOf(_paths[i]);
                if (parent is not null && created.Add(parent))
                {
                    await _fileSystem.CreateDirectoryAsync(parent, recursive: true, cancellationToken).ConfigureAwait(false);
                }

                if (file.Length == 0)
                {
                    // No write will ever reach an empty file, so it is made here.
                    var lease = await _handles.AcquireAsync(i, writable: true, cancellationToken).ConfigureAwait(false);
                    await _handles.ReleaseAsync(lease).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Writes bytes at a torrent offset, across file boundaries, creating files and directories as needed.</summary>
        /// <exception cref="StorageException">The file system failed (e.g. <see cref="StorageErrorKind.DiskFull"/>).</exception>
        public async ValueTask WriteAsync(long torrentOffset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            CheckRange(torrentOffset, data.Length);
            int done = 0;
            for (int i = data.Length == 0 ? 0 : _map.FindFile(torrentOffset); done < data.Length; i++)
            {
                var file = _metainfo.Files[i];
                long inFile = torrentOffset + done - file.Offset;
                int chunk = (int)Math.Min(data.Length - done, file.Length - inFile);
                if (chunk == 0)
                {
                    continue;
                }

                if (!file.IsPadding)
                {
                    var lease = await _handles.AcquireAsync(i, writable: true, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        await lease.Handle.WriteAsync(inFile, data.Slice(done, chunk), cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        await _handles.ReleaseAsync(lease).ConfigureAwait(false);
                    }
                }

                done += chunk;
            }
        }

        /// <summary>Fills the whole buffer from a torrent offset; false when a file is missing or too short. Padding reads as zeros.</summary>
        /// <exception cref="StorageException">The file system failed otherwise.</exception>
        public async ValueTask<bool> TryReadAsync(long torrentOffset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            CheckRange(torrentOffset, buffer.Length);
            int done = 0;
            for (int i = buffer.Length == 0 ? 0 : _map.FindFile(torrentOffset); done < buffer.Length; i++)
            {
                var file = _metainfo.Files[i];
                long inFile = torrentOffset + done - file.Offset;
                int chunk = (int)Math.Min(buffer.Length - done, file.Length - inFile);
                if (chunk == 0)
                {
                    continue;
                }

                var target = buffer.Slice(done, chunk);
                if (file.IsPadding)
                {
                    target.Span.Clear();
                }
                else if (!await TryReadFileAsync(i, inFile, target, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                done += chunk;
            }

            return true;
        }

        /// <summary>Reads a piece and checks it against the torrent's SHA-1; false on a mismatch or missing data.</summary>
        public async ValueTask<bool> VerifyPieceAsync(int pieceIndex, CancellationToken cancellationToken)
        {
            int size = _metainfo.GetPieceSize(pieceIndex);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                long offset = (long)pieceIndex * _metainfo.PieceLength;
                return await TryReadAsync(offset, buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false)
                    && HashMatches(pieceIndex, buffer, size);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Flushes every open file.</summary>
        public ValueTask FlushAsync(CancellationToken cancellationToken) => _handles.FlushAsync(cancellationToken);

        /// <summary>Closes every open file, waiting for in-flight operations; later calls open files again.</summary>
        public ValueTask CloseFilesAsync() => _handles.CloseAllAsync();

        /// <summary>Closes every file; later calls fail with <see cref="ObjectDisposedException"/>.</summary>
        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return _handles.DisposeAsync();
        }

        /// <summary>
        /// Closes and deletes this torrent's files, then the directories on their paths that are left empty, deepest
        /// first. Nothing outside the torrent's own paths is touched, and a directory still holding anything stays.
        /// </summary>
        /// <param name="keepPaths">Paths another torrent of the same root also uses (e.g. the same content with another piece size): kept.</param>
        /// <param name="cancellationToken">Cancels the deletion between files.</param>
        public async ValueTask DeleteFilesAsync(ISet<string>? keepPaths, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            await _handles.CloseAllAsync().ConfigureAwait(false);
            var directories = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < _paths.Length; i++)
            {
                if (_metainfo.Files[i].IsPadding || (keepPaths != null && keepPaths.Contains(_paths[i])))
                {
                    continue;
                }

                await _fileSystem.DeleteAsync(_paths[i], cancellationToken).ConfigureAwait(false);
                string? parent = ParentOf(_paths[i]);
                while (parent is not null && directories.Add(parent))
                {
                    parent = ParentOf(parent);
                }
            }

            // Deepest first, so a directory is empty of this torrent's subdirectories when its turn comes.
            var deepestFirst = new List<string>(directories);
            deepestFirst.Sort((a, b) => Depth(a) != Depth(b) ? Depth(b) - Depth(a) : string.CompareOrdinal(a, b));
            foreach (string directory in deepestFirst)
            {
                if (await _fileSystem.ExistsAsync(directory, cancellationToken).ConfigureAwait(false)
                    && (await _fileSystem.ReadDirectoryAsync(directory, cancellationToken).ConfigureAwait(false)).Count == 0)
                {
                    await _fileSystem.DeleteAsync(directory, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static string[] BuildPaths(IReadOnlyList<MetainfoFile> files)
        {
            var paths = new string[files.Count];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < files.Count; i++)
            {
                // Padding files never reach the disk, so their names do not matter.
                if (files[i].IsPadding)
                {
                    paths[i] = string.Empty;
                    continue;
                }

                var elements = files[i].PathElements;
                string path = string.Join("/", elements);
                if (elements.Count == 0)
                {
                    throw new StorageException(StorageErrorKind.InvalidPath, path, "File " + i + " of the torrent has no path.");
                }

                // The parser already mapped every element; this second check keeps a crafted or buggy Metainfo off the disk.
                foreach (string element in elements)
                {
                    if (!PathSanitizer.IsSafeElement(element))
                    {
                        throw new StorageException(StorageErrorKind.InvalidPath, path, "File " + i + " of the torrent has an unsafe path element '" + element + "'.");
                    }
                }

                if (!seen.Add(path))
                {
                    throw new StorageException(StorageErrorKind.InvalidPath, path, "Two files of the torrent map to '" + path + "'.");
                }

                paths[i] = path;
            }

            return paths;
        }

        private static string? ParentOf(string path)
        {
            int slash = path.LastIndexOf('/');
            return slash > 0 ? path.Substring(0, slash) : null;
        }

        private static int Depth(string path)
        {
            int depth = 0;
            foreach (char c in path)
            {
                depth += c == '/' ? 1 : 0;
            }

            return depth;
        }

        private async ValueTask<bool> TryReadFileAsync(int fileIndex, long fileOffset, Memory<byte> target, CancellationToken cancellationToken)
        {
            FileHandleLease lease;
            try
            {
                lease = await _handles.AcquireAsync(fileIndex, writable: false, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Kind == StorageErrorKind.NotFound)
            {
                // A file not yet written is a normal state of a torrent: the caller learns it from the result.
                return false;
            }

            try
            {
                int done = 0;
                while (done < target.Length)
                {
                    int read = await lease.Handle.ReadAsync(fileOffset + done, target.Slice(done), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return false;
                    }

                    done += read;
                }

                return true;
            }
            finally
            {
                await _handles.ReleaseAsync(lease).ConfigureAwait(false);
            }
        }

        private bool HashMatches(int pieceIndex, byte[] buffer, int size)
        {
            Span<byte> digest = stackalloc byte[Sha1.DigestLength];
            using (var hasher = new PieceHasher())
            {
                hasher.Hash(buffer, 0, size, digest);
            }

            return digest.SequenceEqual(_metainfo.GetPieceHash(pieceIndex));
        }

        private void CheckRange(long torrentOffset, int length)
        {
            if (torrentOffset < 0 || torrentOffset > _map.TotalSize - length)
            {
                throw new ArgumentOutOfRangeException(nameof(torrentOffset), torrentOffset, "Range of " + length + " bytes is outside the torrent (0 to " + _map.TotalSize + ").");
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(TorrentContentStorage));
            }
        }
    }
}
