using System;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Tests.Session
{
    public class TorrentBitfieldRecordTests
    {
        private const string Key = "torrent:0123456789abcdef0123456789abcdef01234567:bitfield";

        internal static Bitfield Bits(int length, params int[] set)
        {
            var bits = new Bitfield(length);
            foreach (int index in set)
            {
                bits.TrySet(index);
            }

            return bits;
        }

        internal static TorrentBitfieldRecord Sample(int pieceCount, int seed)
        {
            var random = new Random(seed);
            var durable = new Bitfield(pieceCount);
            var unsure = new Bitfield(pieceCount);
            for (int i = 0; i < pieceCount; i++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        durable.TrySet(i);
                        break;
                    case 1:
                        unsure.TrySet(i);
                        break;
                }
            }

            // Always the first and last piece, so the edge bits of the wire form are exercised.
            durable.TrySet(0);
            unsure.TrySet(pieceCount - 1);
            var files = new[]
            {
                new FileStamp(123_456_789_012, 638_532_000_000_000_000),
                FileStamp.Missing,
                new FileStamp(0, 0),
                new FileStamp(1, long.MaxValue),
            };
            return new TorrentBitfieldRecord(durable, unsure, files);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(8)]
        [InlineData(9)]
        [InlineData(63)]
        [InlineData(64)]
        [InlineData(65)]
        [InlineData(1000)]
        public void DurableUnsureAndStampsRoundTrip(int pieceCount)
        {
            var original = Sample(pieceCount, pieceCount);
            var decoded = TorrentBitfieldRecord.Decode(Key, original.Encode());

            Assert.Equal(pieceCount, decoded.PieceCount);
            Assert.Equal(pieceCount, decoded.Unsure.Length);
            for (int i = 0; i < pieceCount; i++)
            {
                Assert.Equal(original.Durable[i], decoded.Durable[i]);
                Assert.Equal(original.Unsure[i], decoded.Unsure[i]);
            }

            Assert.Equal(original.Durable.CountSet, decoded.Durable.CountSet);
            Assert.Equal(original.Unsure.CountSet, decoded.Unsure.CountSet);
            Assert.Equal(original.Files, decoded.Files);
            Assert.True(decoded.Files[1].IsMissing);
            Assert.False(decoded.Files[2].IsMissing);
            Assert.Equal(original.Encode(), decoded.Encode());
        }

        [Fact]
        public void EmptyAndFullBitfieldsRoundTrip()
        {
            var full = new Bitfield(9);
            full.SetAll();
            var decoded = TorrentBitfieldRecord.Decode(Key, new TorrentBitfieldRecord(full, new Bitfield(9), Array.Empty<FileStamp>()).Encode());
            Assert.True(decoded.Durable.IsAllSet);
            Assert.True(decoded.Unsure.IsEmpty);
            Assert.Empty(decoded.Files);
        }

        [Fact]
        public void TheWireFormIsBep3BitOrder()
        {
            var record = new TorrentBitfieldRecord(Bits(9, 0, 8), Bits(9, 1), new[] { new FileStamp(5, 6) });
            Assert.Equal(
                "d7:durable2:\u0080\u00805:fileslli5ei6eee6:piecesi9e6:unsure2:\u0040\u00001:vi1ee",
                Encoding.Latin1.GetString(record.Encode()));
        }

        [Fact]
        public void AnyNegativeSizeDecodesAsMissing()
        {
            var decoded = TorrentBitfieldRecord.Decode(Key, Encoding.ASCII.GetBytes("d7:durable1:\u00005:fileslli-7ei99eeli-1ei0eee6:piecesi1e6:unsure1:\u00001:vi1ee"));
            Assert.All(decoded.Files, stamp => Assert.Equal(FileStamp.Missing, stamp));
        }

        [Fact]
        public void FileStampEqualityIsSizeAndTime()
        {
            Assert.Equal(new FileStamp(10, 20), new FileStamp(10, 20));
            Assert.NotEqual(new FileStamp(10, 20), new FileStamp(10, 21));
            Assert.NotEqual(new FileStamp(10, 20), new FileStamp(11, 20));
            Assert.True(FileStamp.Missing.IsMissing);
            Assert.False(new FileStamp(0, 0).IsMissing);
            Assert.Equal(new FileStamp(10, 20).GetHashCode(), new FileStamp(10, 20).GetHashCode());
            Assert.True(new FileStamp(10, 20).Equals((object)new FileStamp(10, 20)));
            Assert.False(new FileStamp(10, 20).Equals("x"));
            Assert.Single(new[] { new FileStamp(1, 2), new FileStamp(1, 2) }.Distinct());
        }
    }
}
