using System;
using System.Collections.Generic;
using System.Text;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class ExtensionHandshakeTests
    {
        [Fact]
        public void Parse_ReadsEveryField()
        {
            string text = "d1:md11:ut_metadatai3e6:ut_pexi1ee13:metadata_sizei31235e1:pi6881e4:reqqi500e1:v13:qBittorrent 56:yourip4:"
                + "\u0001\u0002\u0003\u00044:ipv44:\u000A\u0000\u0000\u00014:ipv616:0123456789abcdefe";
            var handshake = ExtensionHandshake.Parse(Latin1(text));
            Assert.Equal(2, handshake.MessageIds.Count);
            Assert.Equal(3, handshake.MessageIds["ut_metadata"]);
            Assert.Equal(1, handshake.MessageIds["ut_pex"]);
            Assert.Equal(31235, handshake.MetadataSize);
            Assert.Equal(6881, handshake.ListenPort);
            Assert.Equal(500, handshake.RequestQueueLength);
            Assert.Equal("qBittorrent 5", handshake.ClientVersion);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, handshake.YourIp);
            Assert.Equal(new byte[] { 10, 0, 0, 1 }, handshake.Ipv4);
            Assert.Equal(Encoding.ASCII.GetBytes("0123456789abcdef"), handshake.Ipv6);
        }

        [Fact]
        public void Parse_MinimalDictionary_HasNoFields()
        {
            var handshake = ExtensionHandshake.Parse(Latin1("de"));
            Assert.Empty(handshake.MessageIds);
            Assert.Null(handshake.ClientVersion);
            Assert.Null(handshake.ListenPort);
            Assert.Null(handshake.RequestQueueLength);
            Assert.Null(handshake.MetadataSize);
            Assert.Null(handshake.YourIp);
            Assert.Null(handshake.Ipv4);
            Assert.Null(handshake.Ipv6);
        }

        [Fact]
        public void Parse_KeepsIdZero_WhichDisablesAnExtension()
        {
            var handshake = ExtensionHandshake.Parse(Latin1("d1:md6:ut_pexi0eee"));
            Assert.Equal(0, handshake.MessageIds["ut_pex"]);
        }

        [Fact]
        public void Parse_IsLenientAboutUnknownKeysAndWrongTypes()
        {
            string text = "d1:ai1e"
                + "1:md1:xi300e1:yi-1e1:z3:abc6:ut_pexi2e2:\u00FF\u00FEi4e2:zzle0:i5ee"
                + "13:metadata_sizei-5e1:p3:abc4:reqqi0e1:vi7e"
                + "5:zzzzzd1:qli1eee"
                + "6:yourip3:abc4:ipv416:0123456789abcdef4:ipv64:abcde";
            var handshake = ExtensionHandshake.Parse(Latin1(text));
            Assert.Equal(new Dictionary<string, int> { ["ut_pex"] = 2 }, handshake.MessageIds);
            Assert.Null(handshake.MetadataSize);
            Assert.Null(handshake.ListenPort);
            Assert.Null(handshake.RequestQueueLength);
            Assert.Null(handshake.ClientVersion);
            Assert.Null(handshake.YourIp);
            Assert.Null(handshake.Ipv4);
            Assert.Null(handshake.Ipv6);
        }

        [Theory]
        [InlineData("p", "i0e")]
        [InlineData("p", "i65536e")]
        [InlineData("reqq", "i2147483648e")]
        [InlineData("metadata_size", "i0e")]
        public void Parse_IgnoresOutOfRangeNumbers(string key, string value)
        {
            var handshake = ExtensionHandshake.Parse(Latin1("d" + key.Length + ":" + key + value + "e"));
            Assert.Null(handshake.ListenPort);
            Assert.Null(handshake.RequestQueueLength);
            Assert.Null(handshake.MetadataSize);
        }

        [Fact]
        public void Parse_DecodesAnInvalidUtf8VersionLossily()
        {
            var handshake = ExtensionHandshake.Parse(Latin1("d1:v3:A\u00FFBe"));
            Assert.Equal("A\uFFFDB", handshake.ClientVersion);
        }

        [Fact]
        public void Parse_IgnoresBytesAfterTheDictionary()
        {
            var handshake = ExtensionHandshake.Parse(Latin1("d1:pi1ee\u0000\u0001garbage"));
            Assert.Equal(1, handshake.ListenPort);
        }

        [Theory]
        [InlineData("")]
        [InlineData("i1e")]
        [InlineData("4:spam")]
        [InlineData("le")]
        [InlineData("d1:mi1ee")]
        [InlineData("d1:mle")]
        [InlineData("d1:m3:abce")]
        [InlineData("d1:mde")] // the outer dictionary is never closed
        [InlineData("d1:pi1e1:pi2ee")]
        [InlineData("d1:pi01ee")]
        [InlineData("d1:p")]
        public void Parse_IsStrictAboutTheShape(string text)
        {
            var ex = Assert.Throws<PeerProtocolException>(() => ExtensionHandshake.Parse(Latin1(text)));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }

        [Fact]
        public void Parse_RefusesDeepNesting_ButAcceptsEightLevels()
        {
            Assert.Throws<PeerProtocolException>(() => ExtensionHandshake.Parse(Latin1(Nested(9))));
            Assert.Empty(ExtensionHandshake.Parse(Latin1(Nested(8))).MessageIds);
        }

        [Fact]
        public void Parse_WrapsBencodeErrors()
        {
            var ex = Assert.Throws<PeerProtocolException>(() => ExtensionHandshake.Parse(Latin1("d1:pi01ee")));
            Assert.IsType<JsTorrent.Engine.Protocol.BencodeFormatException>(ex.InnerException);
        }

        [Fact]
        public void Parse_RefusesAnOversizedPayload()
        {
            var payload = new byte[ExtensionHandshake.MaxPayloadLength + 1];
            Latin1("de").CopyTo(payload, 0);
            Assert.Throws<PeerProtocolException>(() => ExtensionHandshake.Parse(payload));
        }

        [Fact]
        public void Encode_IsCanonicalBencode()
        {
            var ours = new ExtensionHandshake(new Dictionary<string, int> { ["ut_pex"] = 2, ["ut_metadata"] = 1 })
            {
                ClientVersion = "JsTorrent 0.1.0",
                ListenPort = 6881,
                RequestQueueLength = 250,
                MetadataSize = 1000,
                YourIp = new byte[] { 192, 168, 0, 1 },
            };
            string expected = "d1:md11:ut_metadatai1e6:ut_pexi2ee13:metadata_sizei1000e1:pi6881e4:reqqi250e1:v15:JsTorrent 0.1.06:yourip4:\u00C0\u00A8\u0000\u0001e";
            Assert.Equal(Latin1(expected), ours.Encode());
        }

        [Fact]
        public void Encode_Empty_HasAnEmptyM()
        {
            Assert.Equal(Latin1("d1:mdee"), new ExtensionHandshake().Encode());
        }

        [Fact]
        public void EncodeThenParse_RoundTrips()
        {
            var ours = new ExtensionHandshake(new Dictionary<string, int> { ["ut_metadata"] = 3, ["lt_donthave"] = 0 })
            {
                ClientVersion = "JS \u00E9",
                ListenPort = 65535,
                RequestQueueLength = int.MaxValue,
                MetadataSize = long.MaxValue,
                YourIp = new byte[16],
                Ipv4 = new byte[] { 1, 2, 3, 4 },
                Ipv6 = new byte[16],
            };
            var parsed = ExtensionHandshake.Parse(ours.Encode());
            Assert.Equal(ours.MessageIds, parsed.MessageIds);
            Assert.Equal(ours.ClientVersion, parsed.ClientVersion);
            Assert.Equal(ours.ListenPort, parsed.ListenPort);
            Assert.Equal(ours.RequestQueueLength, parsed.RequestQueueLength);
            Assert.Equal(ours.MetadataSize, parsed.MetadataSize);
            Assert.Equal(ours.YourIp, parsed.YourIp);
            Assert.Equal(ours.Ipv4, parsed.Ipv4);
            Assert.Equal(ours.Ipv6, parsed.Ipv6);
        }

        [Fact]
        public void Construction_RefusesInvalidValues()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ExtensionHandshake(new Dictionary<string, int> { ["x"] = 256 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ExtensionHandshake(new Dictionary<string, int> { ["x"] = -1 }));
            Assert.Throws<ArgumentException>(() => new ExtensionHandshake(new Dictionary<string, int> { [string.Empty] = 1 }));
            var handshake = new ExtensionHandshake();
            Assert.Throws<ArgumentOutOfRangeException>(() => handshake.ListenPort = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => handshake.ListenPort = 65536);
            Assert.Throws<ArgumentOutOfRangeException>(() => handshake.RequestQueueLength = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => handshake.MetadataSize = -1);
            Assert.Throws<ArgumentException>(() => handshake.YourIp = new byte[5]);
            Assert.Throws<ArgumentException>(() => handshake.Ipv4 = new byte[16]);
            Assert.Throws<ArgumentException>(() => handshake.Ipv6 = new byte[4]);
            handshake.ListenPort = null;
            Assert.Null(handshake.ListenPort);
        }

        // An outer dictionary holding "x" -> dictionary -> ... ; depth counts every dictionary.
        private static string Nested(int depth)
        {
            var text = new StringBuilder();
            for (int i = 1; i < depth; i++)
            {
                text.Append("d1:x");
            }

            text.Append("de");
            text.Append('e', depth - 1);
            return text.ToString();
        }

        private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
    }
}
