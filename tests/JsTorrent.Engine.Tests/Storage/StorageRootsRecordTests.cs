using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Storage
{
    public class StorageRootsRecordTests
    {
        private static readonly string H1 = new string('1', 40);
        private static readonly string H2 = new string('b', 64);

        private static StorageRootsRecord Sample() => new StorageRootsRecord(
            new[] { new StorageRoot("tok-b", "Downloads", "/home/me/Downloads"), new StorageRoot("tok-a", "Ext\u00e9rieur", "") },
            "tok-a",
            new[] { new KeyValuePair<string, string>(H1, "tok-b"), new KeyValuePair<string, string>(H2.ToUpperInvariant(), "tok-a") });

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        private static SessionRecordFormatException Refused(string text) =>
            Assert.Throws<SessionRecordFormatException>(() => StorageRootsRecord.Decode(Bytes(text)));

        [Fact]
        public void EncodesCanonicalVersionedBencode()
        {
            var record = new StorageRootsRecord(new[] { new StorageRoot("t", "L", "/p") }, "t", new[] { new KeyValuePair<string, string>(H1, "t") });
            Assert.Equal(
                "d11:assignmentsd40:" + H1 + "1:te7:default1:t5:rootsld5:label1:L4:path2:/p5:token1:tee1:vi1ee",
                Encoding.UTF8.GetString(record.Encode()));
        }

        [Fact]
        public void RoundTripsEveryPart()
        {
            var record = StorageRootsRecord.Decode(Sample().Encode());
            Assert.Equal(new[] { "tok-b", "tok-a" }, record.Roots.Select(r => r.Token));
            Assert.Equal(new[] { "Downloads", "Ext\u00e9rieur" }, record.Roots.Select(r => r.Label));
            Assert.Equal(new[] { "/home/me/Downloads", "" }, record.Roots.Select(r => r.Path));
            Assert.Equal("tok-a", record.DefaultToken);
            Assert.Equal(2, record.Assignments.Count);
            Assert.Equal("tok-b", record.Assignments[H1]);
            Assert.Equal("tok-a", record.Assignments[H2]);
            Assert.Equal(Sample().Encode(), record.Encode());
        }

        [Fact]
        public void TheEmptyRecordRoundTrips()
        {
            var record = StorageRootsRecord.Decode(StorageRootsRecord.Empty.Encode());
            Assert.Empty(record.Roots);
            Assert.Null(record.DefaultToken);
            Assert.Empty(record.Assignments);
            Assert.Equal("d11:assignmentsde5:rootsle1:vi1ee", Encoding.UTF8.GetString(StorageRootsRecord.Empty.Encode()));
        }

        [Fact]
        public void OptionalAndUnknownFieldsAreAccepted()
        {
            var record = StorageRootsRecord.Decode(Bytes("d5:extrai7e5:rootsld5:label1:L4:path0:4:somei1e5:token1:tee1:vi1ee"));
            Assert.Equal("t", record.Roots.Single().Token);
            Assert.Null(record.DefaultToken);
            Assert.Empty(record.Assignments);
        }

        [Fact]
        public void ConstructorRefusesInconsistentParts()
        {
            var a = new StorageRoot("a", "A", "");
            Assert.Contains("names two roots", Assert.Throws<ArgumentException>(() => new StorageRootsRecord(new[] { a, new StorageRoot("a", "B", "") }, null, null)).Message);
            Assert.Contains("default token 'b' names no root", Assert.Throws<ArgumentException>(() => new StorageRootsRecord(new[] { a }, "b", null)).Message);
            Assert.Contains("names no root", Assert.Throws<ArgumentException>(() =>
                new StorageRootsRecord(new[] { a }, null, new[] { new KeyValuePair<string, string>(H1, "b") })).Message);
            Assert.Contains("assigned twice", Assert.Throws<ArgumentException>(() => new StorageRootsRecord(new[] { a }, null, new[]
            {
                new KeyValuePair<string, string>(H2, "a"), new KeyValuePair<string, string>(H2.ToUpperInvariant(), "a"),
            })).Message);
            Assert.Throws<ArgumentException>(() => new StorageRootsRecord(new[] { a }, null, new[] { new KeyValuePair<string, string>("xyz", "a") }));
            Assert.Throws<ArgumentException>(() => new StorageRootsRecord(new StorageRoot[] { null! }, null, null));
            Assert.Throws<ArgumentNullException>(() => new StorageRootsRecord(null!, null, null));
        }

        [Theory]
        [InlineData("", "not valid bencode")]
        [InlineData("i1e", "the record is not a dictionary")]
        [InlineData("de", "the record has no 'v' field")]
        [InlineData("d1:v1:1e", "'v' is not an integer")]
        [InlineData("d1:vi2ee", "version 2 is not supported")]
        [InlineData("d1:vi1ee", "the record has no 'roots' field")]
        [InlineData("d5:rootsi0e1:vi1ee", "'roots' is not a list")]
        [InlineData("d5:rootsli0ee1:vi1ee", "a root is not a dictionary")]
        [InlineData("d5:rootsld5:label1:L4:path0:ee1:vi1ee", "root #0 has no 'token' field")]
        [InlineData("d5:rootsld4:path0:5:token1:tee1:vi1ee", "root #0 has no 'label' field")]
        [InlineData("d5:rootsld5:label1:L5:token1:tee1:vi1ee", "root #0 has no 'path' field")]
        [InlineData("d5:rootsld5:label1:L4:path0:5:tokeni1eee1:vi1ee", "root #0's token is not a string")]
        [InlineData("d5:rootsld5:label1:L4:path0:5:token3:a bee1:vi1ee", "root #0: A storage root token must be printable ASCII")]
        [InlineData("d5:rootsld5:label2:  4:path0:5:token1:tee1:vi1ee", "root #0: A storage root label must not be empty")]
        [InlineData("d5:rootsld5:label1:L4:path0:5:token1:ted5:label1:M4:path0:5:token1:tee1:vi1ee", "the token t names two roots")]
        [InlineData("d7:default1:x5:rootsle1:vi1ee", "the default token 'x' names no root")]
        [InlineData("d7:defaulti1e5:rootsle1:vi1ee", "'default' is not a string")]
        [InlineData("d11:assignmentsle5:rootsle1:vi1ee", "'assignments' is not a dictionary")]
        [InlineData("d11:assignmentsd3:abc1:te5:rootsle1:vi1ee", "the assignment key 'abc' is not a lower-case hex info-hash")]
        [InlineData("d11:assignmentsd40:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1:te5:rootsle1:vi1ee", "is not a lower-case hex info-hash")]
        [InlineData("d11:assignmentsd40:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaai1ee5:rootsle1:vi1ee", "is not a string")]
        [InlineData("d11:assignmentsd40:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1:te5:rootsle1:vi1ee", "is assigned to 't', which names no root")]
        [InlineData("d5:rootslllleeee1:vi1ee", "nesting deeper than")]
        public void DecodingRefusesBadRecordsWithAReason(string text, string reason)
        {
            var e = Refused(text);
            Assert.Contains(reason, e.Message);
            Assert.Equal(StorageRootsRecord.StoreKey, e.Key);
            Assert.StartsWith("The session record 'session:storage-roots' is unreadable: ", e.Message);
            Assert.Contains(reason, e.Reason);
        }

        [Fact]
        public void InvalidUtf8IsRefused()
        {
            byte[] bytes = Bytes("d5:rootsld5:label1:L4:path1:X5:token1:tee1:vi1ee");
            int x = Array.IndexOf(bytes, (byte)'X');
            bytes[x] = 0xFF;
            var e = Assert.Throws<SessionRecordFormatException>(() => StorageRootsRecord.Decode(bytes, "custom:key"));
            Assert.Contains("root #0's path is not valid UTF-8", e.Message);
            Assert.Equal("custom:key", e.Key);
        }

        [Fact]
        public void BencodeErrorsAreWrapped()
        {
            var e = Refused("d1:vi1ee trailing");
            Assert.IsType<JsTorrent.Engine.Protocol.BencodeFormatException>(e.InnerException);
        }

        [Fact]
        public void EveryTruncationIsRefused()
        {
            byte[] valid = Sample().Encode();
            for (int length = 0; length < valid.Length; length++)
            {
                var prefix = valid.AsSpan(0, length).ToArray();
                var e = Assert.Throws<SessionRecordFormatException>(() => StorageRootsRecord.Decode(prefix));
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            }
        }

        [Fact]
        public void RandomBytesAndMutationsOnlyEverThrowTheFormatException()
        {
            byte[] valid = Sample().Encode();
            byte[] alphabet = Bytes("dlie0123456789:-vtabx");
            var random = new Random(20240605);
            int decoded = 0;
            for (int i = 0; i < 2000; i++)
            {
                byte[] input;
                if (i % 2 == 0)
                {
                    input = (byte[])valid.Clone();
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        input[random.Next(input.Length)] = random.Next(3) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                    }
                }
                else
                {
                    input = new byte[random.Next(0, 96)];
                    for (int k = 0; k < input.Length; k++)
                    {
                        input[k] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                    }
                }

                try
                {
                    var record = StorageRootsRecord.Decode(input);
                    decoded++;

                    // Whatever decodes is consistent: it re-encodes and decodes to the same bytes.
                    Assert.Equal(record.Encode(), StorageRootsRecord.Decode(record.Encode()).Encode());
                }
                catch (SessionRecordFormatException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                }
            }

            Assert.True(decoded > 0, "some mutations (inside labels and paths) must still decode");
        }
    }
}
