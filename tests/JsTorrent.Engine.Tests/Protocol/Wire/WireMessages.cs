using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    /// <summary>A copy of a parsed <see cref="PeerMessage"/> that outlives its buffer, for assertions.</summary>
    internal sealed record MessageSnapshot(bool IsKeepAlive, PeerMessageId Id, int Index, int Begin, int Length, ushort Port, byte ExtendedId, byte[] Payload)
    {
        public static MessageSnapshot Of(in PeerMessage message) =>
            new MessageSnapshot(message.IsKeepAlive, message.Id, message.Index, message.Begin, message.Length, message.Port, message.ExtendedId, message.Payload.ToArray());

        public bool Equals(MessageSnapshot? other) =>
            other is not null
            && IsKeepAlive == other.IsKeepAlive && Id == other.Id && Index == other.Index && Begin == other.Begin
            && Length == other.Length && Port == other.Port && ExtendedId == other.ExtendedId
            && Payload.AsSpan().SequenceEqual(other.Payload);

        public override int GetHashCode() => HashCode.Combine(IsKeepAlive, Id, Index, Begin, Length);
    }

    /// <summary>Valid streams of messages and a receive-loop style parser for the wire tests.</summary>
    internal static class WireMessages
    {
        public const int MaxMessageLength = 1 << 20;

        /// <summary>One of every message the writer makes, plus a keep-alive and an unknown id, back to back.</summary>
        public static byte[] AllMessagesStream()
        {
            var buffer = new byte[4096];
            int n = 0;
            n += PeerMessageWriter.WriteKeepAlive(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteChoke(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteUnchoke(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteInterested(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteNotInterested(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteHave(buffer.AsSpan(n), 1234567);
            n += PeerMessageWriter.WriteBitfield(buffer.AsSpan(n), new byte[] { 0xFF, 0x80, 0x01 });
            n += PeerMessageWriter.WriteRequest(buffer.AsSpan(n), 7, 16384, 16384);
            n += PeerMessageWriter.WritePieceHeader(buffer.AsSpan(n), 7, 16384, 5);
            new byte[] { 1, 2, 3, 4, 5 }.CopyTo(buffer, n);
            n += 5;
            n += PeerMessageWriter.WriteCancel(buffer.AsSpan(n), 7, 16384, 16384);
            n += PeerMessageWriter.WritePort(buffer.AsSpan(n), 6881);
            n += PeerMessageWriter.WriteSuggest(buffer.AsSpan(n), 3);
            n += PeerMessageWriter.WriteHaveAll(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteHaveNone(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteRejectRequest(buffer.AsSpan(n), 9, 0, 131072);
            n += PeerMessageWriter.WriteAllowedFast(buffer.AsSpan(n), 42);
            n += PeerMessageWriter.WriteExtended(buffer.AsSpan(n), 0, new ExtensionHandshake { ClientVersion = "JS 0.1" }.Encode());
            n += PeerMessageWriter.WriteExtended(buffer.AsSpan(n), 3, new byte[] { 9, 8, 7 });
            new byte[] { 0, 0, 0, 3, 0x63, 0xAB, 0xCD }.CopyTo(buffer, n); // unknown id 99
            n += 7;
            n += PeerMessageWriter.WriteKeepAlive(buffer.AsSpan(n));
            return buffer.AsSpan(0, n).ToArray();
        }

        /// <summary>Reads messages until TryRead says the rest is incomplete, as a receive loop does.</summary>
        /// <returns>Bytes consumed.</returns>
        public static int ParseLoop(ReadOnlySpan<byte> data, int maxMessageLength, List<MessageSnapshot>? into)
        {
            int offset = 0;
            while (PeerMessageReader.TryRead(data.Slice(offset), maxMessageLength, out var message, out int consumed))
            {
                if (consumed < PeerMessageReader.LengthPrefixSize || consumed > data.Length - offset)
                {
                    throw new InvalidOperationException("consumed " + consumed + " is outside the frame");
                }

                CheckInvariants(message, consumed);
                into?.Add(MessageSnapshot.Of(message));
                offset += consumed;
            }

            return offset;
        }

        private static void CheckInvariants(in PeerMessage message, int consumed)
        {
            if (message.Index < 0 || message.Begin < 0 || message.Length < 0 || (long)message.Begin + message.Length > int.MaxValue)
            {
                throw new InvalidOperationException("parsed a field out of range");
            }

            if (message.Payload.Length > consumed)
            {
                throw new InvalidOperationException("payload longer than its frame");
            }
        }
    }
}
