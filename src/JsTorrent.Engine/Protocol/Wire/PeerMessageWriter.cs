using System;
using System.Buffers.Binary;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// Writes peer wire frames (length prefix included) into a caller's span and returns the bytes
    /// written. Big-endian, no allocation. A destination that is too small or an argument the reader
    /// would refuse is an <see cref="ArgumentException"/>: those are bugs on our side, not peer input.
    /// </summary>
    internal static class PeerMessageWriter
    {
        /// <summary>Frame size of a keep-alive (the length prefix alone).</summary>
        public const int KeepAliveLength = 4;

        /// <summary>Frame size of Choke, Unchoke, Interested, NotInterested, HaveAll and HaveNone.</summary>
        public const int NoPayloadLength = 5;

        /// <summary>Frame size of Have, Suggest and AllowedFast.</summary>
        public const int HaveLength = 9;

        /// <summary>Frame size of Request, Cancel and RejectRequest.</summary>
        public const int RequestLength = 17;

        /// <summary>Size of a Piece frame before its block data.</summary>
        public const int PieceHeaderLength = 13;

        /// <summary>Frame size of Port.</summary>
        public const int PortLength = 7;

        /// <summary>Size of a Bitfield frame before its bytes.</summary>
        public const int BitfieldHeaderLength = 5;

        /// <summary>Size of an Extended frame before its payload (prefix, id 20, extended id).</summary>
        public const int ExtendedHeaderLength = 6;

        /// <summary>Frame size of a Bitfield of <paramref name="byteCount"/> bytes.</summary>
        public static int GetBitfieldLength(int byteCount) => checked(BitfieldHeaderLength + byteCount);

        /// <summary>Frame size of a Piece carrying <paramref name="blockLength"/> bytes.</summary>
        public static int GetPieceLength(int blockLength) => checked(PieceHeaderLength + blockLength);

        /// <summary>Frame size of an Extended message with <paramref name="payloadLength"/> payload bytes.</summary>
        public static int GetExtendedLength(int payloadLength) => checked(ExtendedHeaderLength + payloadLength);

        public static int WriteKeepAlive(Span<byte> destination)
        {
            CheckSpace(destination, KeepAliveLength);
            BinaryPrimitives.WriteUInt32BigEndian(destination, 0);
            return KeepAliveLength;
        }

        public static int WriteChoke(Span<byte> destination) => WriteNoPayload(destination, PeerMessageId.Choke);

        public static int WriteUnchoke(Span<byte> destination) => WriteNoPayload(destination, PeerMessageId.Unchoke);

        public static int WriteInterested(Span<byte> destination) => WriteNoPayload(destination, PeerMessageId.Interested);

        public static int WriteNotInterested(Span<byte> destination) => WriteNoPayload(destination, PeerMessageId.NotInterested);

        public static int WriteHaveAll(Span<byte> destination) => WriteNoPayload(destination, PeerMessageId.HaveAll);

        public static int WriteHaveNone(Span<byte> destination) => WriteNoPayload(destination, PeerMessageId.HaveNone);

        public static int WriteHave(Span<byte> destination, int pieceIndex) => WriteIndex(destination, PeerMessageId.Have, pieceIndex);

        public static int WriteSuggest(Span<byte> destination, int pieceIndex) => WriteIndex(destination, PeerMessageId.Suggest, pieceIndex);

        public static int WriteAllowedFast(Span<byte> destination, int pieceIndex) => WriteIndex(destination, PeerMessageId.AllowedFast, pieceIndex);

        public static int WriteRequest(Span<byte> destination, int pieceIndex, int begin, int length) =>
            WriteBlockRequest(destination, PeerMessageId.Request, pieceIndex, begin, length);

        public static int WriteCancel(Span<byte> destination, int pieceIndex, int begin, int length) =>
            WriteBlockRequest(destination, PeerMessageId.Cancel, pieceIndex, begin, length);

        public static int WriteRejectRequest(Span<byte> destination, int pieceIndex, int begin, int length) =>
            WriteBlockRequest(destination, PeerMessageId.RejectRequest, pieceIndex, begin, length);

        public static int WriteBitfield(Span<byte> destination, ReadOnlySpan<byte> bits)
        {
            int total = GetBitfieldLength(bits.Length);
            CheckSpace(destination, total);
            WriteHeader(destination, 1 + bits.Length, PeerMessageId.Bitfield);
            bits.CopyTo(destination.Slice(BitfieldHeaderLength));
            return total;
        }

        /// <summary>
        /// Writes the 13-byte header of a Piece frame whose length prefix counts
        /// <paramref name="blockLength"/> data bytes; the caller puts the data right after it.
        /// </summary>
        public static int WritePieceHeader(Span<byte> destination, int pieceIndex, int begin, int blockLength)
        {
            CheckNonNegative(pieceIndex, nameof(pieceIndex));
            CheckNonNegative(begin, nameof(begin));
            if (blockLength < 0 || (long)begin + blockLength > int.MaxValue || blockLength > int.MaxValue - PieceHeaderLength)
            {
                throw new ArgumentOutOfRangeException(nameof(blockLength), blockLength, "The block must fit in the piece's int range and in one frame.");
            }

            CheckSpace(destination, PieceHeaderLength);
            WriteHeader(destination, 9 + blockLength, PeerMessageId.Piece);
            BinaryPrimitives.WriteInt32BigEndian(destination.Slice(5), pieceIndex);
            BinaryPrimitives.WriteInt32BigEndian(destination.Slice(9), begin);
            return PieceHeaderLength;
        }

        public static int WritePort(Span<byte> destination, ushort port)
        {
            CheckSpace(destination, PortLength);
            WriteHeader(destination, 3, PeerMessageId.Port);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(5), port);
            return PortLength;
        }

        public static int WriteExtended(Span<byte> destination, byte extendedId, ReadOnlySpan<byte> payload)
        {
            int total = GetExtendedLength(payload.Length);
            CheckSpace(destination, total);
            WriteHeader(destination, 2 + payload.Length, PeerMessageId.Extended);
            destination[5] = extendedId;
            payload.CopyTo(destination.Slice(ExtendedHeaderLength));
            return total;
        }

        private static int WriteNoPayload(Span<byte> destination, PeerMessageId id)
        {
            CheckSpace(destination, NoPayloadLength);
            WriteHeader(destination, 1, id);
            return NoPayloadLength;
        }

        private static int WriteIndex(Span<byte> destination, PeerMessageId id, int pieceIndex)
        {
            CheckNonNegative(pieceIndex, nameof(pieceIndex));
            CheckSpace(destination, HaveLength);
            WriteHeader(destination, 5, id);
            BinaryPrimitives.WriteInt32BigEndian(destination.Slice(5), pieceIndex);
            return HaveLength;
        }

        private static int WriteBlockRequest(Span<byte> destination, PeerMessageId id, int pieceIndex, int begin, int length)
        {
            CheckNonNegative(pieceIndex, nameof(pieceIndex));
            CheckNonNegative(begin, nameof(begin));
            if (length < 1 || length > PeerMessageReader.MaxRequestLength || (long)begin + length > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "A block is 1 to " + PeerMessageReader.MaxRequestLength + " bytes and ends within the int range.");
            }

            CheckSpace(destination, RequestLength);
            WriteHeader(destination, 13, id);
            BinaryPrimitives.WriteInt32BigEndian(destination.Slice(5), pieceIndex);
            BinaryPrimitives.WriteInt32BigEndian(destination.Slice(9), begin);
            BinaryPrimitives.WriteInt32BigEndian(destination.Slice(13), length);
            return RequestLength;
        }

        private static void WriteHeader(Span<byte> destination, int bodyLength, PeerMessageId id)
        {
            BinaryPrimitives.WriteInt32BigEndian(destination, bodyLength);
            destination[4] = (byte)id;
        }

        private static void CheckSpace(Span<byte> destination, int needed)
        {
            if (destination.Length < needed)
            {
                throw new ArgumentException("The destination holds " + destination.Length + " bytes; the message needs " + needed + ".", nameof(destination));
            }
        }

        private static void CheckNonNegative(int value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(name, value, "The value must not be negative.");
            }
        }
    }
}
