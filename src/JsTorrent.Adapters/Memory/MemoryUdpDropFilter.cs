using System;
using System.Threading;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// Fault injection for UDP: decides which datagrams are lost. Set one on
    /// <see cref="MemoryNetwork.UdpDropFilter"/> (every datagram) or
    /// <see cref="MemorySocketFactory.UdpDropFilter"/> (datagrams that host sends). A filter may
    /// be called from several threads at once.
    /// </summary>
    public sealed class MemoryUdpDropFilter
    {
        private readonly Func<MemoryUdpPacket, bool> _shouldDrop;
        private long _dropped;

        private MemoryUdpDropFilter(Func<MemoryUdpPacket, bool> shouldDrop)
        {
            _shouldDrop = shouldDrop;
        }

        /// <summary>Datagrams this filter has dropped so far.</summary>
        public long DroppedCount => Interlocked.Read(ref _dropped);

        /// <summary>Drops every datagram.</summary>
        /// <returns>The filter.</returns>
        public static MemoryUdpDropFilter All() => new MemoryUdpDropFilter(_ => true);

        /// <summary>Drops the n-th, 2n-th, 3n-th... datagram the filter sees.</summary>
        /// <param name="n">The period; 1 drops everything.</param>
        /// <returns>The filter.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
        public static MemoryUdpDropFilter EveryNth(int n)
        {
            if (n < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(n), n, "The period must be at least 1.");
            }

            long seen = 0;
            return new MemoryUdpDropFilter(_ => Interlocked.Increment(ref seen) % n == 0);
        }

        /// <summary>Drops the datagrams a predicate picks.</summary>
        /// <param name="shouldDrop">Returns true for a datagram to lose.</param>
        /// <returns>The filter.</returns>
        public static MemoryUdpDropFilter Where(Func<MemoryUdpPacket, bool> shouldDrop)
        {
            if (shouldDrop == null)
            {
                throw new ArgumentNullException(nameof(shouldDrop));
            }

            return new MemoryUdpDropFilter(shouldDrop);
        }

        /// <summary>Whether to lose a datagram; counts the ones lost.</summary>
        internal bool ShouldDrop(in MemoryUdpPacket packet)
        {
            if (!_shouldDrop(packet))
            {
                return false;
            }

            Interlocked.Increment(ref _dropped);
            return true;
        }
    }
}
