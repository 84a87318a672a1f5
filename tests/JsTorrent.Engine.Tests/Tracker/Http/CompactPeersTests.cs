using System.Net;
using JsTorrent.Engine.Tracker.Http;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    public sealed class CompactPeersTests
    {
        [Theory]
        [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
        [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
        [InlineData("0:0:0:0:0:0:0:1", "::1")]
        [InlineData("1:0:0:0:0:0:0:0", "1::")]
        [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
        [InlineData("FE80:0:0:0:0ABC:0:0:00FF", "fe80::abc:0:0:ff")]
        [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
        [InlineData("::10.1.2.3", "::a01:203")]
        public void IPv6IsWrittenTheRfc5952Way(string address, string expected)
        {
            Assert.Equal(expected, CompactPeers.FormatIPv6(IPAddress.Parse(address).GetAddressBytes()));
        }
    }
}
