using System;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class PeerMessageRoundTripTests
    {
        private const int Max = WireMessages.MaxMessageLength;

        [Fact]
        public void KeepAlive_IsAZeroLengthFrame()
        {
            var buffer = new byte[8];
            Assert.Equal(PeerMessageWriter.KeepAliveLength, PeerMessageWriter.WriteKeepAlive(buffer));
            Assert.Equal(new byte[] { 0, 0, 0, 0 }, buffer.AsSpan(0, 4).ToArray());
            Assert.True(PeerMessageReader.TryRead(buffer.AsSpan(0, 4), Max, out var message, out int consumed));
            Assert.True(message.IsKeepAlive);
            Assert.Equal(4, consumed);
            Assert.Equal(0, message.Payload.Length);
        }

        [Theory]
        [InlineData((int)PeerMessageId.Choke)]
        [InlineData((int)PeerMessageId.Unchoke)]
        [InlineData((int)PeerMessageId.Interested)]
        [InlineData((int)PeerMessageId.NotInterested)]
        [InlineData((int)PeerMessageId.HaveAll)]
        [InlineData((int)PeerMessageId.HaveNone)]
        public void NoPayloadMessages_RoundTrip(int rawId)
        {
            var id = (PeerMessageId)rawId;
            var buffer = new byte[16];
            int written = id switch
            {
                PeerMessageId.Choke => PeerMessageWriter.WriteChoke(buffer),
                PeerMessageId.Unchoke => PeerMessageWriter.WriteUnchoke(buffer),
                PeerMessageId.Interested => PeerMessageWriter.WriteInterested(buffer),
                PeerMessageId.NotInterested => PeerMessageWriter.WriteNotInterested(buffer),
                PeerMessageId.HaveAll => PeerMessageWriter.WriteHaveAll(buffer),
                _ => PeerMessageWriter.WriteHaveNone(buffer),
            };

            Assert.Equal(PeerMessageWriter.NoPayloadLength, written);
            Assert.Equal(new byte[] { 0, 0, 0, 1, (byte)id }, buffer.AsSpan(0, written).ToArray());
            var message = ReadOne(buffer.AsSpan(0, written));
            Assert.False(message.IsKeepAlive);
            Assert.Equal(id, message.Id);
        }

        [Theory]
        [InlineData((int)PeerMessageId.Have, 0)]
        [InlineData((int)PeerMessageId.Have, int.MaxValue)]
        [InlineData((int)PeerMessageId.Suggest, 77)]
        [InlineData((int)PeerMessageId.AllowedFast, 0x01020304)]
        public void IndexMessages_RoundTrip(int rawId, int index)
        {
            var id = (PeerMessageId)rawId;
            var buffer = new byte[16];
            int written = id switch
            {
                PeerMessageId.Have => PeerMessageWriter.WriteHave(buffer, index),
                PeerMessageId.Suggest => PeerMessageWriter.WriteSuggest(buffer, index),
                _ => PeerMessageWriter.WriteAllowedFast(buffer, index),
            };

            Assert.Equal(PeerMessageWriter.HaveLength, written);
            Assert.Equal(new byte[] { 0, 0, 0, 5, (byte)id }, buffer.AsSpan(0, 5).ToArray());
            var message = ReadOne(buffer.AsSpan(0, written));
            Assert.Equal(id, message.Id);
            Assert.Equal(index, message.Index);
        }

        [Fact]
        public void Have_IsBigEndian()
        {
            var buffer = new byte[9];
            PeerMessageWriter.WriteHave(buffer, 0x01020304);
            Assert.Equal(new byte[] { 0, 0, 0, 5, 4, 1, 2, 3, 4 }, buffer);
        }

        [Theory]
        [InlineData((int)PeerMessageId.Request, 0, 0, 1)]
        [InlineData((int)PeerMessageId.Request, 12, 16384, 16384)]
        [InlineData((int)PeerMessageId.Cancel, int.MaxValue, 0, 131072)]
        [InlineData((int)PeerMessageId.RejectRequest, 5, int.MaxValue - 10, 10)]
        public void BlockRequestMessages_RoundTrip(int rawId, int index, int begin, int length)
        {
            var id = (PeerMessageId)rawId;
            var buffer = new byte[32];
            int written = id switch
            {
                PeerMessageId.Request => PeerMessageWriter.WriteRequest(buffer, index, begin, length),
                PeerMessageId.Cancel => PeerMessageWriter.WriteCancel(buffer, index, begin, length),
                _ => PeerMessageWriter.WriteRejectRequest(buffer, index, begin, length),
            };

            Assert.Equal(PeerMessageWriter.RequestLength, written);
            Assert.Equal(new byte[] { 0, 0, 0, 13, (byte)id }, buffer.AsSpan(0, 5).ToArray());
            var message = ReadOne(buffer.AsSpan(0, written));
            Assert.Equal(id, message.Id);
            Assert.Equal(index, message.Index);
            Assert.Equal(begin, message.Begin);
            Assert.Equal(length, message.Length);
        }

        [Fact]
        public void Bitfield_RoundTrip_PayloadPointsIntoTheBuffer()
        {
            var bits = new byte[] { 0xF0, 0x0F, 0xAA };
            var buffer = new byte[PeerMessageWriter.GetBitfieldLength(bits.Length)];
            Assert.Equal(buffer.Length, PeerMessageWriter.WriteBitfield(buffer, bits));
            Assert.Equal(new byte[] { 0, 0, 0, 4, 5, 0xF0, 0x0F, 0xAA }, buffer);
            Assert.True(PeerMessageReader.TryRead(buffer, Max, out var message, out _));
            Assert.Equal(PeerMessageId.Bitfield, message.Id);
            Assert.Equal(bits, message.Payload.ToArray());

            // Zero copy: the payload is a view of the receive buffer.
            buffer[5] = 0x11;
            Assert.Equal(0x11, message.Payload[0]);
        }

        [Fact]
        public void PieceHeader_ThenBlockData_RoundTrip()
        {
            var block = new byte[300];
            new Random(5).NextBytes(block);
            var buffer = new byte[PeerMessageWriter.GetPieceLength(block.Length)];
            Assert.Equal(PeerMessageWriter.PieceHeaderLength, PeerMessageWriter.WritePieceHeader(buffer, 3, 32768, block.Length));
            block.CopyTo(buffer, PeerMessageWriter.PieceHeaderLength);
            Assert.Equal(new byte[] { 0, 0, 1, 0x35, 7, 0, 0, 0, 3, 0, 0, 0x80, 0 }, buffer.AsSpan(0, 13).ToArray());

            Assert.True(PeerMessageReader.TryRead(buffer, Max, out var message, out int consumed));
            Assert.Equal(buffer.Length, consumed);
            Assert.Equal(PeerMessageId.Piece, message.Id);
            Assert.Equal(3, message.Index);
            Assert.Equal(32768, message.Begin);
            Assert.Equal(block.Length, message.Length);
            Assert.Equal(block, message.Payload.ToArray());
        }

        [Fact]
        public void Port_RoundTrip()
        {
            var buffer = new byte[PeerMessageWriter.PortLength];
            Assert.Equal(7, PeerMessageWriter.WritePort(buffer, 51413));
            Assert.Equal(new byte[] { 0, 0, 0, 3, 9, 0xC8, 0xD5 }, buffer);
            var message = ReadOne(buffer);
            Assert.Equal(PeerMessageId.Port, message.Id);
            Assert.Equal(51413, message.Port);
        }

        [Fact]
        public void Extended_RoundTrip()
        {
            var payload = new byte[] { (byte)'d', (byte)'e' };
            var buffer = new byte[PeerMessageWriter.GetExtendedLength(payload.Length)];
            Assert.Equal(buffer.Length, PeerMessageWriter.WriteExtended(buffer, 2, payload));
            Assert.Equal(new byte[] { 0, 0, 0, 4, 20, 2, (byte)'d', (byte)'e' }, buffer);
            var message = ReadOne(buffer);
            Assert.Equal(PeerMessageId.Extended, message.Id);
            Assert.Equal(2, message.ExtendedId);
            Assert.Equal(payload, message.Payload.ToArray());
        }

        [Fact]
        public void Extended_EmptyPayload_RoundTrip()
        {
            var buffer = new byte[PeerMessageWriter.ExtendedHeaderLength];
            Assert.Equal(6, PeerMessageWriter.WriteExtended(buffer, 0, ReadOnlySpan<byte>.Empty));
            var message = ReadOne(buffer);
            Assert.Equal(0, message.ExtendedId);
            Assert.Equal(0, message.Payload.Length);
        }

        [Fact]
        public void Writers_RefuseATooSmallDestination()
        {
            var small = new byte[4];
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WriteChoke(small));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WriteHave(small, 1));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WriteRequest(new byte[16], 1, 0, 16384));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WritePieceHeader(new byte[12], 1, 0, 16384));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WriteBitfield(new byte[6], new byte[2]));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WriteExtended(new byte[7], 1, new byte[2]));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WritePort(new byte[6], 1));
            Assert.Throws<ArgumentException>(() => PeerMessageWriter.WriteKeepAlive(new byte[3]));
        }

        [Fact]
        public void Writers_RefuseValuesTheReaderWouldRefuse()
        {
            var buffer = new byte[32];
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WriteHave(buffer, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WriteRequest(buffer, 0, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WriteRequest(buffer, 0, 0, 131073));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WriteCancel(buffer, 0, -1, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WriteRejectRequest(buffer, 0, int.MaxValue, 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WritePieceHeader(buffer, 0, 0, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageWriter.WritePieceHeader(buffer, 0, int.MaxValue, 1));
        }

        [Fact]
        public void EveryMessageOfTheStream_RoundTrips()
        {
            var list = new System.Collections.Generic.List<MessageSnapshot>();
            byte[] stream = WireMessages.AllMessagesStream();
            Assert.Equal(stream.Length, WireMessages.ParseLoop(stream, Max, list));
            Assert.Equal(20, list.Count);
            Assert.True(list[0].IsKeepAlive);
            Assert.True(list[19].IsKeepAlive);
            Assert.Equal(PeerMessageId.Piece, list[8].Id);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, list[8].Payload);
            Assert.Equal((PeerMessageId)99, list[18].Id);
            Assert.Equal(new byte[] { 0xAB, 0xCD }, list[18].Payload);
        }

        private static PeerMessage ReadOne(ReadOnlySpan<byte> frame)
        {
            Assert.True(PeerMessageReader.TryRead(frame, Max, out var message, out int consumed));
            Assert.Equal(frame.Length, consumed);
            return message;
        }
    }
}
