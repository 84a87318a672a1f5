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
    }
}
