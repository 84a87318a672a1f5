using System;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>A response body of unknown length, growing by doubling but never past its limit.</summary>
    internal sealed class HttpBodyBuffer
    {
        private readonly int _limit;
        private byte[] _data;

        public HttpBodyBuffer(int limit)
        {
            _limit = limit;
            _data = new byte[Math.Min(limit, 4096)];
        }

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Written => new ReadOnlyMemory<byte>(_data, 0, Length);

        /// <summary>Whether <paramref name="count"/> more bytes stay within the limit.</summary>
        public bool Fits(long count) => count <= _limit - Length;

        /// <summary>Appends bytes the caller checked with <see cref="Fits"/>.</summary>
        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (!Fits(bytes.Length))
            {
                throw new InvalidOperationException("The body would pass its limit.");
            }

            if (Length + bytes.Length > _data.Length)
            {
                long grown = Math.Max((long)_data.Length * 2, (long)Length + bytes.Length);
                Array.Resize(ref _data, (int)Math.Min(grown, _limit));
            }

            bytes.CopyTo(new Span<byte>(_data, Length, bytes.Length));
            Length += bytes.Length;
        }
    }
}
