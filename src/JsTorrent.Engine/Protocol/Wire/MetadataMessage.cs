using System;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// A BEP 9 <c>ut_metadata</c> message: a small bencoded dictionary (<c>msg_type</c>, <c>piece</c>,
    /// <c>total_size</c> for data) followed, for data, by up to 16 KiB of the info dictionary.
    /// </summary>
    internal readonly ref struct MetadataMessage
    {
        /// <summary>Size of every metadata piece but the last.</summary>
        public const int PieceSize = 16 * 1024;

        /// <summary>Largest info dictionary we fetch or accept (a torrent of a few hundred thousand files).</summary>
        public const int MaxMetadataSize = 32 * 1024 * 1024;

        private static readonly BencodeReaderOptions Options = new BencodeReaderOptions { MaxDepth = 4, MaxValues = 16, AllowTrailingData = true };

        private MetadataMessage(MetadataMessageType type, int piece, long totalSize, ReadOnlySpan<byte> data)
        {
            Type = type;
            Piece = piece;
            TotalSize = totalSize;
            Data = data;
        }

        public MetadataMessageType Type { get; }

        public int Piece { get; }

        /// <summary>The whole info dictionary's size (data messages only; 0 otherwise).</summary>
        public long TotalSize { get; }

        /// <summary>The piece's bytes (data messages only).</summary>
        public ReadOnlySpan<byte> Data { get; }

        /// <summary>Reads a message; unknown message types come back as they are, for the caller to ignore.</summary>
        /// <exception cref="PeerProtocolException">The dictionary is malformed or lacks its fields.</exception>
        public static MetadataMessage Parse(ReadOnlySpan<byte> payload)
        {
            BencodeValue value;
            int consumed;
            try
            {
                value = BencodeReader.Read(payload, out consumed, Options);
            }
            catch (BencodeFormatException ex)
            {
                throw new PeerProtocolException("A malformed ut_metadata message: " + ex.Reason, ex);
            }

            if (!(value is BencodeDictionary dictionary)
                || !(dictionary["msg_type"] is BencodeInteger type) || type.Value < 0 || type.Value > 255
                || !(dictionary["piece"] is BencodeInteger piece) || piece.Value < 0 || piece.Value > MaxMetadataSize / PieceSize)
            {
                throw new PeerProtocolException("A ut_metadata message without a valid msg_type and piece.");
            }

            long total = dictionary["total_size"] is BencodeInteger size ? size.Value : 0;
            var kind = (MetadataMessageType)type.Value;
            if (kind == MetadataMessageType.Data && (total <= 0 || total > MaxMetadataSize))
            {
                throw new PeerProtocolException("A ut_metadata data message with total_size " + total + ".");
            }

            return new MetadataMessage(kind, (int)piece.Value, total, kind == MetadataMessageType.Data ? payload.Slice(consumed) : default);
        }

        public static byte[] EncodeRequest(int piece) => Encode(MetadataMessageType.Request, piece, 0, default);

        public static byte[] EncodeReject(int piece) => Encode(MetadataMessageType.Reject, piece, 0, default);

        public static byte[] EncodeData(int piece, int totalSize, ReadOnlySpan<byte> data) => Encode(MetadataMessageType.Data, piece, totalSize, data);

        private static byte[] Encode(MetadataMessageType type, int piece, int totalSize, ReadOnlySpan<byte> data)
        {
            var dictionary = new BencodeDictionary();
            dictionary.Set("msg_type", (long)type);
            dictionary.Set("piece", piece);
            if (type == MetadataMessageType.Data)
            {
                dictionary.Set("total_size", totalSize);
            }

            byte[] header = BencodeWriter.Encode(dictionary);
            var message = new byte[header.Length + data.Length];
            header.CopyTo(message, 0);
            data.CopyTo(message.AsSpan(header.Length));
            return message;
        }
    }
}
