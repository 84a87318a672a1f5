using System;
using System.Buffers.Binary;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Twenty bytes held in three fields, big-endian, so value types built on it
    /// (<see cref="InfoHash"/>, <see cref="PeerId"/>) compare and order without an array.
    /// </summary>
    internal readonly struct Bytes20 : IEquatable<Bytes20>, IComparable<Bytes20>
    {
        public const int Length = 20;

        private readonly ulong _a;
        private readonly ulong _b;
        private readonly uint _c;

        /// <summary>Reads the first 20 bytes of <paramref name="bytes"/>; the caller checks the length.</summary>
        public Bytes20(ReadOnlySpan<byte> bytes)
        {
            _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            _b = BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8));
            _c = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(16));
        }

        public bool IsZero => (_a | _b | _c) == 0;

        public void CopyTo(Span<byte> destination)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), _b);
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16), _c);
        }

        public byte[] ToArray()
        {
            var bytes = new byte[Length];
            CopyTo(bytes);
            return bytes;
        }

        public string ToHex()
        {
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            return HexEncoding.Encode(bytes);
        }

        public bool Equals(Bytes20 other) => _a == other._a && _b == other._b && _c == other._c;

        public override bool Equals(object? obj) => obj is Bytes20 other && Equals(other);

        /// <summary>Mixes all three fields: peer ids share long prefixes, so no single field is enough.</summary>
        public override int GetHashCode()
        {
            ulong mixed = _a ^ (_b * 31) ^ ((ulong)_c * 1000003);
            return unchecked((int)mixed ^ (int)(mixed >> 32));
        }

        public int CompareTo(Bytes20 other)
        {
            int c = _a.CompareTo(other._a);
            if (c == 0)
            {
                c = _b.CompareTo(other._b);
            }

            return c != 0 ? c : _c.CompareTo(other._c);
        }
    }
}
