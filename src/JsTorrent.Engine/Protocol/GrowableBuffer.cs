using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>An append-only byte buffer that doubles as it fills; for building messages and files.</summary>
    internal sealed class GrowableBuffer
    {
        private byte[] _buffer;

        public GrowableBuffer(int capacity)
        {
            _buffer = new byte[Math.Max(16, capacity)];
        }

        public int Length { get; private set; }

        public ReadOnlySpan<byte> WrittenSpan => new ReadOnlySpan<byte>(_buffer, 0, Length);

        public void Write(byte value)
        {
            Ensure(1);
            _buffer[Length++] = value;
        }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(new Span<byte>(_buffer, Length, bytes.Length));
            Length += bytes.Length;
        }

        public void WriteDecimal(long value)
        {
            Span<byte> digits = stackalloc byte[20];
            int i = digits.Length;
            ulong magnitude = value < 0 ? unchecked((ulong)(-(value + 1)) + 1) : (ulong)value;
            do
            {
                digits[--i] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }
            while (magnitude != 0);

            if (value < 0)
            {
                Write((byte)'-');
            }

            Write(digits.Slice(i));
        }

        public byte[] ToArray() => WrittenSpan.ToArray();

        private void Ensure(int extra)
        {
            if (Length + extra <= _buffer.Length)
            {
                return;
            }

            long wanted = Math.Max((long)_buffer.Length * 2, (long)Length + extra);
            if (wanted > int.MaxValue - 64)
            {
                wanted = Math.Max(Length + (long)extra, int.MaxValue - 64);
            }

            Array.Resize(ref _buffer, (int)wanted);
        }
    }
}
