using System;
using System.Collections;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>
    /// A bencoded dictionary (<c>d...e</c>) with byte-string keys. Entries keep
    /// the order they were read in (so a non-canonical input can still be
    /// inspected faithfully); <see cref="BencodeWriter"/> always emits keys sorted.
    /// Lookups are linear: dictionaries in the protocol have a handful of keys.
    /// </summary>
    public sealed class BencodeDictionary : BencodeValue, IReadOnlyCollection<KeyValuePair<BencodeString, BencodeValue>>
    {
        private readonly List<KeyValuePair<BencodeString, BencodeValue>> _entries = new List<KeyValuePair<BencodeString, BencodeValue>>();

        /// <summary>Number of entries.</summary>
        public int Count => _entries.Count;

        /// <summary>Gets the value of an ASCII key, or null when absent.</summary>
        /// <param name="key">The key.</param>
        public BencodeValue? this[string key] => TryGetValue(key, out var value) ? value : null;

        /// <summary>Looks up an ASCII key.</summary>
        /// <param name="key">The key (ASCII, as every key of the protocol is).</param>
        /// <param name="value">The value, or null.</param>
        /// <returns>True when the key is present.</returns>
        public bool TryGetValue(string key, out BencodeValue? value)
        {
            foreach (var entry in _entries)
            {
                if (entry.Key.EqualsAscii(key))
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        /// <summary>True when the ASCII key is present.</summary>
        /// <param name="key">The key.</param>
        /// <returns>True when present.</returns>
        public bool ContainsKey(string key) => TryGetValue(key, out _);

        /// <summary>Sets a key, replacing an existing entry with the same key.</summary>
        /// <param name="key">The key.</param>
        /// <param name="value">The value.</param>
        public void Set(string key, BencodeValue value) => Set(new BencodeString(key), value);

        /// <summary>Sets a key, replacing an existing entry with the same key.</summary>
        /// <param name="key">The key bytes.</param>
        /// <param name="value">The value.</param>
        public void Set(BencodeString key, BencodeValue value)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            for (int i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Key.Equals(key))
                {
                    _entries[i] = new KeyValuePair<BencodeString, BencodeValue>(key, value);
                    return;
                }
            }

            _entries.Add(new KeyValuePair<BencodeString, BencodeValue>(key, value));
        }

        /// <summary>Sets a text value (UTF-8).</summary>
        /// <param name="key">The key.</param>
        /// <param name="text">The text.</param>
        public void Set(string key, string text) => Set(key, new BencodeString(text));

        /// <summary>Sets an integer value.</summary>
        /// <param name="key">The key.</param>
        /// <param name="number">The integer.</param>
        public void Set(string key, long number) => Set(key, new BencodeInteger(number));

        /// <summary>Removes a key.</summary>
        /// <param name="key">The ASCII key.</param>
        /// <returns>True when it was present.</returns>
        public bool Remove(string key)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Key.EqualsAscii(key))
                {
                    _entries.RemoveAt(i);
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc/>
        public IEnumerator<KeyValuePair<BencodeString, BencodeValue>> GetEnumerator() => _entries.GetEnumerator();

        /// <inheritdoc/>
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Appends an entry without the duplicate check; the reader has done it already.</summary>
        internal void AddParsed(BencodeString key, BencodeValue value) =>
            _entries.Add(new KeyValuePair<BencodeString, BencodeValue>(key, value));
    }
}
