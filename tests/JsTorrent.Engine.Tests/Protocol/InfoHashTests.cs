using System;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class InfoHashTests
    {
        // Vectors computed independently with Python: base64.b32encode(bytes.fromhex(hex)).
        private const string BunnyHex = "dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c";
        private const string BunnyBase32 = "3WBFL3G4PSSV7MF37AJSHWDQMLNR63I4";
        private const string OtherHex = "c9e15763f722f23e98a29decdfae341b98d53056";
        private const string OtherBase32 = "ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW";

        [Theory]
        [InlineData(BunnyHex)]
        [InlineData("DD8255ECDC7CA55FB0BBF81323D87062DB1F6D1C")]
        [InlineData("Dd8255eCdC7cA55Fb0bBf81323D87062dB1f6D1c")]
        public void Parse_AcceptsHexInAnyCase(string text)
        {
            var hash = InfoHash.Parse(text);
            Assert.Equal(BunnyHex, hash.ToString());
        }

        [Theory]
        [InlineData(BunnyBase32, BunnyHex)]
        [InlineData("3wbfl3g4pssv7mf37ajshwdqmlnr63i4", BunnyHex)]
        [InlineData(OtherBase32, OtherHex)]
        [InlineData("zhqvoy7xelzd5gfctxwn7lrudomnkmcw", OtherHex)]
        [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "0000000000000000000000000000000000000000")]
        [InlineData("77777777777777777777777777777777", "ffffffffffffffffffffffffffffffffffffffff")]
        public void Parse_AcceptsBase32InAnyCase(string base32, string hex)
        {
            Assert.Equal(hex, InfoHash.Parse(base32).ToString());
        }

        [Fact]
        public void ToBase32_MatchesKnownVector()
        {
            Assert.Equal(BunnyBase32, InfoHash.Parse(BunnyHex).ToBase32());
            Assert.Equal(OtherBase32, InfoHash.Parse(OtherHex).ToBase32());
        }

        [Fact]
        public void RoundTrips_ThroughHexBase32AndBytes()
        {
            var random = new Random(1234);
            var bytes = new byte[InfoHash.Length];
            for (int i = 0; i < 500; i++)
            {
                random.NextBytes(bytes);
                var hash = new InfoHash(bytes);
                Assert.Equal(hash, InfoHash.Parse(hash.ToString()));
                Assert.Equal(hash, InfoHash.Parse(hash.ToString().ToUpperInvariant()));
                Assert.Equal(hash, InfoHash.Parse(hash.ToBase32()));
                Assert.Equal(hash, InfoHash.Parse(hash.ToBase32().ToLowerInvariant()));
                Assert.Equal(bytes, hash.ToArray());
                var copy = new byte[InfoHash.Length];
                hash.CopyTo(copy);
                Assert.Equal(bytes, copy);
                Assert.Equal(Convert.ToHexString(bytes).ToLowerInvariant(), hash.ToString());
            }
        }

        [Fact]
        public void ToString_IsLowerCaseHex()
        {
            var hash = InfoHash.Parse("ABCDEF0123456789ABCDEF0123456789ABCDEF01");
            Assert.Equal("abcdef0123456789abcdef0123456789abcdef01", hash.ToString());
        }

        [Fact]
        public void Equality_AndHashCode_AreByValue()
        {
            var a = InfoHash.Parse(BunnyHex);
            var b = InfoHash.Parse(BunnyBase32);
            var c = InfoHash.Parse(OtherHex);
            Assert.True(a == b);
            Assert.False(a != b);
            Assert.True(a.Equals(b));
            Assert.True(a.Equals((object)b));
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.NotEqual(a, c);
            Assert.True(a != c);
            Assert.False(a.Equals((object)BunnyHex));
            Assert.False(a.Equals(null));
        }

        [Fact]
        public void Default_IsEmpty()
        {
            Assert.True(default(InfoHash).IsEmpty);
            Assert.Equal(new string('0', 40), default(InfoHash).ToString());
            Assert.True(InfoHash.Parse(new string('0', 40)).IsEmpty);
            Assert.False(InfoHash.Parse(BunnyHex).IsEmpty);
        }

        [Theory]
        [InlineData("")]
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1")] // 39 hex
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c0")] // 41 hex
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1g")] // non-hex
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1 ")]
        [InlineData(" dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c")]
        [InlineData("3WBFL3G4PSSV7MF37AJSHWDQMLNR63I")] // 31 base32
        [InlineData("3WBFL3G4PSSV7MF37AJSHWDQMLNR63I41")] // 33
        [InlineData("1WBFL3G4PSSV7MF37AJSHWDQMLNR63I4")] // '1' is not base32
        [InlineData("8WBFL3G4PSSV7MF37AJSHWDQMLNR63I4")] // '8' is not base32
        [InlineData("3WBFL3G4PSSV7MF37AJSHWDQMLNR63I=")]
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c2f3a4b5c6d7e8f9001122334")] // 64 hex (v2 length)
        public void Parse_InvalidText_ThrowsTorrentFormatException(string text)
        {
            var error = Assert.ThrowsAny<TorrentFormatException>(() => InfoHash.Parse(text));
            Assert.Contains("info-hash", error.Message, StringComparison.Ordinal);
            Assert.False(InfoHash.TryParse(text, out var hash));
            Assert.True(hash.IsEmpty);
        }

        [Fact]
        public void Parse_Null_ThrowsArgumentNull_AndTryParseReturnsFalse()
        {
            Assert.Throws<ArgumentNullException>(() => InfoHash.Parse(null!));
            Assert.False(InfoHash.TryParse(null, out _));
        }

        [Fact]
        public void Constructor_RejectsWrongLength()
        {
            Assert.Throws<ArgumentException>(() => new InfoHash(new byte[19]));
            Assert.Throws<ArgumentException>(() => new InfoHash(new byte[21]));
        }

        [Fact]
        public void Compute_IsSha1OfInfoDictionary()
        {
            // SHA-1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d (FIPS 180 test vector).
            var hash = InfoHash.Compute(System.Text.Encoding.ASCII.GetBytes("abc"));
            Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", hash.ToString());
        }

        [Fact]
        public void InfoHashV2_ParsesAndTruncates()
        {
            // SHA-256("abc") (FIPS 180 test vector).
            const string hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
            Assert.True(InfoHashV2.TryParse(hex.ToUpperInvariant(), out var v2));
            Assert.Equal(hex, v2.ToString());
            Assert.Equal(v2, InfoHashV2.Compute(System.Text.Encoding.ASCII.GetBytes("abc")));
            Assert.Equal(hex.Substring(0, 40), v2.Truncated().ToString());
            Assert.False(InfoHashV2.TryParse(hex.Substring(1), out _));
            Assert.False(InfoHashV2.TryParse(BunnyHex, out _));
        }
    }
}
