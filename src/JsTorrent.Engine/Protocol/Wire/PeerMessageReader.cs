using System;
using System.Buffers.Binary;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// Parses length-prefixed peer wire frames (BEP 3, BEP 6, BEP 10) from a receive buffer without
    /// copying. It checks the frame's shape only (payload sizes, value ranges); whether a piece index
    /// exists or a message is allowed in the current state is the connection's job.
    /// </summary>
    /// <remarks>
    /// Refused as <see cref="PeerProtocolException"/>: a declared length above the caller's maximum;
    /// a known id with the wrong payload size; an index, begin or length above <see cref="int.MaxValue"/>
    /// (they are uint32 on the wire); a Request, Cancel or RejectRequest whose length is 0 or above
    /// <see cref="MaxRequestLength"/> (128 KiB: clients request 16 KiB, and nobody serves more than
    /// 128 KiB, so a larger request is hostile); a block whose begin + length passes
    /// <see cref="int.MaxValue"/>, so callers can add them without overflow; an Extended message
    /// without its extended id. Unknown ids are returned as they are, for the caller to ignore.
    /// </remarks>
    internal static class PeerMessageReader
    {
        /// <summary>Size of the big-endian length prefix of every frame.</summary>
        public const int LengthPrefixSize = 4;

        /// <summary>Largest block length accepted in Request, Cancel and RejectRequest (128 KiB).</summary>
        public const int MaxRequestLength = 128 * 1024;

        /// <summary>
        /// How many bytes the frame at the start of <paramref name="buffer"/> occupies, prefix included,
        /// so the caller can grow its receive buffer for a large frame before it has arrived.
        /// </summary>
        /// <param name="buffer">Received bytes, starting at a frame boundary.</param>
        /// <param name="maxMessageLength">Largest length prefix accepted (the frame minus its 4-byte prefix).</param>
        /// <returns><see cref="LengthPrefixSize"/> while the prefix is incomplete, else 4 + the declared length.</returns>
        /// <exception cref="PeerProtocolException">The declared length exceeds <paramref name="maxMessageLength"/>.</exception>
        public static int GetRequiredLength(ReadOnlySpan<byte> buffer, int maxMessageLength)
        {
            if (maxMessageLength < 0 || maxMessageLength > int.MaxValue - LengthPrefixSize)
            {
                throw new ArgumentOutOfRangeException(nameof(maxMessageLength), maxMessageLength, "The maximum message length must be from 0 to int.MaxValue - 4.");
            }

            if (buffer.Length < LengthPrefixSize)
            {
                return LengthPrefixSize;
            }

            uint declared = BinaryPrimitives.ReadUInt32BigEndian(buffer);
            if (declared > (uint)maxMessageLength)
            {
                throw new PeerProtocolException(
                    "Peer message declares " + declared + " bytes; the limit is " + maxMessageLength + ".");
            }

            return LengthPrefixSize + (int)declared;
        }

        /// <summary>Reads the frame at the start of <paramref name="buffer"/> when it is complete.</summary>
        /// <param name="buffer">Received bytes, starting at a frame boundary.</param>
        /// <param name="maxMessageLength">Largest length prefix accepted (the frame minus its 4-byte prefix).</param>
        /// <param name="message">The message; its payload points into <paramref name="buffer"/>.</param>
        /// <param name="consumed">Bytes the frame occupied, or 0 when it is incomplete.</param>
        /// <returns>False when the buffer does not yet hold a whole frame.</returns>
        /// <exception cref="PeerProtocolException">The frame is malformed (see the type remarks).</exception>
        public static bool TryRead(ReadOnlySpan<byte> buffer, int maxMessageLength, out PeerMessage message, out int consumed)
        {
            int required = GetRequiredLength(buffer, maxMessageLength);
            if (buffer.Length < required)
            {
                message = default;
                consumed = 0;
                return false;
            }

            message = required == LengthPrefixSize
                ? PeerMessage.KeepAlive
                : Parse(buffer.Slice(LengthPrefixSize, required - LengthPrefixSize));
            consumed = required;
            return true;
        }

        private static PeerMessage Parse(ReadOnlySpan<byte> body)
        {
            var id = (PeerMessageId)body[0];
            var payload = body.Slice(1);
            switch (id)
            {
                case PeerMessageId.Choke:
                case PeerMessageId.Unchoke:
                case PeerMessageId.Interested:
                case PeerMessageId.NotInterested:
                case PeerMessageId.HaveAll:
                case PeerMessageId.HaveNone:
                    ExpectLength(id, payload, 0);
                    return new PeerMessage(id, 0, 0, 0, 0, 0, default);
                case PeerMessageId.Have:
                case PeerMessageId.Suggest:
                case PeerMessageId.AllowedFast:
                    ExpectLength(id, payload, 4);
                    return new PeerMessage(id, ReadInt(id, payload, 0, "piece index"), 0, 0, 0, 0, default);
                case PeerMessageId.Bitfield:
                    return new PeerMessage(id, 0, 0, 0, 0, 0, payload);
                case PeerMessageId.Request:
                case PeerMessageId.Cancel:
                case PeerMessageId.RejectRequest:
                    return ParseBlockRequest(id, payload);
                case PeerMessageId.Piece:
                    return ParsePiece(payload);
                case PeerMessageId.Port:
                    ExpectLength(id, payload, 2);
                    return new PeerMessage(id, 0, 0, 0, BinaryPrimitives.ReadUInt16BigEndian(payload), 0, default);
                case PeerMessageId.Extended:
                    if (payload.Length < 1)
                    {
                        throw new PeerProtocolException("Extended message has no extended message id.");
                    }

                    return new PeerMessage(id, 0, 0, 0, 0, payload[0], payload.Slice(1));
                default:
                    return new PeerMessage(id, 0, 0, 0, 0, 0, payload);
            }
        }

        private static PeerMessage ParseBlockRequest(PeerMessageId id, ReadOnlySpan<byte> payload)
        {
            ExpectLength(id, payload, 12);
            int index = ReadInt(id, payload, 0, "piece index");
            int begin = ReadInt(id, payload, 4, "begin offset");
            int length = ReadInt(id, payload, 8, "block length");
            if (length == 0 || length > MaxRequestLength)
            {
                throw new PeerProtocolException(
                    id + " message asks for " + length + " bytes; a block is 1 to " + MaxRequestLength + " bytes.");
            }

            CheckBlockEnd(id, begin, length);
            return new PeerMessage(id, index, begin, length, 0, 0, default);
        }

        private static PeerMessage ParsePiece(ReadOnlySpan<byte> payload)
        {
            const PeerMessageId id = PeerMessageId.Piece;
            if (payload.Length < 8)
            {
                throw new PeerProtocolException("Piece message payload is " + payload.Length + " bytes; it needs at least 8.");
            }

            int index = ReadInt(id, payload, 0, "piece index");
            int begin = ReadInt(id, payload, 4, "begin offset");
            var block = payload.Slice(8);
            CheckBlockEnd(id, begin, block.Length);
            return new PeerMessage(id, index, begin, block.Length, 0, 0, block);
        }

        private static void ExpectLength(PeerMessageId id, ReadOnlySpan<byte> payload, int expected)
        {
            if (payload.Length != expected)
            {
                throw new PeerProtocolException(
                    id + " message payload is " + payload.Length + " bytes; it must be " + expected + ".");
            }
        }

        private static int ReadInt(PeerMessageId id, ReadOnlySpan<byte> payload, int offset, string what)
        {
            uint value = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(offset));
            if (value > int.MaxValue)
            {
                throw new PeerProtocolException(id + " message " + what + " " + value + " exceeds " + int.MaxValue + ".");
            }

            return (int)value;
        }

        private static void CheckBlockEnd(PeerMessageId id, int begin, int length)
        {
            if ((long)begin + length > int.MaxValue)
            {
                throw new PeerProtocolException(
                    id + " message block at " + begin + " of " + length + " bytes ends beyond " + int.MaxValue + ".");
            }
        }
    }
}
