using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// Exponential reconnect backoff per endpoint ("host:port"): after n failures the endpoint
    /// waits min(base × 2^(n-1), max) before the next attempt. A connection that dies young
    /// counts as a failure; one that lived long enough clears the record.
    /// </summary>
    /// <remarks>
    /// Memory is bounded: at capacity the tenth of the records whose next attempt is earliest
    /// is dropped (those are the ones closest to "may connect anyway"), records of live
    /// connections last. Owned by the engine loop (no locks).
    /// </remarks>
    internal sealed class ConnectionBackoff
    {
        /// <summary>Default for the first retry delay.</summary>
        public const long DefaultBaseDelayMs = 1_000;

        /// <summary>Default ceiling on the retry delay (5 min).</summary>
        public const long DefaultMaxDelayMs = 300_000;

        /// <summary>Default lifetime below which a closed connection counts as a failure.</summary>
        public const long DefaultMinStableMs = 30_000;

        /// <summary>Default bound on the endpoints remembered.</summary>
        public const int DefaultCapacity = 10_000;

        // 2^30 × base already exceeds any sane ceiling; counting further buys nothing.
        private const int MaxCountedFailures = 31;

        private readonly Dictionary<string, Entry> _entries;
        private readonly long _baseDelayMs;
        private readonly long _maxDelayMs;
        private readonly long _minStableMs;
        private long[]? _evictionKeys;
        private string[]? _evictionNames;

        public ConnectionBackoff()
            : this(DefaultCapacity, DefaultBaseDelayMs, DefaultMaxDelayMs, DefaultMinStableMs)
        {
        }

        public ConnectionBackoff(int capacity, long baseDelayMs = DefaultBaseDelayMs, long maxDelayMs = DefaultMaxDelayMs, long minStableMs = DefaultMinStableMs)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be positive.");
            }

            if (baseDelayMs < 1 || maxDelayMs < baseDelayMs)
            {
                throw new ArgumentOutOfRangeException(nameof(baseDelayMs), baseDelayMs, "Need 1 <= base delay <= max delay.");
            }

            Capacity = capacity;
            _baseDelayMs = baseDelayMs;
            _maxDelayMs = maxDelayMs;
            _minStableMs = Math.Max(0, minStableMs);
            _entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The most endpoints remembered.</summary>
        public int Capacity { get; }

        /// <summary>Endpoints currently remembered.</summary>
        public int Count => _entries.Count;

        /// <summary>True unless the endpoint is still backing off.</summary>
        public bool CanConnect(string key, long nowMs) =>
            !_entries.TryGetValue(key, out var entry) || nowMs >= entry.NextAttemptMs;

        /// <summary>When the endpoint may be tried next; 0 for an endpoint with no record.</summary>
        public long GetNextAttemptMs(string key) =>
            _entries.TryGetValue(key, out var entry) ? entry.NextAttemptMs : 0;

        /// <summary>Failures counted since the endpoint last held a stable connection.</summary>
        public int GetFailureCount(string key) =>
            _entries.TryGetValue(key, out var entry) ? entry.Failures : 0;

        /// <summary>The wait after <paramref name="failures"/> consecutive failures.</summary>
        public long DelayAfter(int failures)
        {
            if (failures <= 0)
            {
                return 0;
            }

            int shift = Math.Min(failures - 1, 62);
            return shift >= 62 || _baseDelayMs > (_maxDelayMs >> shift) ? _maxDelayMs : _baseDelayMs << shift;
        }

        /// <summary>A connect attempt failed, or the connection closed before the handshake.</summary>
        public void RecordFailure(string key, long nowMs)
        {
            var entry = GetOrAdd(key);
            entry.ConnectedAtMs = null;
            entry.Failures = Math.Min(entry.Failures + 1, MaxCountedFailures);
            entry.NextAttemptMs = SwarmTime.AddSaturating(nowMs, DelayAfter(entry.Failures));
        }

        /// <summary>A connection to the endpoint completed its handshake.</summary>
        public void RecordConnected(string key, long nowMs)
        {
            GetOrAdd(key).ConnectedAtMs = nowMs;
        }

        /// <summary>
        /// An established connection closed: a short-lived one counts as a failure, a long-lived
        /// one forgets the endpoint's failures.
        /// </summary>
        public void RecordDisconnected(string key, long nowMs)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                // No record (never seen connected, or evicted): nothing tells us it was short.
                return;
            }

            if (entry.ConnectedAtMs is long connectedAt && nowMs - connectedAt >= _minStableMs)
            {
                _entries.Remove(key);
                return;
            }

            RecordFailure(key, nowMs);
        }

        /// <summary>Forgets the endpoint.</summary>
        public bool Remove(string key) => _entries.Remove(key);

        private Entry GetOrAdd(string key)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (_entries.TryGetValue(key, out var entry))
            {
                return entry;
            }

            if (_entries.Count >= Capacity)
            {
                Evict();
            }

            entry = new Entry();
            _entries.Add(key, entry);
            return entry;
        }

        private void Evict()
        {
            // Batch eviction: one sort frees a tenth of the table, so a churning swarm pays
            // O(log n) per new endpoint instead of a full scan each time.
            int count = _entries.Count;
            _evictionKeys ??= new long[Capacity];
            _evictionNames ??= new string[Capacity];
            int n = 0;
            foreach (var pair in _entries)
            {
                _evictionKeys[n] = pair.Value.ConnectedAtMs.HasValue ? long.MaxValue : pair.Value.NextAttemptMs;
                _evictionNames[n] = pair.Key;
                n++;
            }

            Array.Sort(_evictionKeys, _evictionNames, 0, n);
            int drop = Math.Max(1, count / 10);
            for (int i = 0; i < drop; i++)
            {
                _entries.Remove(_evictionNames[i]);
            }

            Array.Clear(_evictionNames, 0, n);
        }

        private sealed class Entry
        {
            public int Failures;
            public long NextAttemptMs;
            public long? ConnectedAtMs;
        }
    }
}
