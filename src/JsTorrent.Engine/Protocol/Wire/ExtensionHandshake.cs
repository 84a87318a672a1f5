using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// The BEP 10 extension handshake (extended message id 0): a bencoded dictionary in which "m" maps
    /// extension names to the extended message ids the sender wants to receive them under.
    /// </summary>
    /// <remarks>
    /// Parsing is strict about the shape that matters (valid bencode, a dictionary, "m" a dictionary)
    /// and lenient about the rest, as clients disagree on details: unknown keys, optional fields of the
    /// wrong type or out of range, and "m" entries that are not integers from 0 to 255 or whose names
    /// are not UTF-8 are ignored. Bytes after the dictionary are ignored too.
    /// </remarks>
    internal sealed class ExtensionHandshake
    {
        /// <summary>Largest payload parsed; real handshakes are a few hundred bytes.</summary>
        public const int MaxPayloadLength = 64 * 1024;

        private const int MaxDepth = 8;
        private const int MaxValues = 4096;

        private readonly Dictionary<string, int> _messageIds;
        private int? _listenPort;
        private int? _requestQueueLength;
        private long? _metadataSize;
        private byte[]? _yourIp;
        private byte[]? _ipv4;
        private byte[]? _ipv6;

        public ExtensionHandshake()
            : this(Array.Empty<KeyValuePair<string, int>>())
        {
        }

        /// <param name="messageIds">Extension names and the ids (1 to 255, or 0 for disabled) we receive them under.</param>
        public ExtensionHandshake(IEnumerable<KeyValuePair<string, int>> messageIds)
        {
            if (messageIds is null)
            {
                throw new ArgumentNullException(nameof(messageIds));
            }

            _messageIds = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in messageIds)
            {
                if (string.IsNullOrEmpty(entry.Key))
                {
                    throw new ArgumentException("An extension name must not be empty.", nameof(messageIds));
                }

                if (entry.Value < 0 || entry.Value > byte.MaxValue)
                {
                    throw new ArgumentOutOfRangeException(nameof(messageIds), entry.Value, "An extended message id is 0 to 255.");
                }

                _messageIds[entry.Key] = entry.Value;
            }
        }

        /// <summary>"m": extension name to extended message id; id 0 means the extension is disabled.</summary>
        public IReadOnlyDictionary<string, int> MessageIds => _messageIds;

        /// <summary>"v": client name and version, for display.</summary>
        public string? ClientVersion { get; set; }

        /// <summary>"p": the sender's listen port (1 to 65535).</summary>
        public int? ListenPort
        {
            get => _listenPort;
            set => _listenPort = value is null || (value >= 1 && value <= ushort.MaxValue)
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "A port is 1 to 65535.");
        }

        /// <summary>"reqq": how many outstanding requests the sender accepts (positive).</summary>
        public int? RequestQueueLength
        {
            get => _requestQueueLength;
            set => _requestQueueLength = value is null || value > 0
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The request queue length must be positive.");
        }

        /// <summary>"metadata_size": size of the info dictionary in bytes (BEP 9; positive). The caller bounds it.</summary>
        public long? MetadataSize
        {
            get => _metadataSize;
            set => _metadataSize = value is null || value > 0
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The metadata size must be positive.");
        }

        /// <summary>"yourip": the receiver's address as the sender sees it, 4 or 16 bytes.</summary>
        public byte[]? YourIp
        {
            get => _yourIp;
            set => _yourIp = CheckAddress(value, 4, 16, nameof(YourIp));
        }

        /// <summary>"ipv4": the sender's own IPv4 address, 4 bytes.</summary>
        public byte[]? Ipv4
        {
            get => _ipv4;
            set => _ipv4 = CheckAddress(value, 4, 4, nameof(Ipv4));
        }

        /// <summary>"ipv6": the sender's own IPv6 address, 16 bytes.</summary>
        public byte[]? Ipv6
        {
            get => _ipv6;
            set => _ipv6 = CheckAddress(value, 16, 16, nameof(Ipv6));
        }

        /// <summary>Parses the payload of an extended message with id 0 (after the extended id byte).</summary>
        /// <exception cref="PeerProtocolException">
        /// The payload is too long, not bencode, not a dictionary, or its "m" is not a dictionary.
        /// </exception>
        public static ExtensionHandshake Parse(ReadOnlySpan<byte> payload)
        {
            if (payload.Length > MaxPayloadLength)
            {
                throw new PeerProtocolException(
                    "Extension handshake is " + payload.Length + " bytes; the limit is " + MaxPayloadLength + ".");
            }

            BencodeValue root;
            try
            {
                // The overload with 'consumed' ignores bytes after the value (see the type remarks).
                root = BencodeReader.Read(payload, out _, ReaderOptions());
            }
            catch (BencodeFormatException e)
            {
                throw new PeerProtocolException("Extension handshake is not valid bencode: " + e.Message, e);
            }

            if (root is not BencodeDictionary dictionary)
            {
                throw new PeerProtocolException("Extension handshake is not a bencoded dictionary.");
            }

            var handshake = new ExtensionHandshake();
            if (dictionary.TryGetValue("m", out var m))
            {
                if (m is not BencodeDictionary ids)
                {
                    throw new PeerProtocolException("Extension handshake key \"m\" is not a dictionary.");
                }

                handshake.ReadMessageIds(ids);
            }

            if (dictionary["v"] is BencodeString version)
            {
                // Display text only: invalid UTF-8 becomes U+FFFD rather than losing the field.
                handshake.ClientVersion = version.ToString();
            }

            if (TryGetInteger(dictionary, "p", 1, ushort.MaxValue, out long port))
            {
                handshake.ListenPort = (int)port;
            }

            if (TryGetInteger(dictionary, "reqq", 1, int.MaxValue, out long queue))
            {
                handshake.RequestQueueLength = (int)queue;
            }

            if (TryGetInteger(dictionary, "metadata_size", 1, long.MaxValue, out long size))
            {
                handshake.MetadataSize = size;
            }

            handshake._yourIp = GetAddress(dictionary, "yourip", 4, 16);
            handshake._ipv4 = GetAddress(dictionary, "ipv4", 4, 4);
            handshake._ipv6 = GetAddress(dictionary, "ipv6", 16, 16);
            return handshake;
        }

        /// <summary>
        /// Takes in a later handshake from the same peer, as BEP 10 allows: its "m" entries replace
        /// ours one by one (0 disables an extension; names it leaves out keep their ids), and each
        /// other field it carries replaces ours, while fields it leaves out keep their values.
        /// </summary>
        public void Update(ExtensionHandshake later)
        {
            if (later is null)
            {
                throw new ArgumentNullException(nameof(later));
            }

            foreach (var entry in later._messageIds)
            {
                _messageIds[entry.Key] = entry.Value;
            }

            ClientVersion = later.ClientVersion ?? ClientVersion;
            _listenPort = later._listenPort ?? _listenPort;
            _requestQueueLength = later._requestQueueLength ?? _requestQueueLength;
            _metadataSize = later._metadataSize ?? _metadataSize;
            _yourIp = later._yourIp ?? _yourIp;
            _ipv4 = later._ipv4 ?? _ipv4;
            _ipv6 = later._ipv6 ?? _ipv6;
        }

        /// <summary>The id the sender wants <paramref name="name"/> messages under; 0 when it lacks or disabled the extension.</summary>
        public int GetMessageId(string name) => _messageIds.TryGetValue(name, out int id) ? id : 0;

        /// <summary>Encodes the handshake as canonical bencode ("m" always present, other fields when set).</summary>
        public byte[] Encode()
        {
            var ids = new BencodeDictionary();
            foreach (var entry in _messageIds)
            {
                ids.Set(entry.Key, entry.Value);
            }

            var root = new BencodeDictionary();
            root.Set("m", ids);
            if (ClientVersion is not null)
            {
                root.Set("v", ClientVersion);
            }

            if (_listenPort is int port)
            {
                root.Set("p", port);
            }

            if (_requestQueueLength is int queue)
            {
                root.Set("reqq", queue);
            }

            if (_metadataSize is long size)
            {
                root.Set("metadata_size", size);
            }

            SetBytes(root, "yourip", _yourIp);
            SetBytes(root, "ipv4", _ipv4);
            SetBytes(root, "ipv6", _ipv6);
            return BencodeWriter.Encode(root);
        }

        private static BencodeReaderOptions ReaderOptions() => new BencodeReaderOptions
        {
            MaxDepth = MaxDepth,
            MaxValues = MaxValues,
            MaxStringLength = MaxPayloadLength,
        };

        private void ReadMessageIds(BencodeDictionary ids)
        {
            foreach (var entry in ids)
            {
                if (entry.Value is BencodeInteger id
                    && id.Value >= 0
                    && id.Value <= byte.MaxValue
                    && entry.Key.Length > 0
                    && entry.Key.TryGetUtf8(out string? name)
                    && name is not null)
                {
                    _messageIds[name] = (int)id.Value;
                }
            }
        }

        private static bool TryGetInteger(BencodeDictionary dictionary, string key, long min, long max, out long value)
        {
            if (dictionary[key] is BencodeInteger integer && integer.Value >= min && integer.Value <= max)
            {
                value = integer.Value;
                return true;
            }

            value = 0;
            return false;
        }

        private static byte[]? GetAddress(BencodeDictionary dictionary, string key, int length1, int length2) =>
            dictionary[key] is BencodeString bytes && (bytes.Length == length1 || bytes.Length == length2)
                ? bytes.ToArray()
                : null;

        private static byte[]? CheckAddress(byte[]? value, int length1, int length2, string name)
        {
            if (value is not null && value.Length != length1 && value.Length != length2)
            {
                throw new ArgumentException(
                    name + " must be " + (length1 == length2 ? length1.ToString() : length1 + " or " + length2) + " bytes; got " + value.Length + ".",
                    nameof(value));
            }

            return value;
        }

        private static void SetBytes(BencodeDictionary dictionary, string key, byte[]? value)
        {
            if (value is not null)
            {
                dictionary.Set(key, new BencodeString((byte[])value.Clone()));
            }
        }
    }
}
