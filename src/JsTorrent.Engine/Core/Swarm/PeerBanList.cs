using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// Addresses we refuse to talk to (for example after sending corrupt data). Bans are by
    /// address, not endpoint: a "host:port" or "[v6]:port" given here is reduced to its host.
    /// </summary>
    /// <remarks>
    /// Bounded: at capacity the oldest ban is lifted to make room (bans are rare, so the scan
    /// that finds it costs nothing that matters). Owned by the engine loop (no locks).
    /// </remarks>
    internal sealed class PeerBanList
    {
        /// <summary>Default bound on the addresses remembered.</summary>
        public const int DefaultCapacity = 10_000;

        private readonly Dictionary<string, BanRecord> _bans = new Dictionary<string, BanRecord>(StringComparer.OrdinalIgnoreCase);
        private long _sequence;

        public PeerBanList()
            : this(DefaultCapacity)
        {
        }

        public PeerBanList(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be positive.");
            }

            Capacity = capacity;
        }

        /// <summary>The most addresses remembered.</summary>
        public int Capacity { get; }

        /// <summary>Addresses banned now.</summary>
        public int Count => _bans.Count;

        /// <summary>
        /// The host part of an address or endpoint: "1.2.3.4:6881" → "1.2.3.4", "[::1]:6881" → "::1";
        /// a bare IPv6 address (several colons, no brackets) is already a host.
        /// </summary>
        public static string AddressOf(string addressOrEndpoint)
        {
            if (addressOrEndpoint == null)
            {
                throw new ArgumentNullException(nameof(addressOrEndpoint));
            }

            string text = addressOrEndpoint.Trim();
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                int close = text.IndexOf(']');
                return close > 0 ? text.Substring(1, close - 1) : text;
            }

            int colon = text.IndexOf(':');
            return colon >= 0 && colon == text.LastIndexOf(':') ? text.Substring(0, colon) : text;
        }

        /// <summary>Bans the address (re-banning refreshes the time and reason).</summary>
        public void Ban(string address, long nowMs, string reason)
        {
            string host = AddressOf(address);
            if (!_bans.ContainsKey(host) && _bans.Count >= Capacity)
            {
                LiftOldest();
            }

            _bans[host] = new BanRecord(nowMs, _sequence++, reason ?? string.Empty);
        }

        public bool IsBanned(string address) => _bans.ContainsKey(AddressOf(address));

        /// <summary>Why the address was banned, if it is.</summary>
        public bool TryGetReason(string address, out string reason)
        {
            if (_bans.TryGetValue(AddressOf(address), out var ban))
            {
                reason = ban.Reason;
                return true;
            }

            reason = string.Empty;
            return false;
        }

        /// <summary>Lifts a ban; false if the address was not banned.</summary>
        public bool Unban(string address) => _bans.Remove(AddressOf(address));

        private void LiftOldest()
        {
            string? oldest = null;
            BanRecord oldestBan = default;
            foreach (var pair in _bans)
            {
                // The sequence number orders bans made in the same millisecond.
                if (oldest == null || pair.Value.AtMs < oldestBan.AtMs || (pair.Value.AtMs == oldestBan.AtMs && pair.Value.Sequence < oldestBan.Sequence))
                {
                    oldest = pair.Key;
                    oldestBan = pair.Value;
                }
            }

            if (oldest != null)
            {
                _bans.Remove(oldest);
            }
        }

        private readonly struct BanRecord
        {
            public BanRecord(long atMs, long sequence, string reason)
            {
                AtMs = atMs;
                Sequence = sequence;
                Reason = reason;
            }

            public long AtMs { get; }

            public long Sequence { get; }

            public string Reason { get; }
        }
    }
}
