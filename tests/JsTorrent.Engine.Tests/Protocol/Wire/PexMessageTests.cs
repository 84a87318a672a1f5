using System;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class PexMessageTests
    {
        [Fact]
        public void RoundTripKeepsBothFamiliesFlagsAndDrops()
        {
            var added = new[]
            {
                new PexPeer("10.0.0.1", 6881, PexFlags.Seed | PexFlags.Reachable),
                new PexPeer("192.168.1.200", 51413, PexFlags.None),
                new PexPeer("2001:db8::1", 6882, PexFlags.Reachable),
            };
            var dropped = new[] { new PexPeer("1.2.3.4", 80, PexFlags.None), new PexPeer("fe80::abcd", 1, PexFlags.None) };

            var message = PexMessage.Parse(PexMessageWriter.Encode(added, dropped));

            Assert.Equal(added.Select(Describe), message.Added.Select(Describe));
            Assert.Equal(dropped.Select(Describe), message.Dropped.Select(Describe));
            Assert.Equal(0, message.IgnoredLists);
            Assert.True(message.Added[2].IsIPv6);
        }

        [Fact]
        public void EncodingIsCanonicalBencodeWithEveryKey()
        {
            var payload = PexMessageWriter.Encode(new[] { new PexPeer("1.2.3.4", 0x1AE1, PexFlags.Seed) }, Array.Empty<PexPeer>());
            string expected = "d5:added6:\u0001\u0002\u0003\u0004\u001A\u00E17:added.f1:\u00026:added60:8:added6.f0:7:dropped0:8:dropped60:e";
            Assert.Equal(expected, Latin1(payload));
        }

        [Fact]
        public void EmptyMessageParsesToNothing()
        {
            var message = PexMessage.Parse(PexMessageWriter.Encode(Array.Empty<PexPeer>(), Array.Empty<PexPeer>()));
            Assert.Empty(message.Added);
            Assert.Empty(message.Dropped);
        }

        [Theory]
        [InlineData(50, 0)]
        [InlineData(0, 50)]
        [InlineData(20, 30)]
        public void WriterAddsAndDropsAtMostFiftyOverBothFamilies(int ipv4, int ipv6)
        {
            var writer = new PexMessageWriter();
            var address = new byte[] { 10, 0, 0, 0 };
            var address6 = new byte[16];
            address6[0] = 0x20;
            for (int i = 0; i < ipv4; i++)
            {
                address[3] = (byte)(i + 1);
                Assert.True(writer.TryAdd(address, 1000 + i, PexFlags.Reachable));
                Assert.True(writer.TryDrop(address, 3000 + i));
            }

            for (int i = 0; i < ipv6; i++)
            {
                address6[15] = (byte)(i + 1);
                Assert.True(writer.TryAdd(address6, 2000 + i, PexFlags.None));
                Assert.True(writer.TryDrop(address6, 4000 + i));
            }

            Assert.False(writer.TryAdd(address, 9, PexFlags.None));
            Assert.False(writer.TryAdd(address6, 9, PexFlags.None));
            Assert.False(writer.TryDrop(address, 9));
            Assert.False(writer.TryDrop(address6, 9));
            var full = writer.Encode();
            Assert.True(full.Length <= PexMessageWriter.MaxPayloadLength);
            var message = PexMessage.Parse(full);
            Assert.Equal(PexMessage.MaxPeersPerList, message.Added.Count);
            Assert.Equal(PexMessage.MaxPeersPerList, message.Dropped.Count);
            Assert.Equal(ipv6, message.Added.Count(p => p.IsIPv6));
            Assert.Equal(ipv4 > 0 ? PexFlags.Reachable : PexFlags.None, message.Added[0].Flags);
        }

        [Fact]
        public void WriterAllocatesNothingOnceMade()
        {
            var writer = new PexMessageWriter();
            var address = new byte[] { 10, 0, 0, 1 };
            var address6 = new byte[16];
            address6[0] = 0x20;
            _ = writer.Encode();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int round = 0; round < 100; round++)
            {
                writer.Clear();
                writer.TryAdd(address, 6881, PexFlags.Seed);
                writer.TryAdd(address6, 6881, PexFlags.None);
                writer.TryDrop(address6, 6882);
                _ = writer.Encode();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(3, writer.Count);
            writer.Clear();
            Assert.True(writer.IsEmpty);
        }

        [Fact]
        public void WriterRefusesWhatTheWireCannotCarry()
        {
            var writer = new PexMessageWriter();
            Assert.Throws<ArgumentException>(() => writer.TryAdd(new byte[5], 1, PexFlags.None));
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.TryAdd(new byte[4], 0, PexFlags.None));
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.TryDrop(new byte[16], 65536));
            Assert.Throws<ArgumentException>(() => PexMessageWriter.Encode(new[] { new PexPeer("tracker.example", 1, PexFlags.None) }, Array.Empty<PexPeer>()));
        }

        [Fact]
        public void OnlyTheFirstFiftyEntriesOfAHugeListAreRead()
        {
            var added = new byte[1000 * 6];
            var dropped6 = new byte[500 * 18];
            for (int i = 0; i < 1000; i++)
            {
                added[i * 6] = 10;
                added[(i * 6) + 2] = (byte)(i >> 8);
                added[(i * 6) + 3] = (byte)i;
                added[(i * 6) + 5] = 1;
            }

            for (int i = 0; i < 500; i++)
            {
                dropped6[i * 18] = 0x20;
                dropped6[(i * 18) + 15] = (byte)i;
                dropped6[(i * 18) + 17] = 1;
            }

            var message = PexMessage.Parse(Dictionary(("added", added), ("added.f", new byte[1000]), ("dropped6", dropped6)));
            Assert.Equal(PexMessage.MaxPeersPerList, message.Added.Count);
            Assert.Equal(PexMessage.MaxPeersPerList, message.Dropped.Count);
            Assert.Equal("10.0.0.49", message.Added[49].Host);
        }

        [Fact]
        public void ListsOfTheWrongLengthAreIgnoredAndTheRestIsRead()
        {
            var payload = Dictionary(
                ("added", new byte[7]),
                ("added6", Enumerable.Repeat((byte)1, 18).ToArray()),
                ("added6.f", new byte[] { 0x02 }),
                ("dropped", new byte[] { 5, 6, 7, 8, 0, 80 }),
                ("dropped6", new byte[17]));

            var message = PexMessage.Parse(payload);

            Assert.Equal(2, message.IgnoredLists);
            var added = Assert.Single(message.Added);
            Assert.True(added.IsIPv6);
            Assert.Equal(257, added.Port);
            Assert.Equal(PexFlags.Seed, added.Flags);
            Assert.Equal("5.6.7.8:80", Assert.Single(message.Dropped).ToString());
        }

        [Fact]
        public void FlagsOfTheWrongLengthAreDroppedButThePeersKept()
        {
            var message = PexMessage.Parse(Dictionary(("added", new byte[] { 1, 2, 3, 4, 0, 1, 5, 6, 7, 8, 0, 2 }), ("added.f", new byte[] { 0x12 })));
            Assert.Equal(1, message.IgnoredLists);
            Assert.Equal(new[] { "1.2.3.4:1", "5.6.7.8:2" }, message.Added.Select(p => p.ToString()));
            Assert.All(message.Added, p => Assert.Equal(PexFlags.None, p.Flags));
        }

        [Fact]
        public void PortZeroAndUnspecifiedAddressesAreSkipped()
        {
            var message = PexMessage.Parse(Dictionary(("added", new byte[] { 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 0, 9 })));
            Assert.Equal("9.9.9.9:9", Assert.Single(message.Added).ToString());
        }

        [Fact]
        public void IPv4MappedAddressesReadAsIPv4()
        {
            var entry = new byte[18];
            entry[10] = 0xFF;
            entry[11] = 0xFF;
            entry[12] = 127;
            entry[15] = 1;
            entry[17] = 80;
            var peer = Assert.Single(PexMessage.Parse(Dictionary(("added6", entry))).Added);
            Assert.Equal("127.0.0.1", peer.Host);
            Assert.False(peer.IsIPv6);
        }

        [Theory]
        [InlineData("d5:addedi5e7:dropped1:xe", 2)]
        [InlineData("d5:addedle8:added6.fdee", 1)]
        [InlineData("d5:added0:7:added.fi3e3:fooli1ei2eee", 1)]
        [InlineData("d1:xd1:yd1:zleeee", 0)]
        public void ListsOfTheWrongTypeAreIgnored(string text, int ignored)
        {
            var message = PexMessage.Parse(Encoding.ASCII.GetBytes(text));
            Assert.Empty(message.Added);
            Assert.Empty(message.Dropped);
            Assert.Equal(ignored, message.IgnoredLists);
        }

        [Theory]
        [InlineData("")]
        [InlineData("le")]
        [InlineData("i42e")]
        [InlineData("5:added")]
        [InlineData("d5:added")]
        [InlineData("d5:added6:abce")]
        [InlineData("d5:addedi1e5:addedi2ee")]
        [InlineData("d1:ad1:ad1:ad1:ad1:aleeeeee")]
        public void PayloadsThatAreNotADictionaryAreProtocolErrors(string text)
        {
            Assert.Throws<PeerProtocolException>(() => PexMessage.Parse(Encoding.ASCII.GetBytes(text)));
        }

        [Fact]
        public void RandomAndMutatedBytesOnlyEverRaiseProtocolErrors()
        {
            var random = new Random(11);
            var valid = PexMessageWriter.Encode(
                new[] { new PexPeer("10.1.2.3", 6881, PexFlags.Seed), new PexPeer("2001:db8::7", 7, PexFlags.None) },
                new[] { new PexPeer("10.9.9.9", 99, PexFlags.None) });
            int parsed = 0;
            for (int i = 0; i < 5000; i++)
            {
                byte[] bytes;
                if (i % 2 == 0)
                {
                    bytes = new byte[random.Next(0, 96)];
                    random.NextBytes(bytes);
                }
                else
                {
                    bytes = (byte[])valid.Clone();
                    for (int flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }
                }

                try
                {
                    var message = PexMessage.Parse(bytes);
                    Assert.True(message.Added.Count <= 2 * PexMessage.MaxPeersPerList);
                    Assert.All(message.Added, p => Assert.InRange(p.Port, 1, 65535));
                    parsed++;
                }
                catch (PeerProtocolException)
                {
                    // The one exception hostile input may raise.
                }
            }

            Assert.True(parsed > 0, "some mutations of a valid message still parse");
        }

        private static string Describe(PexPeer peer) => peer + "/" + (int)peer.Flags;

        private static string Latin1(byte[] bytes) => new string(bytes.Select(b => (char)b).ToArray());

        /// <summary>A bencoded dictionary of byte strings, keys in the order given (callers give them sorted).</summary>
        private static byte[] Dictionary(params (string Key, byte[] Value)[] entries)
        {
            var bytes = new System.Collections.Generic.List<byte> { (byte)'d' };
            foreach (var (key, value) in entries)
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(key.Length + ":" + key + value.Length + ":"));
                bytes.AddRange(value);
            }

            bytes.Add((byte)'e');
            return bytes.ToArray();
        }
    }
}
