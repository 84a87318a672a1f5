using JsTorrent.Engine.Core.Pieces;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// Blocks a peer asked us for, in arrival order: a fixed ring, so queuing allocates nothing.
    /// Bounded: a peer that queues more than <see cref="Capacity"/> requests is refused the excess
    /// (BEP 6 peers get a reject).
    /// </summary>
    internal sealed class UploadQueue
    {
        /// <summary>Most requests kept per peer; matches the <c>reqq</c> we advertise.</summary>
        public const int Capacity = 250;

        private readonly BlockRequest[] _ring = new BlockRequest[Capacity];
        private int _head;

        public int Count { get; private set; }

        /// <summary>Reads being served from disk for this peer right now.</summary>
        public int InFlight { get; set; }

        public bool TryEnqueue(BlockRequest request)
        {
            if (Count == Capacity)
            {
                return false;
            }

            _ring[(_head + Count) % Capacity] = request;
            Count++;
            return true;
        }

        public bool TryPeek(out BlockRequest request)
        {
            request = Count == 0 ? default : _ring[_head];
            return Count != 0;
        }

        public bool TryDequeue(out BlockRequest request)
        {
            if (Count == 0)
            {
                request = default;
                return false;
            }

            request = _ring[_head];
            _head = (_head + 1) % Capacity;
            Count--;
            return true;
        }

        /// <summary>Drops a queued request (the peer cancelled it); later ones move up one place.</summary>
        public bool Remove(int piece, int begin, int length)
        {
            for (int i = 0; i < Count; i++)
            {
                var r = _ring[(_head + i) % Capacity];
                if (r.Piece == piece && r.Begin == begin && r.Length == length)
                {
                    for (int j = i; j < Count - 1; j++)
                    {
                        _ring[(_head + j) % Capacity] = _ring[(_head + j + 1) % Capacity];
                    }

                    Count--;
                    return true;
                }
            }

            return false;
        }

        public void Clear()
        {
            _head = 0;
            Count = 0;
        }
    }
}
