using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class PeerMessageReaderTests
    {
        private const int Max = WireMessages.MaxMessageLength;

        [Fact]
        public void EveryPrefixOfOneFrame_IsIncomplete()
        {
            var frame = new byte[PeerMessageWriter.GetPieceLength(20)];
            PeerMessageWriter.WritePieceHeader(frame, 1, 2, 20);
            for (int length = 0; length < frame.Length; length++)
            {
                Assert.False(PeerMessageReader.TryRead(frame.AsSpan(0, length), Max, out _, out int consumed));
                Assert.Equal(0, consumed);
            }

            Assert.True(PeerMessageReader.TryRead(frame, Max, out _, out int all));
            Assert.Equal(frame.Length, all);
        }

        [Fact]
        public void EveryPrefixOfAStream_ParsesTheWholeFramesAndStopsWithoutThrowing()
        {
            byte[] stream = WireMessages.AllMessagesStream();
            var complete = new List<MessageSnapshot>();
            WireMessages.ParseLoop(stream, Max, complete);
            var frameEnds = new List<int>();
            int end = 0;
            foreach (var message in complete)
            {
                end += PeerMessageReader.LengthPrefixSize + FrameBodyLength(message);
                frameEnds.Add(end);
            }

            Assert.Equal(stream.Length, end);
            for (int length = 0; length <= stream.Length; length++)
            {
                var parsed = new List<MessageSnapshot>();
                int consumed = WireMessages.ParseLoop(stream.AsSpan(0, length), Max, parsed);
                int expectedCount = frameEnds.FindAll(e => e <= length).Count;
                Assert.Equal(expectedCount, parsed.Count);
                Assert.Equal(expectedCount == 0 ? 0 : frameEnds[expectedCount - 1], consumed);
                Assert.Equal(complete.GetRange(0, expectedCount), parsed);
            }
        }

        [Fact]
        public void SeveralMessagesInOneBuffer_AreReadInOrder()
        {
            var buffer = new byte[64];
            int n = PeerMessageWriter.WriteUnchoke(buffer);
            n += PeerMessageWriter.WriteHave(buffer.AsSpan(n), 10);
            n += PeerMessageWriter.WriteKeepAlive(buffer.AsSpan(n));
            n += PeerMessageWriter.WriteRequest(buffer.AsSpan(n), 10, 0, 16384);
            var parsed = new List<MessageSnapshot>();
            Assert.Equal(n, WireMessages.ParseLoop(buffer.AsSpan(0, n), Max, parsed));
            Assert.Equal(4, parsed.Count);
            Assert.Equal(PeerMessageId.Unchoke, parsed[0].Id);
            Assert.Equal(PeerMessageId.Have, parsed[1].Id);
            Assert.Equal(10, parsed[1].Index);
            Assert.True(parsed[2].IsKeepAlive);
            Assert.Equal(PeerMessageId.Request, parsed[3].Id);
            Assert.Equal(16384, parsed[3].Length);
        }

        [Fact]
        public void ChunkedReceive_YieldsTheSameMessagesAsOneBuffer()
        {
            byte[] stream = WireMessages.AllMessagesStream();
            var expected = new List<MessageSnapshot>();
            WireMessages.ParseLoop(stream, Max, expected);
            var random = new Random(11);
            for (int round = 0; round < 50; round++)
            {
                var parsed = new List<MessageSnapshot>();
                var receive = new byte[8];
                int filled = 0;
                int sent = 0;
                while (sent < stream.Length)
                {
                    // Grow the receive buffer the way a connection would, for a frame larger than it.
                    int required = PeerMessageReader.GetRequiredLength(receive.AsSpan(0, filled), Max);
                    if (required > receive.Length)
                    {
                        Array.Resize(ref receive, required);
                    }

                    int chunk = Math.Min(Math.Min(random.Next(1, 12), stream.Length - sent), receive.Length - filled);
                    stream.AsSpan(sent, chunk).CopyTo(receive.AsSpan(filled));
                    sent += chunk;
                    filled += chunk;
                    int consumed = WireMessages.ParseLoop(receive.AsSpan(0, filled), Max, parsed);
                    receive.AsSpan(consumed, filled - consumed).CopyTo(receive);
                    filled -= consumed;
                }

                Assert.Equal(0, filled);
                Assert.Equal(expected, parsed);
            }
        }

        [Fact]
        public void GetRequiredLength_IsThePrefixUntilItArrives_ThenTheFrame()
        {
            var frame = new byte[] { 0, 0, 0x40, 0x09, 7 };
            for (int length = 0; length < 4; length++)
            {
                Assert.Equal(4, PeerMessageReader.GetRequiredLength(frame.AsSpan(0, length), Max));
            }

            Assert.Equal(4 + 0x4009, PeerMessageReader.GetRequiredLength(frame, Max));
            Assert.Equal(4, PeerMessageReader.GetRequiredLength(new byte[4], Max));
        }

        [Fact]
        public void DeclaredLengthAboveTheLimit_Throws_BeforeTheFrameArrives()
        {
            var prefix = new byte[] { 0, 0, 0x10, 0x01 };
            var ex = Assert.Throws<PeerProtocolException>(() => PeerMessageReader.TryRead(prefix, 0x1000, out _, out _));
            Assert.Contains("4097", ex.Message);
            Assert.Throws<PeerProtocolException>(() => PeerMessageReader.GetRequiredLength(prefix, 0x1000));
            Assert.Throws<PeerProtocolException>(() => PeerMessageReader.TryRead(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, int.MaxValue - 4, out _, out _));

            // Exactly at the limit is fine.
            Assert.Equal(4 + 0x1001, PeerMessageReader.GetRequiredLength(prefix, 0x1001));
        }

        [Fact]
        public void InvalidLimit_IsAnArgumentError()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageReader.TryRead(new byte[4], -1, out _, out _));
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerMessageReader.GetRequiredLength(new byte[4], int.MaxValue));
        }

        [Theory]
        [InlineData(99)]
        [InlineData(10)]
        [InlineData(0x12)]
        [InlineData(255)]
        public void UnknownId_IsPassedThroughWithItsPayload(int id)
        {
            var frame = new byte[] { 0, 0, 0, 4, (byte)id, 1, 2, 3 };
            Assert.True(PeerMessageReader.TryRead(frame, Max, out var message, out int consumed));
            Assert.Equal(8, consumed);
            Assert.False(message.IsKeepAlive);
            Assert.Equal((PeerMessageId)id, message.Id);
            Assert.Equal(new byte[] { 1, 2, 3 }, message.Payload.ToArray());
        }

        [Fact]
        public void UnknownId_WithNoPayload_IsPassedThrough()
        {
            Assert.True(PeerMessageReader.TryRead(new byte[] { 0, 0, 0, 1, 0x42 }, Max, out var message, out _));
            Assert.Equal((PeerMessageId)0x42, message.Id);
            Assert.Equal(0, message.Payload.Length);
        }

        public static IEnumerable<object[]> MalformedFrames()
        {
            // Known ids with the wrong payload size.
            yield return new object[] { "choke with payload", new byte[] { 0, 0, 0, 2, 0, 0 } };
            yield return new object[] { "unchoke with payload", new byte[] { 0, 0, 0, 2, 1, 0 } };
            yield return new object[] { "interested with payload", new byte[] { 0, 0, 0, 5, 2, 0, 0, 0, 0 } };
            yield return new object[] { "not interested with payload", new byte[] { 0, 0, 0, 2, 3, 9 } };
            yield return new object[] { "have short", new byte[] { 0, 0, 0, 4, 4, 0, 0, 1 } };
            yield return new object[] { "have long", new byte[] { 0, 0, 0, 6, 4, 0, 0, 0, 1, 0 } };
            yield return new object[] { "have empty", new byte[] { 0, 0, 0, 1, 4 } };
            yield return new object[] { "request 11", Frame(6, new byte[11]) };
            yield return new object[] { "request 13", Frame(6, new byte[13]) };
            yield return new object[] { "cancel 0", Frame(8, Array.Empty<byte>()) };
            yield return new object[] { "reject 16", Frame(0x10, new byte[16]) };
            yield return new object[] { "piece 7", Frame(7, new byte[7]) };
            yield return new object[] { "piece empty", Frame(7, Array.Empty<byte>()) };
            yield return new object[] { "port 1", Frame(9, new byte[1]) };
            yield return new object[] { "port 3", Frame(9, new byte[3]) };
            yield return new object[] { "suggest 3", Frame(0x0D, new byte[3]) };
            yield return new object[] { "have all with payload", Frame(0x0E, new byte[1]) };
            yield return new object[] { "have none with payload", Frame(0x0F, new byte[4]) };
            yield return new object[] { "allowed fast 5", Frame(0x11, new byte[5]) };
            yield return new object[] { "extended without id", Frame(20, Array.Empty<byte>()) };

            // uint32 values above int.MaxValue.
            yield return new object[] { "have index 2^31", Frame(4, Be(0x80000000u)) };
            yield return new object[] { "suggest index 2^32-1", Frame(0x0D, Be(0xFFFFFFFFu)) };
            yield return new object[] { "allowed fast index 2^31", Frame(0x11, Be(0x80000000u)) };
            yield return new object[] { "request index 2^31", Frame(6, Be(0x80000000u, 0, 16384)) };
            yield return new object[] { "request begin 2^31", Frame(6, Be(0, 0x80000000u, 16384)) };
            yield return new object[] { "request length 2^32-1", Frame(6, Be(0, 0, 0xFFFFFFFFu)) };
            yield return new object[] { "piece index 2^31", Frame(7, Be(0x80000000u, 0)) };
            yield return new object[] { "piece begin 2^31", Frame(7, Be(0, 0x80000000u)) };

            // Block lengths outside 1..128 KiB, and blocks ending past int.MaxValue.
            yield return new object[] { "request length 0", Frame(6, Be(0, 0, 0)) };
            yield return new object[] { "request length 128 KiB + 1", Frame(6, Be(0, 0, 131073)) };
            yield return new object[] { "cancel length 0", Frame(8, Be(1, 0, 0)) };
            yield return new object[] { "cancel length 1 MiB", Frame(8, Be(1, 0, 1 << 20)) };
            yield return new object[] { "reject length 0", Frame(0x10, Be(1, 0, 0)) };
            yield return new object[] { "reject length 128 KiB + 1", Frame(0x10, Be(1, 0, 131073)) };
            yield return new object[] { "request end overflows", Frame(6, Be(0, int.MaxValue, 16384)) };
            yield return new object[] { "piece end overflows", Frame(7, Concat(Be(0, int.MaxValue), new byte[2])) };
        }

        [Theory]
        [MemberData(nameof(MalformedFrames))]
        public void MalformedFrame_ThrowsPeerProtocolException(string name, byte[] frame)
        {
            var ex = Assert.Throws<PeerProtocolException>(() => PeerMessageReader.TryRead(frame, Max, out _, out _));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message), name);
        }

        [Fact]
        public void Errors_SayWhatWasWrong()
        {
            var ex = Assert.Throws<PeerProtocolException>(() => PeerMessageReader.TryRead(Frame(4, new byte[3]), Max, out _, out _));
            Assert.Contains("Have", ex.Message);
            Assert.Contains("3", ex.Message);
            ex = Assert.Throws<PeerProtocolException>(() => PeerMessageReader.TryRead(Frame(6, Be(0, 0, 131073)), Max, out _, out _));
            Assert.Contains("131073", ex.Message);
        }

        [Fact]
        public void BoundaryValues_AreAccepted()
        {
            Assert.True(PeerMessageReader.TryRead(Frame(6, Be(int.MaxValue, 0, 131072)), Max, out var request, out _));
            Assert.Equal(int.MaxValue, request.Index);
            Assert.Equal(131072, request.Length);
            Assert.True(PeerMessageReader.TryRead(Frame(7, Be(0, int.MaxValue)), Max, out var piece, out _));
            Assert.Equal(int.MaxValue, piece.Begin);
            Assert.Equal(0, piece.Length);
            Assert.True(PeerMessageReader.TryRead(Frame(5, Array.Empty<byte>()), Max, out var bitfield, out _));
            Assert.Equal(PeerMessageId.Bitfield, bitfield.Id);
            Assert.Equal(0, bitfield.Payload.Length);
        }

        private static int FrameBodyLength(MessageSnapshot message)
        {
            if (message.IsKeepAlive)
            {
                return 0;
            }

            return message.Id switch
            {
                PeerMessageId.Have or PeerMessageId.Suggest or PeerMessageId.AllowedFast => 5,
                PeerMessageId.Request or PeerMessageId.Cancel or PeerMessageId.RejectRequest => 13,
                PeerMessageId.Piece => 9 + message.Payload.Length,
                PeerMessageId.Port => 3,
                PeerMessageId.Extended => 2 + message.Payload.Length,
                _ => 1 + message.Payload.Length,
            };
        }

        private static byte[] Frame(byte id, byte[] payload)
        {
            var frame = new byte[5 + payload.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, 1 + payload.Length);
            frame[4] = id;
            payload.CopyTo(frame, 5);
            return frame;
        }

        private static byte[] Be(params uint[] values)
        {
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
            }

            return bytes;
        }

        private static byte[] Be(int a, int b) => Be((uint)a, (uint)b);

        private static byte[] Be(int a, int b, int c) => Be((uint)a, (uint)b, (uint)c);

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var result = new byte[a.Length + b.Length];
            a.CopyTo(result, 0);
            b.CopyTo(result, a.Length);
            return result;
        }
    }
}
