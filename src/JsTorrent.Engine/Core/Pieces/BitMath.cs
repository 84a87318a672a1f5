#if NET8_0_OR_GREATER
using System.Numerics;
#endif

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>Bit counting on 64-bit words (intrinsics on net8.0, portable code on netstandard2.0).</summary>
    internal static class BitMath
    {
        /// <summary>Number of set bits.</summary>
        public static int PopCount(ulong value)
        {
#if NET8_0_OR_GREATER
            return BitOperations.PopCount(value);
#else
            value -= (value >> 1) & 0x5555555555555555UL;
            value = (value & 0x3333333333333333UL) + ((value >> 2) & 0x3333333333333333UL);
            value = (value + (value >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (int)((value * 0x0101010101010101UL) >> 56);
#endif
        }

        /// <summary>Index of the lowest set bit; 64 for zero.</summary>
        public static int TrailingZeroCount(ulong value)
        {
#if NET8_0_OR_GREATER
            return BitOperations.TrailingZeroCount(value);
#else
            // The bits below the lowest set bit, counted.
            return value == 0 ? 64 : PopCount((value & (~value + 1)) - 1);
#endif
        }

        /// <summary>Reverses the bit order of a byte (the wire format is MSB-first, words are LSB-first).</summary>
        public static byte Reverse(byte value)
        {
            int v = value;
            v = ((v & 0xF0) >> 4) | ((v & 0x0F) << 4);
            v = ((v & 0xCC) >> 2) | ((v & 0x33) << 2);
            v = ((v & 0xAA) >> 1) | ((v & 0x55) << 1);
            return (byte)v;
        }
    }
}
