using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// An <see cref="ISessionStore"/> held in memory (for tests and the memory preset): nothing survives the process.
    /// Thread-safe; values are copied in and out, so callers may reuse their buffers. Every call completes
    /// synchronously.
    /// </summary>
    public sealed class MemorySessionStore : ISessionStore
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, byte[]> _values = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        /// <summary>Number of keys held.</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _values.Count;
                }
            }
        }

        /// <inheritdoc/>
        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            CheckKey(key);
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                return new ValueTask<byte[]?>(_values.TryGetValue(key, out byte[]? value) ? (byte[])value.Clone() : null);
            }
        }

        /// <inheritdoc/>
        public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        {
            CheckKey(key);
            cancellationToken.ThrowIfCancellationRequested();
            byte[] copy = value.ToArray();
            lock (_gate)
            {
                _values[key] = copy;
            }

            return default;
        }

        /// <inheritdoc/>
        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            CheckKey(key);
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _values.Remove(key);
            }

            return default;
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<string>> KeysAsync(string? prefix = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = new List<string>();
            lock (_gate)
            {
                foreach (string key in _values.Keys)
                {
                    if (prefix is null || key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        keys.Add(key);
                    }
                }
            }

            keys.Sort(StringComparer.Ordinal);
            return new ValueTask<IReadOnlyList<string>>(keys.AsReadOnly());
        }

        /// <inheritdoc/>
        public ValueTask ClearAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _values.Clear();
            }

            return default;
        }

        private static void CheckKey(string key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }
        }
    }
}
