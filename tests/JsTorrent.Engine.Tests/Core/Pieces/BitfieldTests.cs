using System;
using JsTorrent.Engine.Core.Pieces;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    public class BitfieldTests
    {
        [Fact]
        public void WireFormIsMsbFirstWithZeroSpareBits()
        {
            var bitfield = PickerTestKit.Have(13, 0, 7, 8, 12);
            var wire = new byte[bitfield.WireLength];
            bitfield.WriteWire(wire);

            Assert.Equal(2, bitfield.WireLength);
            Assert.Equal(new byte[] { 0x81, 0x88 }, wire);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(8)]
        [InlineData(63)]
        [InlineData(64)]
        [InlineData(65)]
        [InlineData(1000)]
        public void WireRoundTripKeepsEveryBitAndTheCount(int length)
        {
            var random = new Random(length);
            var original = new Bitfield(length);
            for (int i = 0; i < length; i++)
            {
                original[i] = random.Next(3) == 0;
            }

            var wire = new byte[original.WireLength];
            original.WriteWire(wire);

            Assert.True(Bitfield.TryReadWire(wire, length, out var copy));
            Assert.Equal(original.CountSet, copy!.CountSet);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(original[i], copy[i]);
            }
        }

        [Fact]
        public void ReadingRejectsSpareBitsAndWrongByteCounts()
        {
            Assert.False(Bitfield.TryReadWire(new byte[] { 0xFF, 0xF8 | 0x04 }, 13, out var withSpare));
            Assert.Null(withSpare);
            Assert.False(Bitfield.TryReadWire(new byte[] { 0xFF }, 13, out _));
            Assert.False(Bitfield.TryReadWire(new byte[] { 0xFF, 0xF8, 0x00 }, 13, out _));
            Assert.True(Bitfield.TryReadWire(new byte[] { 0xFF, 0xF8 }, 13, out var full));
            Assert.True(full!.IsAllSet);
        }

        [Fact]
        public void ReadWireIntoLeavesTheBitsAloneOnBadInput()
        {
            var bitfield = PickerTestKit.Have(10, 3);
            Assert.False(bitfield.ReadWireInto(new byte[] { 0xFF, 0xFF }));
            Assert.True(bitfield[3]);
            Assert.Equal(1, bitfield.CountSet);

            Assert.True(bitfield.ReadWireInto(new byte[] { 0x00, 0x40 }));
            Assert.False(bitfield[3]);
            Assert.True(bitfield[9]);
            Assert.Equal(1, bitfield.CountSet);
        }

        [Fact]
        public void CountFollowsEverySetAndClear()
        {
            var bitfield = new Bitfield(70);
            Assert.True(bitfield.IsEmpty);
            bitfield[5] = true;
            bitfield[5] = true;
            bitfield[69] = true;
            Assert.Equal(2, bitfield.CountSet);
            Assert.True(bitfield.TrySet(6));
            Assert.False(bitfield.TrySet(6));
            bitfield[5] = false;
            bitfield[5] = false;
            Assert.Equal(2, bitfield.CountSet);

            bitfield.SetAll();
            Assert.True(bitfield.IsAllSet);
            Assert.Equal(70, bitfield.CountSet);
            var wire = new byte[bitfield.WireLength];
            bitfield.WriteWire(wire);
            Assert.Equal(0xFC, wire[8]); // 70 bits: the last byte holds 6, the 2 spare bits stay zero

            bitfield.ClearAll();
            Assert.True(bitfield.IsEmpty);
            Assert.Throws<ArgumentOutOfRangeException>(() => bitfield[70]);
            Assert.Throws<ArgumentOutOfRangeException>(() => bitfield[-1] = true);
        }

        [Fact]
        public void NextSetAndNextClearCrossWordBoundaries()
        {
            var bitfield = PickerTestKit.Have(200, 3, 64, 130, 199);
            Assert.Equal(3, bitfield.FirstSetIndex());
            Assert.Equal(64, bitfield.NextSet(4));
            Assert.Equal(130, bitfield.NextSet(65));
            Assert.Equal(199, bitfield.NextSet(131));
            Assert.Equal(-1, bitfield.NextSet(200));
            Assert.Equal(-1, new Bitfield(200).FirstSetIndex());

            var full = PickerTestKit.All(130);
            Assert.Equal(-1, full.NextClear(0));
            full[128] = false;
            Assert.Equal(128, full.NextClear(0));
            Assert.Equal(-1, full.NextClear(129));
        }

        [Fact]
        public void HasAnyNotInSaysWhetherThePeerHasSomethingWeLack()
        {
            var ours = PickerTestKit.Have(130, 1, 2, 129);
            Assert.False(PickerTestKit.Have(130, 1, 129).HasAnyNotIn(ours));
            Assert.False(new Bitfield(130).HasAnyNotIn(ours));
            Assert.True(PickerTestKit.Have(130, 1, 128).HasAnyNotIn(ours));
            Assert.True(PickerTestKit.Have(130, 64).HasAnyNotIn(new Bitfield(130)));
            Assert.Throws<ArgumentException>(() => ours.HasAnyNotIn(new Bitfield(129)));
        }

        [Fact]
        public void CloneAndCopyFromAreIndependentCopies()
        {
            var original = PickerTestKit.Have(100, 10, 90);
            var clone = original.Clone();
            clone[10] = false;
            Assert.True(original[10]);
            Assert.Equal(1, clone.CountSet);

            var target = PickerTestKit.Have(100, 50);
            target.CopyFrom(original);
            Assert.True(target[90]);
            Assert.False(target[50]);
            Assert.Equal(2, target.CountSet);
        }
    }
}
