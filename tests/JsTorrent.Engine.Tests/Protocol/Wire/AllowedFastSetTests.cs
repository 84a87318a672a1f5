using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class AllowedFastSetTests
    {
        private static readonly InfoHash AllAa = new InfoHash(Fill(0xAA));

        [Fact]
        public void Bep6Example_SevenPieces()
        {
            var set = new List<int>();
            AllowedFastSet.Generate(new byte[] { 80, 4, 4, 200 }, AllAa, 1313, 7, set);
            Assert.Equal(new[] { 1059, 431, 808, 1217, 287, 376, 1188 }, set);
        }

        [Fact]
        public void Bep6Example_NinePieces()
        {
            var set = new List<int>();
            AllowedFastSet.Generate(new byte[] { 80, 4, 4, 200 }, AllAa, 1313, 9, set);
            Assert.Equal(new[] { 1059, 431, 808, 1217, 287, 376, 1188, 353, 508 }, set);
        }

        [Fact]
        public void LastOctetIsMasked()
        {
            var a = new List<int>();
            var b = new List<int>();
            AllowedFastSet.Generate(new byte[] { 80, 4, 4, 200 }, AllAa, 1313, 9, a);
            AllowedFastSet.Generate(new byte[] { 80, 4, 4, 1 }, AllAa, 1313, 9, b);
            Assert.Equal(a, b);
            AllowedFastSet.Generate(new byte[] { 80, 4, 5, 200 }, AllAa, 1313, 9, b);
            Assert.NotEqual(a, b);
        }

        [Fact]
        public void FewerPiecesThanTheSetSize_GivesEveryPieceOnce()
        {
            var set = new List<int> { 99 };
            AllowedFastSet.Generate(new byte[] { 10, 0, 0, 1 }, AllAa, 3, 10, set);
            set.Sort();
            Assert.Equal(new[] { 0, 1, 2 }, set);

            AllowedFastSet.Generate(new byte[] { 10, 0, 0, 1 }, AllAa, 0, 10, set);
            Assert.Empty(set);
        }

        [Fact]
        public void BadArguments_Throw()
        {
            var set = new List<int>();
            Assert.Throws<ArgumentException>(() => AllowedFastSet.Generate(new byte[16], AllAa, 10, 5, set));
            Assert.Throws<ArgumentOutOfRangeException>(() => AllowedFastSet.Generate(new byte[4], AllAa, -1, 5, set));
            Assert.Throws<ArgumentOutOfRangeException>(() => AllowedFastSet.Generate(new byte[4], AllAa, 10, -1, set));
            Assert.Throws<ArgumentNullException>(() => AllowedFastSet.Generate(new byte[4], AllAa, 10, 5, null!));
        }

        private static byte[] Fill(byte value)
        {
            var bytes = new byte[20];
            bytes.AsSpan().Fill(value);
            return bytes;
        }
    }
}
