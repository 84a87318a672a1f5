using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// Connection slot accounting: a global cap, a per-torrent cap, an incoming share of each
    /// torrent's slots, and a cap on incoming connections still handshaking.
    /// </summary>
    /// <remarks>
    /// Usage: an incoming connection takes a pending slot on accept
    /// (<see cref="TryAcquirePending"/>); when its handshake names a torrent it releases that and
    /// takes a real slot with <see cref="TryAcquire"/>(torrent, incoming: true). An outgoing
    /// connection takes its slot before dialling and releases it if the dial fails. Lowering a
    /// limit refuses new connections but closes none. High-water marks (MaxSeen*) let tests
    /// prove a limit was never exceeded. Owned by the engine loop (no locks).
    /// </remarks>
    internal sealed class ConnectionLimits
    {
        private readonly Dictionary<object, TorrentSlots> _torrents = new Dictionary<object, TorrentSlots>();

        public ConnectionLimits(ConnectionLimitsOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>The limits in force; the object may be changed, or replaced, at any time.</summary>
        public ConnectionLimitsOptions Options { get; set; }

        /// <summary>Connections held across all torrents.</summary>
        public int Count { get; private set; }

        /// <summary>The highest <see cref="Count"/> ever reached.</summary>
        public int MaxSeen { get; private set; }

        /// <summary>Incoming connections still handshaking.</summary>
        public int PendingCount { get; private set; }

        /// <summary>The highest <see cref="PendingCount"/> ever reached.</summary>
        public int MaxSeenPending { get; private set; }

        /// <summary>How many incoming connections one torrent may hold under the current options.</summary>
        public int IncomingLimit
        {
            get
            {
                double share = Options.IncomingShare;
                if (!(share > 0))
                {
                    return 0;
                }

                // The epsilon keeps 20 × 0.6 = 11.999... from rounding down to 11.
                double slots = Math.Max(0, Options.MaxConnectionsPerTorrent) * Math.Min(1.0, share);
                return (int)Math.Floor(slots + 1e-9);
            }
        }

        public bool TryAcquirePending()
        {
            if (PendingCount >= Options.MaxPendingIncoming)
            {
                return false;
            }

            PendingCount++;
            MaxSeenPending = Math.Max(MaxSeenPending, PendingCount);
            return true;
        }

        public void ReleasePending()
        {
            if (PendingCount == 0)
            {
                throw new InvalidOperationException("No pending incoming connection to release.");
            }

            PendingCount--;
        }

        /// <summary>Whether <see cref="TryAcquire"/> would succeed now.</summary>
        public bool CanAcquire(object torrentKey, bool incoming)
        {
            if (torrentKey == null)
            {
                throw new ArgumentNullException(nameof(torrentKey));
            }

            if (Count >= Options.MaxConnections)
            {
                return false;
            }

            if (!_torrents.TryGetValue(torrentKey, out var slots))
            {
                return Options.MaxConnectionsPerTorrent > 0 && (!incoming || IncomingLimit > 0);
            }

            return slots.Total < Options.MaxConnectionsPerTorrent && (!incoming || slots.Incoming < IncomingLimit);
        }

        /// <summary>Takes a connection slot for the torrent if every limit allows it.</summary>
        public bool TryAcquire(object torrentKey, bool incoming)
        {
            if (!CanAcquire(torrentKey, incoming))
            {
                return false;
            }

            if (!_torrents.TryGetValue(torrentKey, out var slots))
            {
                slots = new TorrentSlots();
                _torrents.Add(torrentKey, slots);
            }

            slots.Total++;
            slots.MaxSeen = Math.Max(slots.MaxSeen, slots.Total);
            if (incoming)
            {
                slots.Incoming++;
                slots.MaxSeenIncoming = Math.Max(slots.MaxSeenIncoming, slots.Incoming);
            }

            Count++;
            MaxSeen = Math.Max(MaxSeen, Count);
            return true;
        }

        /// <summary>Returns a slot taken by <see cref="TryAcquire"/> with the same arguments.</summary>
        public void Release(object torrentKey, bool incoming)
        {
            if (torrentKey == null)
            {
                throw new ArgumentNullException(nameof(torrentKey));
            }

            if (!_torrents.TryGetValue(torrentKey, out var slots) || slots.Total == 0 || (incoming && slots.Incoming == 0))
            {
                throw new InvalidOperationException("No such connection slot to release.");
            }

            slots.Total--;
            if (incoming)
            {
                slots.Incoming--;
            }

            Count--;
        }

        public int CountFor(object torrentKey) => Slots(torrentKey)?.Total ?? 0;

        public int IncomingCountFor(object torrentKey) => Slots(torrentKey)?.Incoming ?? 0;

        public int MaxSeenFor(object torrentKey) => Slots(torrentKey)?.MaxSeen ?? 0;

        public int MaxSeenIncomingFor(object torrentKey) => Slots(torrentKey)?.MaxSeenIncoming ?? 0;

        /// <summary>Drops a removed torrent's record; refused while it still holds connections.</summary>
        public void Forget(object torrentKey)
        {
            var slots = Slots(torrentKey);
            if (slots != null && slots.Total > 0)
            {
                throw new InvalidOperationException("The torrent still holds connection slots.");
            }

            _torrents.Remove(torrentKey);
        }

        private TorrentSlots? Slots(object torrentKey)
        {
            if (torrentKey == null)
            {
                throw new ArgumentNullException(nameof(torrentKey));
            }

            return _torrents.TryGetValue(torrentKey, out var slots) ? slots : null;
        }

        private sealed class TorrentSlots
        {
            public int Total;
            public int Incoming;
            public int MaxSeen;
            public int MaxSeenIncoming;
        }
    }
}
