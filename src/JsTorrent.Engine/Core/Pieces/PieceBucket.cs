using System;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>An unordered growable list of piece indices (one priority and availability class).</summary>
    internal sealed class PieceBucket
    {
        private int[] _items = new int[4];

        /// <summary>Number of pieces.</summary>
        public int Count { get; private set; }

        /// <summary>The piece at a position.</summary>
        /// <param name="position">0..Count-1.</param>
        public int this[int position] => _items[position];

        /// <summary>Appends a piece; returns its position.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The position.</returns>
        public int Add(int piece)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count] = piece;
            return Count++;
        }

        /// <summary>Swaps two positions.</summary>
        /// <param name="a">A position.</param>
        /// <param name="b">Another.</param>
        public void Swap(int a, int b)
        {
            int t = _items[a];
            _items[a] = _items[b];
            _items[b] = t;
        }

        /// <summary>Removes the piece at a position by moving the last piece there.</summary>
        /// <param name="position">The position.</param>
        /// <returns>The piece now at <paramref name="position"/>, or -1 when the removed one was last.</returns>
        public int RemoveAt(int position)
        {
            int last = --Count;
            if (position == last)
            {
                return -1;
            }

            _items[position] = _items[last];
            return _items[position];
        }
    }
}
