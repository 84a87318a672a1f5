using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Tests.Session
{
    /// <summary>Whatever bytes the store hands back, a record decoder either decodes them or throws <see cref="SessionRecordFormatException"/>.</summary>
    public class SessionRecordHostileInputTests
    {
        private static readonly string[] FieldNames =
        {
            "v", "state", "root", "priorities", "downloaded", "uploaded", "added", "completed", "error", "dl-limit", "ul-limit",
            "pieces", "durable", "unsure", "files", "peers", "torrent", "info", "magnet",
        };

        private static readonly long[] Integers =
        {
            0, 1, -1, 2, 3, 4, 7, 8, 9, 63, 64, 65, 255, 256, 65535, 65536, 70000, int.MaxValue, (long)int.MaxValue + 1, int.MinValue,
            long.MaxValue, long.MinValue, 253402300799999L, 253402300800000L, -62135596800000L, -62135596800001L,
        };

        public static IEnumerable<object[]> Records() => SessionRecordCodecs.All();

        [Theory]
        [MemberData(nameof(Records))]
        public void TheSampleEncodingsDecode(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            Assert.True(codec.DecodesOrRefuses(codec.Small));
            Assert.True(codec.DecodesOrRefuses(codec.Large));
        }

        [Theory]
        [MemberData(nameof(Records))]
        public void EveryTruncationIsRefused(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            foreach (byte[] valid in new[] { codec.Small, codec.Large })
            {
                for (int length = 0; length < valid.Length; length++)
                {
                    Assert.False(codec.DecodesOrRefuses(valid.AsSpan(0, length).ToArray()), "a prefix of " + length + " bytes decoded");
                }
            }
        }

        [Theory]
        [MemberData(nameof(Records))]
        public void EverySingleByteMutationDecodesOrIsRefused(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            byte[] input = (byte[])codec.Small.Clone();
            int decoded = 0;
            int refused = 0;
            for (int position = 0; position < input.Length; position++)
            {
                byte original = input[position];
                for (int value = 0; value < 256; value++)
                {
                    input[position] = (byte)value;
                    if (codec.DecodesOrRefuses(input))
                    {
                        decoded++;
                    }
                    else
                    {
                        refused++;
                    }
                }

                input[position] = original;
            }

            Assert.Equal(input.Length * 256, decoded + refused);
            Assert.True(decoded >= input.Length, "at least the unchanged byte at each position decodes");
            Assert.True(refused > 0);
        }

        [Theory]
        [MemberData(nameof(Records))]
        public void RandomBytesAndMutationsDecodeOrAreRefused(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            byte[] alphabet = Encoding.ASCII.GetBytes("dlie0123456789:-v");
            var random = new Random(20240605 + name.Length);
            for (int i = 0; i < 2000; i++)
            {
                byte[] input;
                if (i % 2 == 0)
                {
                    input = (byte[])(i % 4 == 0 ? codec.Small : codec.Large).Clone();
                    for (int k = random.Next(1, 6); k > 0; k--)
                    {
                        input[random.Next(input.Length)] = random.Next(3) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                    }
                }
                else
                {
                    input = new byte[random.Next(0, 120)];
                    for (int k = 0; k < input.Length; k++)
                    {
                        input[k] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                    }
                }

                codec.DecodesOrRefuses(input);
            }
        }

        [Theory]
        [MemberData(nameof(Records))]
        public void RandomBencodeRecordsDecodeOrAreRefused(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            var random = new Random(777 + name.Length);
            int decoded = 0;
            for (int i = 0; i < 2000; i++)
            {
                // Half start from a valid record and change a field or two, so the checks past the first field are reached too.
                bool fromValid = i % 2 == 0;
                var record = fromValid ? (BencodeDictionary)BencodeReader.Read(i % 4 == 0 ? codec.Small : codec.Large) : new BencodeDictionary();
                for (int k = fromValid ? random.Next(1, 3) : random.Next(0, 12); k > 0; k--)
                {
                    string field = random.Next(10) == 0 ? "x" + random.Next(100) : FieldNames[random.Next(FieldNames.Length)];
                    if (fromValid && random.Next(4) == 0)
                    {
                        record.Remove(field);
                    }
                    else
                    {
                        record.Set(field, RandomValue(random, 0));
                    }
                }

                if (!fromValid && random.Next(10) != 0)
                {
                    record.Set("v", 1);
                }

                if (codec.DecodesOrRefuses(record.Encode()))
                {
                    decoded++;
                }
            }

            // Changes to fields a record does not have, or to optional ones, still decode.
            Assert.True(decoded > 20, decoded + " random records decoded");
            Assert.True(decoded < 1900, decoded + " random records decoded");
        }

        [Theory]
        [MemberData(nameof(Records))]
        public void AnotherVersionIsRefusedNamingIt(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            var record = (BencodeDictionary)BencodeReader.Read(codec.Large);
            foreach (long version in new long[] { 2, 0, -1, long.MaxValue })
            {
                record.Set("v", version);
                var e = Assert.Throws<SessionRecordFormatException>(() => codec.DecodeAndEncode(codec.Key, record.Encode()));
                Assert.Contains("version " + version + " is not known", e.Message);
                Assert.Equal(codec.Key, e.Key);
            }

            record.Remove("v");
            Assert.Contains("field 'v' is missing", Assert.Throws<SessionRecordFormatException>(() => codec.DecodeAndEncode(codec.Key, record.Encode())).Message);
            record.Set("v", "1");
            Assert.Contains("field 'v' is not an integer", Assert.Throws<SessionRecordFormatException>(() => codec.DecodeAndEncode(codec.Key, record.Encode())).Message);
        }

        [Theory]
        [MemberData(nameof(Records))]
        public void NonDictionariesAndBrokenBencodeAreRefused(string name)
        {
            var codec = SessionRecordCodecs.Get(name);
            foreach (string text in new[]
            {
                "", "i1e", "le", "1:v", "d1:vi1ee trailing", "d1:vi1e", "d1:vi01ee", "d1:vi-0ee", "d1:vi99999999999999999999ee",
                "d1:v99999999999999:xe", "d1:v2147483648:xe", "d1:vi1e1:vi1ee", "d1:vi1e1:xllllllllleeeeeeeeee",
            })
            {
                var e = Assert.Throws<SessionRecordFormatException>(() => codec.DecodeAndEncode(codec.Key, Encoding.ASCII.GetBytes(text)));
                Assert.Equal(codec.Key, e.Key);
                Assert.StartsWith("The session record '" + codec.Key + "' is unreadable: ", e.Message);
            }
        }

        [Theory]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:piecesi2147483647e6:unsure1:\u00001:vi1ee", "field 'durable' is not a bitfield of 2147483647 pieces")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable0:6:piecesi2147483647e6:unsure0:1:vi1ee", "not a bitfield of 2147483647 pieces")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:piecesi2147483648e6:unsure1:\u00001:vi1ee", "field 'pieces' is out of range")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:piecesi9223372036854775807e6:unsure1:\u00001:vi1ee", "field 'pieces' is out of range")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable0:6:piecesi0e6:unsure0:1:vi1ee", "field 'pieces' is out of range")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:piecesi-8e6:unsure1:\u00001:vi1ee", "field 'pieces' is out of range")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:unsure1:\u00001:vi1ee", "field 'pieces' is missing")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00016:piecesi1e6:unsure1:\u00001:vi1ee", "field 'durable' is not a bitfield of 1 pieces")] // a spare bit
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable2:\0\u00006:piecesi8e6:unsure1:\u00001:vi1ee", "field 'durable' is not a bitfield of 8 pieces")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:piecesi9e6:unsure2:\0\u00001:vi1ee", "field 'durable' is not a bitfield of 9 pieces")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00006:piecesi8e1:vi1ee", "field 'unsure' is missing")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durablei0e6:piecesi8e6:unsure1:\u00001:vi1ee", "field 'durable' is not a byte string")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00005:filesi1e6:piecesi8e6:unsure1:\u00001:vi1ee", "field 'files' is not a list")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00005:filesli1ee6:piecesi8e6:unsure1:\u00001:vi1ee", "field 'files' is malformed")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00005:fileslli1eee6:piecesi8e6:unsure1:\u00001:vi1ee", "field 'files' is malformed")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00005:fileslli1ei2ei3eee6:piecesi8e6:unsure1:\u00001:vi1ee", "field 'files' is malformed")]
        [InlineData(SessionRecordCodecs.Bitfield, "d7:durable1:\u00005:filesll1:1i2eee6:piecesi8e6:unsure1:\u00001:vi1ee", "file stamp 0 is malformed")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi-1e5:statei0e8:uploadedi0e1:vi1ee", "field 'downloaded' is out of range")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e5:statei0e8:uploadedi-9223372036854775808e1:vi1ee", "field 'uploaded' is out of range")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e8:dl-limiti-1e10:downloadedi0e5:statei0e8:uploadedi0e1:vi1ee", "negative")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e5:statei0e8:ul-limiti-1e8:uploadedi0e1:vi1ee", "negative")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e10:prioritiesli2ei9ee5:statei0e8:uploadedi0e1:vi1ee", "field 'priorities' is out of range")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e10:prioritiesli-1ee5:statei0e8:uploadedi0e1:vi1ee", "field 'priorities' is out of range")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e10:prioritiesl1:2e5:statei0e8:uploadedi0e1:vi1ee", "file priority 0 is malformed")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e10:prioritiesi2e5:statei0e8:uploadedi0e1:vi1ee", "field 'priorities' is not a list")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e5:statei3e8:uploadedi0e1:vi1ee", "field 'state' is out of range")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e5:statei-1e8:uploadedi0e1:vi1ee", "field 'state' is out of range")]
        [InlineData(SessionRecordCodecs.Progress, "d10:downloadedi0e5:statei0e8:uploadedi0e1:vi1ee", "field 'added' is missing")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e5:error1:\u00ff5:statei0e8:uploadedi0e1:vi1ee", "field 'error' is not UTF-8 text")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e10:downloadedi0e4:rooti5e5:statei0e8:uploadedi0e1:vi1ee", "field 'root' is not UTF-8 text")]
        [InlineData(SessionRecordCodecs.Progress, "d5:addedi0e9:completed0:10:downloadedi0e5:statei0e8:uploadedi0e1:vi1ee", "field 'completed' is not an integer")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll8:10.0.0.1i0ei0eee1:vi1ee", "field 'peers' is holding an invalid address")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll8:10.0.0.1i70000ei0eee1:vi1ee", "field 'peers' is holding an invalid address")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll8:10.0.0.1i65536ei0eee1:vi1ee", "field 'peers' is holding an invalid address")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll8:10.0.0.1i-6881ei0eee1:vi1ee", "field 'peers' is holding an invalid address")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll8:10.0.0.1i9223372036854775807ei0eee1:vi1ee", "field 'peers' is holding an invalid address")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll0:i6881ei0eee1:vi1ee", "field 'peers' is holding an invalid address")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll8:10.0.0.1i6881eee1:vi1ee", "peer 0 is malformed")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersli6881ee1:vi1ee", "field 'peers' is malformed")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersll2:\u00ff\u00fei6881ei0eee1:vi1ee", "peer 0 is malformed")]
        [InlineData(SessionRecordCodecs.Peers, "d5:peersd1:xi1ee1:vi1ee", "field 'peers' is not a list")]
        [InlineData(SessionRecordCodecs.Metadata, "d7:torrenti1e1:vi1ee", "field 'torrent' is not a byte string")]
        [InlineData(SessionRecordCodecs.Metadata, "d6:magnet2:\u00c3\u00281:vi1ee", "field 'magnet' is not UTF-8 text")]
        [InlineData(SessionRecordCodecs.Metadata, "d4:infoi0e6:magnet8:magnet:?1:vi1ee", "field 'info' is not a byte string")]
        [InlineData(SessionRecordCodecs.Metadata, "d4:info1:x1:vi1ee", "neither a torrent nor a magnet")]
        public void SpecificBadRecordsAreRefusedWithAReason(string name, string text, string reason)
        {
            var codec = SessionRecordCodecs.Get(name);
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            var e = Assert.Throws<SessionRecordFormatException>(() => codec.DecodeAndEncode(codec.Key, bytes));
            Assert.Contains(reason, e.Reason);
            Assert.Equal(codec.Key, e.Key);
        }

        [Fact]
        public void PortsAtTheEdgesAreAccepted()
        {
            var peers = TorrentPeersRecord.Decode("k", Encoding.ASCII.GetBytes("d5:peersll1:ai1ei0eel1:bi65535ei0eee1:vi1ee")).Peers;
            Assert.Equal(new[] { 1, 65535 }, peers.Select(p => p.Port));
        }

        [Fact]
        public void PeersPastTheBoundAreNotEvenLookedAt()
        {
            // Fifty good peers, then garbage: the garbage is past what a decode keeps.
            var text = new StringBuilder("d5:peersl");
            for (int i = 0; i < TorrentPeersRecord.MaxPeers; i++)
            {
                text.Append("l1:hi1ei0ee");
            }

            text.Append("i0ee1:vi1ee");
            Assert.Equal(TorrentPeersRecord.MaxPeers, TorrentPeersRecord.Decode("k", Encoding.ASCII.GetBytes(text.ToString())).Peers.Count);
        }

        private static BencodeValue RandomValue(Random random, int depth)
        {
            switch (random.Next(depth >= 3 ? 3 : 5))
            {
                case 0:
                    return new BencodeInteger(random.Next(3) == 0 ? random.Next(-100, 100) : Integers[random.Next(Integers.Length)]);
                case 1:
                    {
                        var bytes = new byte[random.Next(4) == 0 ? random.Next(0, 40) : random.Next(0, 3)];
                        random.NextBytes(bytes);
                        return new BencodeString(bytes);
                    }

                case 2:
                    return random.Next(2) == 0
                        ? new BencodeString(new[] { "10.0.0.1", "::1", "", "magnet:?xt=urn:btih:" + SessionRecordCodecs.HashHex, "\u00e9t\u00e9", "h" }[random.Next(6)])
                        : new BencodeString(SessionRecordCodecs.SmallTorrent);
                case 3:
                    {
                        var list = new BencodeList();
                        for (int k = random.Next(0, 5); k > 0; k--)
                        {
                            list.Add(RandomValue(random, depth + 1));
                        }

                        return list;
                    }

                default:
                    {
                        var dictionary = new BencodeDictionary();
                        for (int k = random.Next(0, 4); k > 0; k--)
                        {
                            dictionary.Set(FieldNames[random.Next(FieldNames.Length)], RandomValue(random, depth + 1));
                        }

                        return dictionary;
                    }
            }
        }
    }
}
