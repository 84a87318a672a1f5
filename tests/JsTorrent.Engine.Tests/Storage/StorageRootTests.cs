using System;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Storage
{
    public class StorageRootTests
    {
        [Fact]
        public void KeepsTokenLabelAndPath()
        {
            var root = new StorageRoot("abc123", "  External SSD ", "/mnt/ssd");
            Assert.Equal("abc123", root.Token);
            Assert.Equal("External SSD", root.Label);
            Assert.Equal("/mnt/ssd", root.Path);
            Assert.Equal("External SSD (/mnt/ssd)", root.ToString());
        }

        [Theory]
        [InlineData("/home/me/Downloads", "Downloads")]
        [InlineData("/home/me/Downloads/", "Downloads")]
        [InlineData(@"D:\Torrents\", "Torrents")]
        [InlineData("/", "/")]
        [InlineData("memory:/downloads", "downloads")]
        public void LabelDefaultsToTheLastPathSegment(string path, string label)
        {
            Assert.Equal(label, new StorageRoot("t", null, path).Label);
        }

        [Fact]
        public void LabelOfARootWithoutPathDefaultsToTheToken()
        {
            var root = new StorageRoot("tok", null, string.Empty);
            Assert.Equal("tok", root.Label);
            Assert.Equal("tok", root.ToString());
        }

        [Theory]
        [InlineData("")]
        [InlineData("has space")]
        [InlineData("tab\t")]
        [InlineData("caf\u00e9")]
        [InlineData("\u007f")]
        public void RefusesInvalidTokens(string token)
        {
            var e = Assert.Throws<ArgumentException>(() => new StorageRoot(token, "L", "/x"));
            Assert.Equal("token", e.ParamName);
            Assert.Contains("storage root token", e.Message);
            Assert.False(StorageRoot.IsValidToken(token));
        }

        [Fact]
        public void TokenLengthIsBounded()
        {
            Assert.Equal(64, new StorageRoot(new string('a', 64), "L", "").Token.Length);
            var e = Assert.Throws<ArgumentException>(() => new StorageRoot(new string('a', 65), "L", ""));
            Assert.Contains("1 to 64", e.Message);
            Assert.True(StorageRoot.IsValidToken("!~"));
            Assert.False(StorageRoot.IsValidToken(null));
            Assert.Throws<ArgumentNullException>(() => new StorageRoot(null!, "L", ""));
            Assert.Throws<ArgumentNullException>(() => new StorageRoot("t", "L", null!));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("a\nb")]
        public void RefusesInvalidLabels(string label)
        {
            var e = Assert.Throws<ArgumentException>(() => new StorageRoot("t", label, "/x"));
            Assert.Equal("label", e.ParamName);
        }

        [Fact]
        public void EqualityIsByTokenOrdinal()
        {
            var a = new StorageRoot("Tok", "A", "/a");
            var b = new StorageRoot("Tok", "B", "/b");
            var c = new StorageRoot("tok", "A", "/a");
            Assert.Equal(a, b);
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.NotEqual(a, c);
            Assert.False(a.Equals(null));
            Assert.True(a.Equals((object)b));
        }
    }
}
