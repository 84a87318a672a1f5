using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>
    /// Compact peer lists as trackers send them: 6 bytes per IPv4 peer (BEP 23; BEP 15 over IPv4),
    /// 18 per IPv6 peer (BEP 7; BEP 15 over IPv6). Shared by the HTTP and UDP clients; each entry is
    /// read by <see cref="CompactAddress.TryReadEndpoint"/>, so entries with port 0 or the unspecified
    /// address are dropped, and so is a trailing partial entry.
    /// </summary>
    internal static class CompactPeers
    {
        public const int IPv4EntryLength = CompactAddress.IPv4Length + 2;

        public const int IPv6EntryLength = CompactAddress.IPv6Length + 2;

        /// <summary>Appends the usable IPv4 peers of <paramref name="data"/>.</summary>
        public static void ReadIPv4(ReadOnlySpan<byte> data, List<TrackerPeer> peers) => Read(data, IPv4EntryLength, peers);

        /// <summary>Appends the usable IPv6 peers of <paramref name="data"/>; an IPv4-mapped address comes out as plain IPv4.</summary>
        public static void ReadIPv6(ReadOnlySpan<byte> data, List<TrackerPeer> peers) => Read(data, IPv6EntryLength, peers);

        private static void Read(ReadOnlySpan<byte> data, int entryLength, List<TrackerPeer> peers)
        {
            for (int i = 0; i + entryLength <= data.Length; i += entryLength)
            {
                if (CompactAddress.TryReadEndpoint(data.Slice(i, entryLength), out string host, out int port))
                {
                    peers.Add(new TrackerPeer(host, port));
                }
            }
        }
    }
}
