using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    public class CompactAddressTests
    {
        [Theory]
        [InlineData("10.0.0.1", new byte[] { 10, 0, 0, 1 })]
        [InlineData("255.255.255.255", new byte[] { 255, 255, 255, 255 })]
        [InlineData("::ffff:192.168.0.9", new byte[] { 192, 168, 0, 9 })]
        [InlineData("2001:db8::1", new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 })]
        public void LiteralAddressesBecomeTheirBytes(string host, byte[] expected)
        {
            Assert.Equal(expected, CompactAddress.ToBytes(host));
        }

        [Theory]
        [InlineData("")]
        [InlineData("tracker.example")]
        [InlineData("1.2.3")]
        [InlineData("1.2.3.4.5")]
        [InlineData("01.2.3.4")]
        [InlineData("256.1.1.1")]
        [InlineData("1..2.3")]
        [InlineData("1.2.3.")]
        [InlineData("fe80::1%eth0")]
        [InlineData("::g")]
        public void NamesAndBadTextHaveNoBytes(string host)
        {
            Assert.Null(CompactAddress.ToBytes(host));
        }

        [Theory]
        [InlineData("10.20.30.40")]
        [InlineData("2001:db8::1")]
        [InlineData("fe80::abcd:1")]
        public void FormatReversesToBytes(string host)
        {
            Assert.Equal(host, CompactAddress.Format(CompactAddress.ToBytes(host)));
        }

        [Fact]
        public void FormatRefusesOtherLengths()
        {
            Assert.Throws<System.ArgumentException>(() => CompactAddress.Format(new byte[5]));
        }

        [Theory]
        [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
        [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
        [InlineData("0:0:0:0:0:0:0:1", "::1")]
        [InlineData("1:0:0:0:0:0:0:0", "1::")]
        [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
        [InlineData("FE80:0:0:0:0ABC:0:0:00FF", "fe80::abc:0:0:ff")]
        [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
        [InlineData("::10.1.2.3", "::a01:203")]
        [InlineData("fe80::5efe:10.1.2.3", "fe80::5efe:a01:203")]
        public void IPv6IsWrittenTheRfc5952WayOnEveryRuntime(string address, string expected)
        {
            Assert.Equal(expected, CompactAddress.Format(System.Net.IPAddress.Parse(address).GetAddressBytes()));
        }

        [Fact]
        public void AnEntryWithPortZeroOrTheUnspecifiedAddressIsNoEndpoint()
        {
            Assert.True(CompactAddress.TryReadEndpoint(new byte[] { 10, 0, 0, 1, 0x1A, 0xE1 }, out string host, out int port));
            Assert.Equal(("10.0.0.1", 6881), (host, port));
            Assert.False(CompactAddress.TryReadEndpoint(new byte[] { 10, 0, 0, 1, 0, 0 }, out _, out _));
            Assert.False(CompactAddress.TryReadEndpoint(new byte[] { 0, 0, 0, 0, 0x1A, 0xE1 }, out _, out _));
            Assert.False(CompactAddress.TryReadEndpoint(new byte[18], out _, out _));
            Assert.Throws<System.ArgumentException>(() => CompactAddress.TryReadEndpoint(new byte[7], out _, out _));
        }
    }
}
