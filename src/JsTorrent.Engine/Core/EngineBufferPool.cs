using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// The engine's one source of I/O buffers (blocks, receive and send buffers). It counts what is
    /// out, so a test can prove that stopping or removing a torrent leaves no buffer behind.
    /// </summary>
    /// <remarks>
    /// Blocks (16 KiB and smaller) come from a pool of this engine's own. The shared array pool
    /// keeps only a few arrays per size and core, and a download keeps thousands of blocks in
    /// flight between the network loop and the disk workers (rented on one thread, returned on
    /// another), so with it nearly every block was a fresh allocation: about 600 MiB of garbage
    /// per GiB downloaded and a heap three times the data in flight. Ours keeps up to
    /// <c>maxRetainedBlocks</c> in a lock-free queue; any beyond that go to the garbage collector.
    /// Larger buffers (receive and send buffers, whole pieces) are few and come from the shared pool.
    /// </remarks>
    internal sealed class EngineBufferPool
    {
        /// <summary>The size of a block buffer: the largest block the wire protocol moves.</summary>
        public const int BlockSize = 16 * 1024;

        private readonly ArrayPool<byte> _pool;
        private readonly ConcurrentQueue<byte[]> _blocks = new ConcurrentQueue<byte[]>();
        private readonly int _maxRetainedBlocks;
        private long _outstanding;
        private int _retainedBlocks;

        public EngineBufferPool(int maxRetainedBlocks, ArrayPool<byte>? pool = null)
        {
            _maxRetainedBlocks = maxRetainedBlocks;
            _pool = pool ?? ArrayPool<byte>.Shared;
        }

        /// <summary>Buffers lent and not yet returned.</summary>
        public long Outstanding => Interlocked.Read(ref _outstanding);

        /// <summary>Block buffers kept for reuse.</summary>
        public int RetainedBlocks => Volatile.Read(ref _retainedBlocks);

        public byte[] Rent(int minimumLength)
        {
            Interlocked.Increment(ref _outstanding);
            if (minimumLength > BlockSize)
            {
                return _pool.Rent(minimumLength);
            }

            if (_blocks.TryDequeue(out byte[]? block))
            {
                Interlocked.Decrement(ref _retainedBlocks);
                return block;
            }

            return new byte[BlockSize];
        }

        public void Return(byte[] buffer)
        {
            if (buffer is null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            Interlocked.Decrement(ref _outstanding);
            if (buffer.Length > BlockSize)
            {
                _pool.Return(buffer);
            }
            else if (Interlocked.Increment(ref _retainedBlocks) <= _maxRetainedBlocks)
            {
                _blocks.Enqueue(buffer);
            }
            else
            {
                Interlocked.Decrement(ref _retainedBlocks);
            }
        }
    }
}
