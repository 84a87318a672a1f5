using System;
using System.Text;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class PeerHandshakeTests
    {
        private static readonly InfoHash Hash = new InfoHash(Fill(20, 0x11));
        private static readonly PeerId Peer = new PeerId(Encoding.ASCII.GetBytes("-JS0100-abcdefghijkl"));

        [Fact]
        public void WriteTo_ProducesTheBep3Layout()
        {
            var buffer = new byte[PeerHandshake.Length];
            new PeerHandshake(ReservedBits.Ours, Hash, Peer).WriteTo(buffer);
            Assert.Equal(68, PeerHandshake.Length);
            Assert.Equal(19, buffer[0]);
            Assert.Equal("BitTorrent protocol", Encoding.ASCII.GetString(buffer, 1, 19));
            Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0x10, 0, 0x04 }, buffer.AsSpan(20, 8).ToArray());
            Assert.Equal(Hash.ToArray(), buffer.AsSpan(28, 20).ToArray());
            Assert.Equal(Peer.ToArray(), buffer.AsSpan(48, 20).ToArray());
        }

        [Fact]
        public void RoundTrip()
        {
            var reserved = ReservedBits.Create(extensionProtocol: false, fastExtension: true, dht: true);
            var buffer = new byte[PeerHandshake.Length + 5];
            new PeerHandshake(reserved, Hash, Peer).WriteTo(buffer);
            Assert.True(PeerHandshake.TryRead(buffer, out var read));
            Assert.Equal(reserved, read.Reserved);
            Assert.Equal(Hash, read.InfoHash);
            Assert.Equal(Peer, read.PeerId);
        }

        [Fact]
        public void Ours_IsExtensionAndFast_WithoutDht()
        {
            var ours = ReservedBits.Ours;
            Assert.True(ours.SupportsExtensionProtocol);
            Assert.True(ours.SupportsFastExtension);
            Assert.False(ours.SupportsDht);
        }

        [Theory]
        [InlineData(5, 0x10, true, false, false)]
        [InlineData(7, 0x04, false, true, false)]
        [InlineData(7, 0x01, false, false, true)]
        [InlineData(7, 0x05, false, true, true)]
        [InlineData(5, 0xEF, false, false, false)]
        [InlineData(0, 0xFF, false, false, false)]
        [InlineData(6, 0xFF, false, false, false)]
        public void ReservedBits_ReadTheRightBits(int byteIndex, int value, bool extension, bool fast, bool dht)
        {
            var bytes = new byte[8];
            bytes[byteIndex] = (byte)value;
            var bits = new ReservedBits(bytes);
            Assert.Equal(extension, bits.SupportsExtensionProtocol);
            Assert.Equal(fast, bits.SupportsFastExtension);
            Assert.Equal(dht, bits.SupportsDht);

            var written = new byte[8];
            bits.WriteTo(written);
            Assert.Equal(bytes, written);
        }

        [Fact]
        public void TryRead_IsFalseForEveryShortPrefix()
        {
            var buffer = new byte[PeerHandshake.Length];
            new PeerHandshake(ReservedBits.Ours, Hash, Peer).WriteTo(buffer);
            for (int length = 0; length < PeerHandshake.Length; length++)
            {
                Assert.False(PeerHandshake.TryRead(buffer.AsSpan(0, length), out _));
            }
        }

        [Fact]
        public void TryReadHeader_RoutesByInfoHashBeforeThePeerIdArrives()
        {
            var buffer = new byte[PeerHandshake.Length];
            new PeerHandshake(ReservedBits.Ours, Hash, Peer).WriteTo(buffer);
            for (int length = 0; length < PeerHandshake.HeaderLength; length++)
            {
                Assert.False(PeerHandshake.TryReadHeader(buffer.AsSpan(0, length), out _, out _));
            }

            Assert.True(PeerHandshake.TryReadHeader(buffer.AsSpan(0, PeerHandshake.HeaderLength), out var reserved, out var infoHash));
            Assert.Equal(48, PeerHandshake.HeaderLength);
            Assert.Equal(ReservedBits.Ours, reserved);
            Assert.Equal(Hash, infoHash);
            Assert.False(PeerHandshake.TryRead(buffer.AsSpan(0, PeerHandshake.HeaderLength), out _));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(18)]
        [InlineData(20)]
        [InlineData(0x13 + 0x80)]
        public void BadProtocolLength_Throws_AsSoonAsTheFirstByteArrives(int pstrlen)
        {
            var first = new[] { (byte)pstrlen };
            Assert.Throws<PeerProtocolException>(() => PeerHandshake.TryReadHeader(first, out _, out _));
            Assert.Throws<PeerProtocolException>(() => PeerHandshake.TryRead(first, out _));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(10)]
        [InlineData(19)]
        public void BadProtocolString_Throws_AsSoonAsTheBadByteArrives(int position)
        {
            var buffer = new byte[PeerHandshake.Length];
            new PeerHandshake(ReservedBits.Ours, Hash, Peer).WriteTo(buffer);
            buffer[position] ^= 0x20;
            for (int length = 0; length <= position; length++)
            {
                Assert.False(PeerHandshake.TryReadHeader(buffer.AsSpan(0, length), out _, out _));
            }

            var ex = Assert.Throws<PeerProtocolException>(() => PeerHandshake.TryReadHeader(buffer.AsSpan(0, position + 1), out _, out _));
            Assert.Contains("BitTorrent protocol", ex.Message);
            Assert.Throws<PeerProtocolException>(() => PeerHandshake.TryRead(buffer, out _));
        }

        [Fact]
        public void WriteTo_RefusesASmallDestination()
        {
            Assert.Throws<ArgumentException>(() => new PeerHandshake(ReservedBits.Ours, Hash, Peer).WriteTo(new byte[67]));
        }

        private static byte[] Fill(int length, byte value)
        {
            var bytes = new byte[length];
            bytes.AsSpan().Fill(value);
            return bytes;
        }
    }
}
