using System;
using System.Buffers;
using System.Threading;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// The engine's one source of I/O buffers (blocks, receive and send buffers). It lends from a
    /// shared array pool and counts what is out, so a test can prove that stopping or removing a
    /// torrent leaves no buffer behind.
    /// </summary>
    internal sealed class EngineBufferPool
    {
        private readonly ArrayPool<byte> _pool;
        private long _outstanding;

        public EngineBufferPool(ArrayPool<byte>? pool = null)
        {
            _pool = pool ?? ArrayPool<byte>.Shared;
        }

        /// <summary>Buffers lent and not yet returned.</summary>
        public long Outstanding => Interlocked.Read(ref _outstanding);

        public byte[] Rent(int minimumLength)
        {
            var buffer = _pool.Rent(minimumLength);
            Interlocked.Increment(ref _outstanding);
            return buffer;
        }

        public void Return(byte[] buffer)
        {
            if (buffer is null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            Interlocked.Decrement(ref _outstanding);
            _pool.Return(buffer);
        }
    }
}
