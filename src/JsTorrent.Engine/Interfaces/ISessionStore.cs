using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// Key-value persistence for resume data (the design's <c>ISessionStore</c>). Keys follow the
    /// design's convention, <c>torrent:{infohash}:bitfield|metadata|progress|peers</c>, with the
    /// info-hash in lower-case hex. Values are opaque bytes. Implementations are safe to call
    /// from several threads.
    /// </summary>
    public interface ISessionStore
    {
        /// <summary>Reads a value.</summary>
        /// <param name="key">The key.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A copy of the stored bytes, or null when the key is absent.</returns>
        ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>Writes a value, replacing any previous one.</summary>
        /// <param name="key">The key.</param>
        /// <param name="value">The bytes; the store keeps its own copy.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the value is stored.</returns>
        ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

        /// <summary>Deletes a value; deleting an absent key is not an error.</summary>
        /// <param name="key">The key.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the key is gone.</returns>
        ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>Lists keys, optionally only those starting with a prefix (ordinal), in ordinal order.</summary>
        /// <param name="prefix">The prefix, or null for every key.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The matching keys.</returns>
        ValueTask<IReadOnlyList<string>> KeysAsync(string? prefix = null, CancellationToken cancellationToken = default);

        /// <summary>Deletes every key.</summary>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when the store is empty.</returns>
        ValueTask ClearAsync(CancellationToken cancellationToken = default);
    }
}
