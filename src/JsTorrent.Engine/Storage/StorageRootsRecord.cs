using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// What <see cref="StorageRootManager"/> persists: the roots in the order they were added, the default root and
    /// the torrent assignments, and its bencoded form in the session store. Immutable and always consistent: tokens are
    /// distinct, and the default and every assignment name one of the roots.
    /// </summary>
    /// <remarks>
    /// The encoding is a dictionary: <c>v</c> = <see cref="FormatVersion"/>; <c>roots</c> = a list of dictionaries
    /// with <c>token</c>, <c>label</c> and <c>path</c> (UTF-8); <c>default</c> = a token, absent when there is no
    /// default; <c>assignments</c> = a dictionary from lower-case hex info-hash to token. Decoding ignores keys it
    /// does not know, so a later minor addition stays readable; another version is refused.
    /// </remarks>
    public sealed class StorageRootsRecord
    {
        /// <summary>The value of the <c>v</c> field this code writes and reads.</summary>
        public const int FormatVersion = 1;

        /// <summary>The session-store key the record is meant to be stored under.</summary>
        public const string StoreKey = "session:storage-roots";

        // The record nests three levels (record, roots list, root); a little slack, no more.
        private const int MaxDepth = 4;

        /// <summary>Creates a record.</summary>
        /// <param name="roots">The roots, in order; tokens must be distinct.</param>
        /// <param name="defaultToken">The default root's token, or null for none.</param>
        /// <param name="assignments">Info-hash (hex, any case) to token; null for none.</param>
        /// <exception cref="ArgumentException">The parts are inconsistent (see the class summary) or an info-hash is not hex.</exception>
        public StorageRootsRecord(IEnumerable<StorageRoot> roots, string? defaultToken, IEnumerable<KeyValuePair<string, string>>? assignments)
        {
            if (roots is null)
            {
                throw new ArgumentNullException(nameof(roots));
            }

            var rootList = new List<StorageRoot>();
            foreach (var root in roots)
            {
                rootList.Add(root ?? throw new ArgumentException("A root is null.", nameof(roots)));
            }

            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in assignments ?? Array.Empty<KeyValuePair<string, string>>())
            {
                string infoHash = InfoHashKey.Normalize(pair.Key, nameof(assignments));
                if (map.ContainsKey(infoHash))
                {
                    throw new ArgumentException("The info-hash " + infoHash + " is assigned twice.", nameof(assignments));
                }

                map.Add(infoHash, pair.Value ?? throw new ArgumentException("The token of " + infoHash + " is null.", nameof(assignments)));
            }

            string? problem = Inconsistency(rootList, defaultToken, map);
            if (problem is not null)
            {
                throw new ArgumentException(problem);
            }

            Roots = rootList.AsReadOnly();
            DefaultToken = defaultToken;
            Assignments = new ReadOnlyDictionary<string, string>(map);
        }

        /// <summary>A record with no roots, no default and no assignments.</summary>
        public static StorageRootsRecord Empty { get; } = new StorageRootsRecord(Array.Empty<StorageRoot>(), null, null);

        /// <summary>The roots, in the order they were added.</summary>
        public IReadOnlyList<StorageRoot> Roots { get; }

        /// <summary>The default root's token, or null.</summary>
        public string? DefaultToken { get; }

        /// <summary>Lower-case hex info-hash to the token of the root assigned to that torrent.</summary>
        public IReadOnlyDictionary<string, string> Assignments { get; }

        /// <summary>Encodes the record as canonical bencode.</summary>
        /// <returns>The bytes to store.</returns>
        public byte[] Encode()
        {
            var record = new BencodeDictionary();
            record.Set("v", FormatVersion);
            var roots = new BencodeList();
            foreach (var root in Roots)
            {
                var entry = new BencodeDictionary();
                entry.Set("token", root.Token);
                entry.Set("label", root.Label);
                entry.Set("path", root.Path);
                roots.Add(entry);
            }

            record.Set("roots", roots);
            if (DefaultToken is not null)
            {
                record.Set("default", DefaultToken);
            }

            var assignments = new BencodeDictionary();
            foreach (var pair in Assignments)
            {
                assignments.Set(pair.Key, pair.Value);
            }

            record.Set("assignments", assignments);
            return BencodeWriter.Encode(record);
        }

        /// <summary>Decodes bytes written by <see cref="Encode"/>.</summary>
        /// <param name="bytes">The stored bytes.</param>
        /// <param name="key">The key they were stored under, for the error message.</param>
        /// <returns>The record.</returns>
        /// <exception cref="SessionRecordFormatException">The bytes are not a valid record of this version; never another type for bad bytes.</exception>
        public static StorageRootsRecord Decode(ReadOnlySpan<byte> bytes, string key = StoreKey)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            BencodeValue value;
            try
            {
                value = BencodeReader.Read(bytes, new BencodeReaderOptions { MaxDepth = MaxDepth });
            }
            catch (BencodeFormatException e)
            {
                throw new SessionRecordFormatException(key, "not valid bencode: " + e.Message, e);
            }

            var reader = new FieldReader(key);
            var record = reader.Dictionary(value, "the record");
            long version = reader.Integer(record, "v", "the record");
            if (version != FormatVersion)
            {
                throw reader.Error("version " + version + " is not supported (this engine reads version " + FormatVersion + ")");
            }

            var roots = new List<StorageRoot>();
            foreach (var item in reader.List(reader.Required(record, "roots", "the record"), "'roots'"))
            {
                roots.Add(ReadRoot(reader, reader.Dictionary(item, "a root"), roots.Count));
            }

            string? defaultToken = record["default"] is { } d ? reader.Text(d, "'default'") : null;
            var assignments = new Dictionary<string, string>(StringComparer.Ordinal);
            if (record["assignments"] is { } a)
            {
                foreach (var pair in reader.Dictionary(a, "'assignments'"))
                {
                    string infoHash = reader.Text(pair.Key, "an assignment's info-hash");
                    if (!InfoHashKey.IsLowerHex(infoHash))
                    {
                        throw reader.Error("the assignment key '" + AsciiSyntax.Abbreviate(infoHash) + "' is not a lower-case hex info-hash");
                    }

                    assignments.Add(infoHash, reader.Text(pair.Value, "the token of " + infoHash));
                }
            }

            string? problem = Inconsistency(roots, defaultToken, assignments);
            if (problem is not null)
            {
                throw reader.Error(problem);
            }

            return new StorageRootsRecord(roots, defaultToken, assignments);
        }

        private static StorageRoot ReadRoot(FieldReader reader, BencodeDictionary entry, int index)
        {
            string where = "root #" + index;
            string token = reader.Text(reader.Required(entry, "token", where), where + "'s token");
            string label = reader.Text(reader.Required(entry, "label", where), where + "'s label");
            string path = reader.Text(reader.Required(entry, "path", where), where + "'s path");
            string? problem = StorageRoot.TokenProblem(token) ?? StorageRoot.LabelProblem(label);
            if (problem is not null)
            {
                throw reader.Error(where + ": " + problem);
            }

            return new StorageRoot(token, label, path);
        }

        // One check for both the constructor and the decoder, so a decoded record can never fail the constructor.
        private static string? Inconsistency(List<StorageRoot> roots, string? defaultToken, Dictionary<string, string> assignments)
        {
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            foreach (var root in roots)
            {
                if (!tokens.Add(root.Token))
                {
                    return "the token " + root.Token + " names two roots";
                }
            }

            if (defaultToken is not null && !tokens.Contains(defaultToken))
            {
                return "the default token '" + AsciiSyntax.Abbreviate(defaultToken) + "' names no root";
            }

            foreach (var pair in assignments)
            {
                if (!tokens.Contains(pair.Value))
                {
                    return "the torrent " + pair.Key + " is assigned to '" + AsciiSyntax.Abbreviate(pair.Value) + "', which names no root";
                }
            }

            return null;
        }

        /// <summary>Typed access to decoded fields; every mismatch is a <see cref="SessionRecordFormatException"/>.</summary>
        private readonly struct FieldReader
        {
            private readonly string _key;

            public FieldReader(string key)
            {
                _key = key;
            }

            public SessionRecordFormatException Error(string reason) => new SessionRecordFormatException(_key, reason);

            public BencodeValue Required(BencodeDictionary dictionary, string field, string where) =>
                dictionary[field] ?? throw Error(where + " has no '" + field + "' field");

            public BencodeDictionary Dictionary(BencodeValue value, string what) =>
                value as BencodeDictionary ?? throw Error(what + " is not a dictionary");

            public BencodeList List(BencodeValue value, string what) =>
                value as BencodeList ?? throw Error(what + " is not a list");

            public long Integer(BencodeDictionary dictionary, string field, string where) =>
                (Required(dictionary, field, where) as BencodeInteger ?? throw Error("'" + field + "' is not an integer")).Value;

            public string Text(BencodeValue value, string what)
            {
                if (value is not BencodeString text)
                {
                    throw Error(what + " is not a string");
                }

                if (!text.TryGetUtf8(out string? decoded))
                {
                    throw Error(what + " is not valid UTF-8");
                }

                return decoded!;
            }
        }
    }
}
