using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Session
{
    /// <summary><c>torrent:{infohash}:peers</c>: peers that completed a handshake with us, newest first, bounded.</summary>
    internal sealed class TorrentPeersRecord
    {
        /// <summary>Most peers kept: enough to find the swarm again without a tracker, small enough to write often.</summary>
        public const int MaxPeers = 50;

        private const int Version = 1;

        public TorrentPeersRecord(IReadOnlyList<SavedPeer> peers)
        {
            Peers = peers;
        }

        public IReadOnlyList<SavedPeer> Peers { get; }

        public static TorrentPeersRecord Decode(string key, ReadOnlySpan<byte> bytes)
        {
            var fields = RecordFields.Parse(key, bytes, Version);
            var list = fields.List("peers");
            var peers = new List<SavedPeer>(Math.Min(list.Count, MaxPeers));
            for (int i = 0; i < list.Count && peers.Count < MaxPeers; i++)
            {
                if (!(list[i] is BencodeList entry))
                {
                    throw fields.Invalid("peers", "malformed");
                }

                string host = RecordFields.TextAt(key, entry, 0, "peer " + i);
                long port = RecordFields.IntegerAt(key, entry, 1, "peer " + i);
                long seen = RecordFields.IntegerAt(key, entry, 2, "peer " + i);
                if (port < 1 || port > 65535 || host.Length == 0 || host.Length > 255)
                {
                    throw fields.Invalid("peers", "holding an invalid address");
                }

                peers.Add(new SavedPeer(host, (int)port, seen));
            }

            return new TorrentPeersRecord(peers);
        }

        public byte[] Encode()
        {
            var list = new BencodeList();
            foreach (var peer in Peers)
            {
                list.Add(new BencodeList(new BencodeValue[] { RecordFields.Text(peer.Host), new BencodeInteger(peer.Port), new BencodeInteger(peer.LastSeenUnixSeconds) }));
            }

            var fields = new BencodeDictionary();
            fields.Set("peers", list);
            return RecordFields.Encode(Version, fields);
        }
    }
}
