using System.Collections.Generic;
using System.Text;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    /// <summary>BEP 10: a later handshake changes only what it carries.</summary>
    public class ExtensionHandshakeUpdateTests
    {
        [Fact]
        public void LaterHandshakeReplacesWhatItCarriesAndKeepsTheRest()
        {
            var first = ExtensionHandshake.Parse(Encoding.ASCII.GetBytes("d1:md11:ut_metadatai3e6:ut_pexi1ee1:pi6881e4:reqqi250e1:v3:abce"));
            var later = ExtensionHandshake.Parse(Encoding.ASCII.GetBytes("d1:md6:ut_pexi0e11:lt_donthavei7ee13:metadata_sizei999e4:reqqi500ee"));

            first.Update(later);

            Assert.Equal(3, first.GetMessageId("ut_metadata"));
            Assert.Equal(0, first.GetMessageId("ut_pex"));
            Assert.True(first.MessageIds.ContainsKey("ut_pex"));
            Assert.Equal(7, first.GetMessageId("lt_donthave"));
            Assert.Equal(0, first.GetMessageId("unknown"));
            Assert.Equal(6881, first.ListenPort);
            Assert.Equal(500, first.RequestQueueLength);
            Assert.Equal(999, first.MetadataSize);
            Assert.Equal("abc", first.ClientVersion);
        }

        [Fact]
        public void YourIpRoundTripsInOurEncoding()
        {
            var ours = new ExtensionHandshake(new Dictionary<string, int> { ["ut_metadata"] = 1, ["ut_pex"] = 2 })
            {
                ListenPort = 6881,
                YourIp = new byte[] { 10, 0, 9, 50 },
            };

            var parsed = ExtensionHandshake.Parse(ours.Encode());

            Assert.Equal(new byte[] { 10, 0, 9, 50 }, parsed.YourIp);
            Assert.Equal(2, parsed.GetMessageId("ut_pex"));
        }
    }
}
