using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// A file system scoped to one storage root (the design's <c>IFileSystem</c>). Every path is
    /// relative to that root, uses <c>/</c> as separator, and has no empty, <c>.</c> or <c>..</c>
    /// element; the root itself is the empty string. An implementation must refuse any path that
    /// would leave its root, whatever the caller checked before. Every member is asynchronous so
    /// that an implementation may live in another process (the io-daemon adapter).
    /// Failures are reported as <see cref="StorageException"/>.
    /// </summary>
    public interface IFileSystem
    {
        /// <summary>Opens a file (the design's <c>open(path, mode)</c>).</summary>
        /// <param name="path">Relative path of the file.</param>
        /// <param name="mode">How to open it.</param>
        /// <param name="cancellationToken">Cancels the open.</param>
        /// <returns>A handle the caller must dispose.</returns>
        ValueTask<IFileHandle> OpenAsync(string path, FileOpenMode mode, CancellationToken cancellationToken = default);

        /// <summary>Describes a file or directory (the design's <c>stat</c>).</summary>
        /// <param name="path">Relative path.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The entry's size, kind and write time.</returns>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.NotFound"/> when nothing is there.</exception>
        ValueTask<IFileStat> StatAsync(string path, CancellationToken cancellationToken = default);

        /// <summary>Tells whether a file or directory exists (the design's <c>exists</c>).</summary>
        /// <param name="path">Relative path.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>True when an entry exists at the path.</returns>
        ValueTask<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

        /// <summary>Creates a directory (the design's <c>mkdir</c>). Creating one that exists is not an error.</summary>
        /// <param name="path">Relative path.</param>
        /// <param name="recursive">Also create missing parents.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the directory exists.</returns>
        ValueTask CreateDirectoryAsync(string path, bool recursive, CancellationToken cancellationToken = default);

        /// <summary>Lists the names (not paths) of a directory's entries (the design's <c>readdir</c>), in ordinal order.</summary>
        /// <param name="path">Relative path of the directory; empty for the root.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The entry names.</returns>
        ValueTask<IReadOnlyList<string>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default);

        /// <summary>Deletes a file or an empty directory (the design's <c>unlink</c>). Deleting nothing is not an error.</summary>
        /// <param name="path">Relative path.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the entry is gone.</returns>
        ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default);
    }
}
