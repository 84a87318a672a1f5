using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>
    /// Writes bencode in canonical form: dictionary keys in ascending raw-byte
    /// order, integers without leading zeros, string lengths in decimal. Canonical
    /// output is what makes a torrent built twice from the same input hash the same.
    /// </summary>
    public static class BencodeWriter
    {
        /// <summary>Encodes a value.</summary>
        /// <param name="value">The value.</param>
        /// <returns>The canonical encoding.</returns>
        public static byte[] Encode(BencodeValue value)
        {
            var buffer = new GrowableBuffer(256);
            Write(value, buffer, 0);
            return buffer.ToArray();
        }

        private static void Write(BencodeValue value, GrowableBuffer buffer, int depth)
        {
            if (depth > 1024)
            {
                // A value built in code can be cyclic; refuse rather than overflow the stack.
                throw new InvalidOperationException("Bencode value nests deeper than 1024 levels (is it cyclic?).");
            }

            switch (value)
            {
                case BencodeInteger integer:
                    buffer.Write((byte)'i');
                    buffer.WriteDecimal(integer.Value);
                    buffer.Write((byte)'e');
                    break;
                case BencodeString text:
                    WriteString(text, buffer);
                    break;
                case BencodeList list:
                    buffer.Write((byte)'l');
                    foreach (var item in list)
                    {
                        Write(item, buffer, depth + 1);
                    }

                    buffer.Write((byte)'e');
                    break;
                case BencodeDictionary dictionary:
                    WriteDictionary(dictionary, buffer, depth);
                    break;
                default:
                    throw new ArgumentException("Unknown bencode value type " + value?.GetType().Name, nameof(value));
            }
        }

        private static void WriteDictionary(BencodeDictionary dictionary, GrowableBuffer buffer, int depth)
        {
            var entries = new KeyValuePair<BencodeString, BencodeValue>[dictionary.Count];
            int n = 0;
            foreach (var entry in dictionary)
            {
                entries[n++] = entry;
            }

            Array.Sort(entries, (x, y) => x.Key.CompareTo(y.Key));
            buffer.Write((byte)'d');
            foreach (var entry in entries)
            {
                WriteString(entry.Key, buffer);
                Write(entry.Value, buffer, depth + 1);
            }

            buffer.Write((byte)'e');
        }

        private static void WriteString(BencodeString text, GrowableBuffer buffer)
        {
            buffer.WriteDecimal(text.Length);
            buffer.Write((byte)':');
            buffer.Write(text.Span);
        }
    }
}
