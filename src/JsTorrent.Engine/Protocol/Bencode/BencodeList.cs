using System;
using System.Collections;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>A bencoded list (<c>l...e</c>).</summary>
    public sealed class BencodeList : BencodeValue, IReadOnlyList<BencodeValue>
    {
        private readonly List<BencodeValue> _items;

        /// <summary>Creates an empty list.</summary>
        public BencodeList()
        {
            _items = new List<BencodeValue>();
        }

        /// <summary>Creates a list holding <paramref name="items"/>.</summary>
        /// <param name="items">The items, in order.</param>
        public BencodeList(IEnumerable<BencodeValue> items)
        {
            _items = new List<BencodeValue>(items ?? throw new ArgumentNullException(nameof(items)));
        }

        /// <summary>Number of items.</summary>
        public int Count => _items.Count;

        /// <summary>The item at <paramref name="index"/>.</summary>
        /// <param name="index">Zero-based index.</param>
        public BencodeValue this[int index] => _items[index];

        /// <summary>Appends an item.</summary>
        /// <param name="item">The item.</param>
        public void Add(BencodeValue item) => _items.Add(item ?? throw new ArgumentNullException(nameof(item)));

        /// <inheritdoc/>
        public IEnumerator<BencodeValue> GetEnumerator() => _items.GetEnumerator();

        /// <inheritdoc/>
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
