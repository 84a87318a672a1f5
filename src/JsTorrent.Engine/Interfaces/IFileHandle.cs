using System;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// An open file (the design's <c>IFileHandle</c>). Reads and writes are positioned: the handle
    /// keeps no cursor, so several may be in flight on one handle. Disposing is the design's
    /// <c>close()</c>; <see cref="IDisposable.Dispose"/> exists for <c>using</c> blocks and must
    /// not block on remote I/O.
    /// </summary>
    public interface IFileHandle : IAsyncDisposable, IDisposable
    {
        /// <summary>Reads from a position (the design's <c>read(buffer, offset)</c>).</summary>
        /// <param name="fileOffset">Position in the file.</param>
        /// <param name="buffer">Where the bytes go.</param>
        /// <param name="cancellationToken">Cancels the read.</param>
        /// <returns>Bytes read; fewer than asked only at the end of the file.</returns>
        ValueTask<int> ReadAsync(long fileOffset, Memory<byte> buffer, CancellationToken cancellationToken = default);

        /// <summary>Writes all of a buffer at a position, growing the file if needed (the design's <c>write</c>).</summary>
        /// <param name="fileOffset">Position in the file.</param>
        /// <param name="buffer">The bytes to write.</param>
        /// <param name="cancellationToken">Cancels the write.</param>
        /// <returns>A task that completes when every byte is written.</returns>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.DiskFull"/> when there is no room.</exception>
        ValueTask WriteAsync(long fileOffset, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default);

        /// <summary>Current length of the file.</summary>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The length in bytes.</returns>
        ValueTask<long> GetLengthAsync(CancellationToken cancellationToken = default);

        /// <summary>Sets the length, cutting or extending (with zeros, sparsely where possible) (the design's <c>truncate</c>).</summary>
        /// <param name="length">The new length.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the length is set.</returns>
        ValueTask SetLengthAsync(long length, CancellationToken cancellationToken = default);

        /// <summary>Makes written data durable (the design's <c>sync</c>).</summary>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the data is on stable storage.</returns>
        ValueTask FlushAsync(CancellationToken cancellationToken = default);
    }
}
