using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    public sealed class CompactPeersTests
    {
        [Fact]
        public void IPv4EntriesAreReadAndUnreachableOnesAndATrailingPartialEntryDropped()
        {
            var data = new byte[]
            {
                10, 0, 0, 1, 0x1A, 0xE1, // 10.0.0.1:6881
                10, 0, 0, 2, 0, 0, // port 0
                0, 0, 0, 0, 0x1A, 0xE1, // unspecified address
                192, 168, 1, 9, 0xC8, 0xD5, // 192.168.1.9:51413
                1, 2, 3, // partial
            };
            var peers = new List<TrackerPeer>();

            CompactPeers.ReadIPv4(data, peers);

            Assert.Equal(new[] { "10.0.0.1:6881", "192.168.1.9:51413" }, peers.Select(p => p.ToString()));
        }

        [Fact]
        public void IPv6EntriesUseOneSpellingAndMappedAddressesComeOutAsIPv4()
        {
            var data = new List<byte>();
            data.AddRange(new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1A, 0xE1 });
            data.AddRange(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 1, 2, 3, 0x1A, 0xE2 });
            data.AddRange(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3, 0x1A, 0xE3 });
            data.AddRange(new byte[18]); // :: port 0
            var peers = new List<TrackerPeer>();

            CompactPeers.ReadIPv6(data.ToArray(), peers);

            Assert.Equal(new[] { "[2001:db8::1]:6881", "10.1.2.3:6882", "[::a01:203]:6883" }, peers.Select(p => p.ToString()));
        }
    }
}
