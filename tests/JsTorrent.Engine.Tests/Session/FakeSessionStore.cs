using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Session
{
    /// <summary>A session store for writer tests: counts calls, can hold writes behind a gate and can fail chosen keys.</summary>
    internal sealed class FakeSessionStore : ISessionStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _values = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        private readonly TaskCompletionSource<bool> _entered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _setCalls;
        private int _deleteCalls;
        private int _active;
        private int _maxActive;

        /// <summary>When set, every write waits for it (after signalling <see cref="Entered"/>).</summary>
        public TaskCompletionSource<bool>? Gate { get; set; }

        /// <summary>When it returns an exception for a key, writing that key throws it.</summary>
        public Func<string, Exception?> Fail { get; set; } = _ => null;

        /// <summary>When true, failures come back as faulted tasks instead of being thrown from the call.</summary>
        public bool FailAsynchronously { get; set; }

        /// <summary>Completes when a write first reaches the store.</summary>
        public Task Entered => _entered.Task;

        public int SetCalls => Volatile.Read(ref _setCalls);

        public int DeleteCalls => Volatile.Read(ref _deleteCalls);

        /// <summary>The most writes ever in progress at once.</summary>
        public int MaxConcurrentWrites => Volatile.Read(ref _maxActive);

        public IReadOnlyDictionary<string, byte[]> Values => _values;

        public void Put(string key, byte[] value) => _values[key] = value;

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            new ValueTask<byte[]?>(_values.TryGetValue(key, out var value) ? (byte[])value.Clone() : null);

        public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _setCalls);
            var copy = value.ToArray();
            return WriteAsync(key, () => _values[key] = copy);
        }

        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _deleteCalls);
            return WriteAsync(key, () => _values.TryRemove(key, out _));
        }

        public ValueTask<IReadOnlyList<string>> KeysAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
            new ValueTask<IReadOnlyList<string>>(_values.Keys.Where(k => prefix is null || k.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList());

        public ValueTask ClearAsync(CancellationToken cancellationToken = default)
        {
            _values.Clear();
            return default;
        }

        private ValueTask WriteAsync(string key, Action apply)
        {
            var failure = Fail(key);
            if (failure != null && !FailAsynchronously)
            {
                throw failure;
            }

            return new ValueTask(WriteSlowlyAsync(failure, apply));
        }

        private async Task WriteSlowlyAsync(Exception? failure, Action apply)
        {
            int active = Interlocked.Increment(ref _active);
            try
            {
                int seen;
                while (active > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, active, seen) != seen)
                {
                }

                _entered.TrySetResult(true);
                if (Gate is { } gate)
                {
                    await gate.Task.ConfigureAwait(false);
                }

                if (failure != null)
                {
                    throw failure;
                }

                apply();
            }
            finally
            {
                Interlocked.Decrement(ref _active);
            }
        }
    }
}
