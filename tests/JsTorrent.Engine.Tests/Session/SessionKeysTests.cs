using System.Linq;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Tests.Session
{
    public class SessionKeysTests
    {
        private static readonly InfoHash Hash = new InfoHash(Enumerable.Range(0xA0, 20).Select(i => (byte)i).ToArray());

        private const string Hex = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3";

        [Theory]
        [InlineData(SessionKeys.Metadata)]
        [InlineData(SessionKeys.Bitfield)]
        [InlineData(SessionKeys.Progress)]
        [InlineData(SessionKeys.Peers)]
        public void ForBuildsTheLowerCaseHexKeyAndTryParseSplitsIt(string part)
        {
            string key = SessionKeys.For(Hash, part);
            Assert.Equal("torrent:" + Hex + ":" + part, key);

            Assert.True(SessionKeys.TryParse(key, out var parsed, out string parsedPart));
            Assert.Equal(Hash, parsed);
            Assert.Equal(part, parsedPart);
        }

        [Fact]
        public void APartMayItselfHoldAColon()
        {
            Assert.True(SessionKeys.TryParse("torrent:" + Hex + ":x:y", out var parsed, out string part));
            Assert.Equal(Hash, parsed);
            Assert.Equal("x:y", part);
        }

        [Theory]
        [InlineData("torrent:A0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3:metadata")] // upper-case hex
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafB0b1b2b3:metadata")] // one upper-case digit
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b:metadata")] // 39 digits
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4:metadata")] // 42 digits
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3metadata")] // no colon after the hash
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3:")] // no part
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3")] // nothing after the hash
        [InlineData("torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2g3:metadata")] // not hex
        [InlineData("torrent:UCQ2FI5EUWTKPKFNVWXK7MFRWKZQ====:metadata")] // base32 is not the convention
        [InlineData("torrent:UCQ2FI5EUWTKPKFNVWXK7MFRWKZQ:metadata")]
        [InlineData("torrents:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3:metadata")]
        [InlineData("Torrent:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3:metadata")]
        [InlineData("engine:a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3:metadata")]
        [InlineData(SessionKeys.StorageRoots)]
        [InlineData("session:storage-roots")]
        [InlineData("torrent:")]
        [InlineData("")]
        public void TryParseRejectsKeysOffTheConvention(string key)
        {
            Assert.False(SessionKeys.TryParse(key, out _, out string part));
            Assert.Equal(string.Empty, part);
        }

        [Fact]
        public void TryParseRejectsNull()
        {
            Assert.False(SessionKeys.TryParse(null!, out _, out string part));
            Assert.Equal(string.Empty, part);
        }

        [Fact]
        public void Base32OfTheSameHashIsRejected()
        {
            string base32 = Hash.ToBase32();
            Assert.Equal(32, base32.Length);
            Assert.False(SessionKeys.TryParse("torrent:" + base32 + ":metadata", out _, out _));
            Assert.False(SessionKeys.TryParse("torrent:" + base32.ToLowerInvariant() + ":metadata", out _, out _));
        }
    }
}
