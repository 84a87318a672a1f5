using System;
using System.Text;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class MetadataMessageTests
    {
        [Fact]
        public void RequestAndRejectRoundTrip()
        {
            var request = MetadataMessage.Parse(MetadataMessage.EncodeRequest(3));
            Assert.Equal(MetadataMessageType.Request, request.Type);
            Assert.Equal(3, request.Piece);
            Assert.Equal("d8:msg_typei0e5:piecei3ee", Encoding.ASCII.GetString(MetadataMessage.EncodeRequest(3)));
            var reject = MetadataMessage.Parse(MetadataMessage.EncodeReject(7));
            Assert.Equal(MetadataMessageType.Reject, reject.Type);
            Assert.Equal(7, reject.Piece);
        }

        [Fact]
        public void DataCarriesTheBytesAfterTheDictionary()
        {
            var payload = new byte[] { 1, 2, 3, 4, 5 };
            var data = MetadataMessage.Parse(MetadataMessage.EncodeData(1, 16384 + 5, payload));
            Assert.Equal(MetadataMessageType.Data, data.Type);
            Assert.Equal(1, data.Piece);
            Assert.Equal(16384 + 5, data.TotalSize);
            Assert.Equal(payload, data.Data.ToArray());
        }

        [Theory]
        [InlineData("")]
        [InlineData("le")]
        [InlineData("d5:piecei0ee")]
        [InlineData("d8:msg_typei0ee")]
        [InlineData("d8:msg_typei0e5:piecei-1ee")]
        [InlineData("d8:msg_typei1e5:piecei0ee")]
        [InlineData("d8:msg_typei1e5:piecei0e10:total_sizei99999999999ee")]
        [InlineData("d8:msg_type1:05:piecei0ee")]
        [InlineData("d8:msg_typei0e5:piecei0e")]
        public void MalformedMessagesAreProtocolErrors(string text)
        {
            Assert.Throws<PeerProtocolException>(() => MetadataMessage.Parse(Encoding.ASCII.GetBytes(text)));
        }

        [Fact]
        public void RandomBytesOnlyEverRaiseProtocolErrors()
        {
            var random = new Random(9);
            var valid = MetadataMessage.EncodeData(0, 100, new byte[100]);
            for (int i = 0; i < 3000; i++)
            {
                var bytes = i % 2 == 0 ? new byte[random.Next(0, 64)] : (byte[])valid.Clone();
                if (i % 2 == 0)
                {
                    random.NextBytes(bytes);
                }
                else
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                try
                {
                    MetadataMessage.Parse(bytes);
                }
                catch (PeerProtocolException)
                {
                    // The one failure allowed: any other exception type fails the test.
                }
            }
        }
    }
}
