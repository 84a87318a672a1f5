using System;
using System.Collections.Generic;
using System.Text;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class PeerIdTests
    {
        [Fact]
        public void Generate_Default_HasJsPrefixAndTwentyBytes()
        {
            var id = PeerId.Generate();
            byte[] bytes = id.ToArray();
            Assert.Equal(20, bytes.Length);
            Assert.Equal(PeerId.Length, bytes.Length);
            Assert.Equal("-JS0100-", Encoding.ASCII.GetString(bytes, 0, 8));
            Assert.False(id.IsEmpty);
        }

        [Theory]
        [InlineData("JS", 0, 1, 0, "-JS0100-")]
        [InlineData("JS", 1, 2, 3, "-JS1230-")]
        [InlineData("qB", 4, 6, 5, "-qB4650-")]
        [InlineData("A1", 2, 5, 12, "-A125C0-")]
        [InlineData("ZZ", 35, 0, 9, "-ZZZ090-")]
        public void Generate_EncodesCodeAndVersion(string code, int major, int minor, int patch, string prefix)
        {
            var id = PeerId.Generate(code, major, minor, patch);
            Assert.Equal(prefix, Encoding.ASCII.GetString(id.ToArray(), 0, 8));
            Assert.Equal(code, id.ClientCode);
        }

        [Fact]
        public void Generate_TwoIdsDiffer_InTheRandomPart()
        {
            var seen = new HashSet<PeerId>();
            for (int i = 0; i < 200; i++)
            {
                Assert.True(seen.Add(PeerId.Generate()));
            }

            var a = PeerId.Generate().ToArray();
            var b = PeerId.Generate().ToArray();
            Assert.Equal(a.AsSpan(0, 8).ToArray(), b.AsSpan(0, 8).ToArray());
            Assert.NotEqual(a.AsSpan(8).ToArray(), b.AsSpan(8).ToArray());
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("J")]
        [InlineData("JSX")]
        [InlineData("J-")]
        [InlineData("é1")]
        public void Generate_RejectsBadClientCode(string? code)
        {
            Assert.ThrowsAny<ArgumentException>(() => PeerId.Generate(code!));
        }

        [Theory]
        [InlineData(-1, 0, 0)]
        [InlineData(36, 0, 0)]
        [InlineData(0, -1, 0)]
        [InlineData(0, 36, 0)]
        [InlineData(0, 0, 100)]
        public void Generate_RejectsVersionOutOfRange(int major, int minor, int patch)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => PeerId.Generate("JS", major, minor, patch));
        }

        [Theory]
        [InlineData("-JS0100-", "JS", "0.1.0")]
        [InlineData("-AZ2504-", "AZ", "2.5.0.4")]
        [InlineData("-qB4650-", "qB", "4.6.5")]
        [InlineData("-lt0D60-", "lt", "0.13.6")]
        [InlineData("-TRa0b0-", "TR", "10.0.11")]
        public void TryGetAzureusClient_ReadsCodeAndVersion(string prefix, string code, string version)
        {
            var id = FromPrefix(prefix);
            Assert.True(id.TryGetAzureusClient(out string parsedCode, out string parsedVersion));
            Assert.Equal(code, parsedCode);
            Assert.Equal(version, parsedVersion);
            Assert.Equal(code, id.ClientCode);
        }

        [Theory]
        [InlineData("M7-2-0--")] // Mainline style
        [InlineData("JS0100--")]
        [InlineData("-JS0100X")]
        [InlineData("-J 0100-")]
        [InlineData("-JS01.0-")]
        public void TryGetAzureusClient_RejectsOtherStyles(string prefix)
        {
            var id = FromPrefix(prefix);
            Assert.False(id.TryGetAzureusClient(out string code, out string version));
            Assert.Equal(string.Empty, code);
            Assert.Equal(string.Empty, version);
            Assert.Null(id.ClientCode);
        }

        [Fact]
        public void ToString_AzureusStyle_IsPrefixThenHexOfRandomPart()
        {
            var bytes = new byte[20];
            Encoding.ASCII.GetBytes("-JS0100-").CopyTo(bytes, 0);
            for (int i = 8; i < 20; i++)
            {
                bytes[i] = (byte)(i * 17);
            }

            var id = new PeerId(bytes);
            Assert.Equal("-JS0100-" + "8899aabbccddeeff10213243", id.ToString());
            Assert.Equal(32, id.ToString().Length);
            Assert.Equal(Convert.ToHexString(bytes).ToLowerInvariant(), id.ToHex());
        }

        [Fact]
        public void ToString_OtherStyle_IsHexOfAllBytes()
        {
            var bytes = new byte[20];
            for (int i = 0; i < 20; i++)
            {
                bytes[i] = (byte)(255 - i);
            }

            var id = new PeerId(bytes);
            Assert.Equal(Convert.ToHexString(bytes).ToLowerInvariant(), id.ToString());
            Assert.Equal(40, id.ToString().Length);
        }

        [Fact]
        public void Generated_ToString_StartsWithPrefix()
        {
            string text = PeerId.Generate().ToString();
            Assert.StartsWith("-JS0100-", text, StringComparison.Ordinal);
            Assert.Equal(32, text.Length);
        }

        [Fact]
        public void Bytes_RoundTrip_AndEqualityIsByValue()
        {
            var id = PeerId.Generate();
            var copy = new PeerId(id.ToArray());
            Assert.Equal(id, copy);
            Assert.True(id == copy);
            Assert.False(id != copy);
            Assert.True(id.Equals((object)copy));
            Assert.Equal(id.GetHashCode(), copy.GetHashCode());

            Span<byte> buffer = stackalloc byte[24];
            id.CopyTo(buffer);
            Assert.Equal(id, new PeerId(buffer.Slice(0, 20)));

            var other = PeerId.Generate();
            Assert.NotEqual(id, other);
            Assert.True(id != other);
            Assert.False(id.Equals("not a peer id"));
        }

        [Fact]
        public void Constructor_AndCopyTo_RejectWrongLengths()
        {
            Assert.Throws<ArgumentException>(() => new PeerId(new byte[19]));
            Assert.Throws<ArgumentException>(() => new PeerId(new byte[21]));
            Assert.Throws<ArgumentException>(() => PeerId.Generate().CopyTo(new byte[19]));
        }

        [Fact]
        public void Default_IsEmpty()
        {
            Assert.True(default(PeerId).IsEmpty);
            Assert.Null(default(PeerId).ClientCode);
            Assert.Equal(new string('0', 40), default(PeerId).ToString());
        }

        private static PeerId FromPrefix(string prefix)
        {
            var bytes = new byte[20];
            Encoding.ASCII.GetBytes(prefix).CopyTo(bytes, 0);
            for (int i = prefix.Length; i < 20; i++)
            {
                bytes[i] = (byte)(0xA0 + i);
            }

            return new PeerId(bytes);
        }
    }
}
