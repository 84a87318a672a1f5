using System.Collections.Generic;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Tests.Session
{
    public class TorrentPeersRecordTests
    {
        private const string Key = "torrent:0123456789abcdef0123456789abcdef01234567:peers";

        internal static TorrentPeersRecord Sample() => new TorrentPeersRecord(new[]
        {
            new SavedPeer("192.0.2.17", 6881, 1_717_500_000),
            new SavedPeer("2001:db8::1", 51413, 1_717_400_000),
            new SavedPeer("::ffff:198.51.100.3", 1, 0),
            new SavedPeer("peer.example.org", 65535, -1),
            new SavedPeer("p\u00e9er.example", 443, long.MaxValue),
        });

        [Fact]
        public void Ipv4Ipv6AndHostNamesRoundTripInOrder()
        {
            var original = Sample();
            var decoded = TorrentPeersRecord.Decode(Key, original.Encode());
            Assert.Equal(original.Peers.Select(p => p.Host), decoded.Peers.Select(p => p.Host));
            Assert.Equal(original.Peers.Select(p => p.Port), decoded.Peers.Select(p => p.Port));
            Assert.Equal(original.Peers.Select(p => p.LastSeenUnixSeconds), decoded.Peers.Select(p => p.LastSeenUnixSeconds));
            Assert.Equal(original.Encode(), decoded.Encode());
        }

        [Fact]
        public void NoPeersRoundTrips()
        {
            var record = new TorrentPeersRecord(new List<SavedPeer>());
            Assert.Equal("d5:peersle1:vi1ee", Encoding.ASCII.GetString(record.Encode()));
            Assert.Empty(TorrentPeersRecord.Decode(Key, record.Encode()).Peers);
        }

        [Fact]
        public void AMissingPeerListDecodesAsNone()
        {
            Assert.Empty(TorrentPeersRecord.Decode(Key, Encoding.ASCII.GetBytes("d1:vi1ee")).Peers);
        }

        [Fact]
        public void DecodingKeepsAtMostMaxPeersTheNewestFirst()
        {
            var many = Enumerable.Range(0, 500).Select(i => new SavedPeer("10.0." + (i / 256) + "." + (i % 256), 1000 + i, 2_000_000 - i)).ToArray();
            var decoded = TorrentPeersRecord.Decode(Key, new TorrentPeersRecord(many).Encode());
            Assert.Equal(TorrentPeersRecord.MaxPeers, decoded.Peers.Count);
            Assert.Equal(many.Take(TorrentPeersRecord.MaxPeers).Select(p => p.Host), decoded.Peers.Select(p => p.Host));
            Assert.Equal(many.Take(TorrentPeersRecord.MaxPeers).Select(p => p.Port), decoded.Peers.Select(p => p.Port));
        }

        [Fact]
        public void AHostOf255CharactersIsTheLongestAccepted()
        {
            string longest = new string('h', 255);
            Assert.Equal(longest, TorrentPeersRecord.Decode(Key, new TorrentPeersRecord(new[] { new SavedPeer(longest, 1, 0) }).Encode()).Peers.Single().Host);
            var e = Assert.Throws<SessionRecordFormatException>(() => TorrentPeersRecord.Decode(Key, new TorrentPeersRecord(new[] { new SavedPeer(longest + "h", 1, 0) }).Encode()));
            Assert.Equal(Key, e.Key);
        }

        [Fact]
        public void ExtraItemsInAPeerEntryAreIgnored()
        {
            var fields = new BencodeDictionary();
            fields.Set("peers", new BencodeList(new BencodeValue[]
            {
                new BencodeList(new BencodeValue[] { new BencodeString("198.51.100.9"), new BencodeInteger(80), new BencodeInteger(5), new BencodeString("future") }),
            }));
            fields.Set("v", 1);
            var peer = TorrentPeersRecord.Decode(Key, fields.Encode()).Peers.Single();
            Assert.Equal("198.51.100.9", peer.Host);
            Assert.Equal(80, peer.Port);
            Assert.Equal(5, peer.LastSeenUnixSeconds);
        }
    }
}
