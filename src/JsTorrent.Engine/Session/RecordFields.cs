using System;
using System.Collections.Generic;
using System.Text;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// Typed access to the fields of one bencoded session record. Every way a record can be wrong
    /// (not bencode, wrong version, missing or mistyped field) ends in one
    /// <see cref="SessionRecordFormatException"/> that names the key, so restoring can skip it.
    /// </summary>
    internal sealed class RecordFields
    {
        private readonly BencodeDictionary _fields;

        private RecordFields(string key, BencodeDictionary fields)
        {
            Key = key;
            _fields = fields;
        }

        public string Key { get; }

        /// <summary>Writes a record: the version first, then the fields.</summary>
        public static byte[] Encode(int version, BencodeDictionary fields)
        {
            fields.Set("v", version);
            return fields.Encode();
        }

        public static RecordFields Parse(string key, ReadOnlySpan<byte> bytes, int version)
        {
            BencodeValue value;
            try
            {
                value = BencodeReader.Read(bytes, new BencodeReaderOptions { MaxDepth = 8 });
            }
            catch (BencodeFormatException ex)
            {
                throw new SessionRecordFormatException(key, "not a valid record (" + ex.Message + ").", ex);
            }

            if (!(value is BencodeDictionary dictionary))
            {
                throw new SessionRecordFormatException(key, "not a valid record (expected a dictionary).");
            }

            var fields = new RecordFields(key, dictionary);
            long found = fields.Integer("v");
            if (found != version)
            {
                throw new SessionRecordFormatException(key, "version " + found + " is not known (expected " + version + ").");
            }

            return fields;
        }

        public long Integer(string name) => OptionalInteger(name) ?? throw Missing(name);

        public long Integer(string name, long minimum, long maximum)
        {
            long value = Integer(name);
            return value >= minimum && value <= maximum ? value : throw Invalid(name, "out of range");
        }

        public long? OptionalInteger(string name) => _fields[name] switch
        {
            null => null,
            BencodeInteger integer => integer.Value,
            _ => throw Invalid(name, "not an integer"),
        };

        public byte[] Bytes(string name) => OptionalBytes(name) ?? throw Missing(name);

        public byte[]? OptionalBytes(string name) => _fields[name] switch
        {
            null => null,
            BencodeString text => text.ToArray(),
            _ => throw Invalid(name, "not a byte string"),
        };

        public string? OptionalText(string name)
        {
            var value = _fields[name];
            if (value is null)
            {
                return null;
            }

            if (value is BencodeString text && text.TryGetUtf8(out string? decoded))
            {
                return decoded;
            }

            throw Invalid(name, "not UTF-8 text");
        }

        public IReadOnlyList<BencodeValue> List(string name) => _fields[name] switch
        {
            null => Array.Empty<BencodeValue>(),
            BencodeList list => list,
            _ => throw Invalid(name, "not a list"),
        };

        public static long IntegerAt(string key, IReadOnlyList<BencodeValue> list, int index, string what) =>
            index < list.Count && list[index] is BencodeInteger integer
                ? integer.Value
                : throw new SessionRecordFormatException(key, what + " is malformed.");

        public static string TextAt(string key, IReadOnlyList<BencodeValue> list, int index, string what) =>
            index < list.Count && list[index] is BencodeString text && text.TryGetUtf8(out string? decoded) && decoded != null
                ? decoded
                : throw new SessionRecordFormatException(key, what + " is malformed.");

        public static BencodeString Text(string text) => new BencodeString(Encoding.UTF8.GetBytes(text));

        public SessionRecordFormatException Invalid(string name, string problem) => new SessionRecordFormatException(Key, "field '" + name + "' is " + problem + ".");

        private SessionRecordFormatException Missing(string name) => new SessionRecordFormatException(Key, "field '" + name + "' is missing.");
    }
}
