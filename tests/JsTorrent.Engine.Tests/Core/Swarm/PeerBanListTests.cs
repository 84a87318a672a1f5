using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Tests.Core.Swarm
{
    public class PeerBanListTests
    {
        [Fact]
        public void BansByAddressWhateverThePort()
        {
            var bans = new PeerBanList();
            bans.Ban("10.1.2.3:6881", 0, "hash failure");
            Assert.True(bans.IsBanned("10.1.2.3"));
            Assert.True(bans.IsBanned("10.1.2.3:51413"));
            Assert.False(bans.IsBanned("10.1.2.4:6881"));
            Assert.Equal(1, bans.Count);
            Assert.True(bans.TryGetReason("10.1.2.3:1", out string reason));
            Assert.Equal("hash failure", reason);
        }

        [Theory]
        [InlineData("1.2.3.4:6881", "1.2.3.4")]
        [InlineData("1.2.3.4", "1.2.3.4")]
        [InlineData("[2001:db8::1]:6881", "2001:db8::1")]
        [InlineData("2001:db8::1", "2001:db8::1")]
        [InlineData("host.example:80", "host.example")]
        [InlineData(" 1.2.3.4:1 ", "1.2.3.4")]
        public void AddressOfDropsThePort(string endpoint, string address)
        {
            Assert.Equal(address, PeerBanList.AddressOf(endpoint));
        }

        [Fact]
        public void IPv6BansMatchBracketedEndpointsAndIgnoreCase()
        {
            var bans = new PeerBanList();
            bans.Ban("2001:DB8::1", 0, "spam");
            Assert.True(bans.IsBanned("[2001:db8::1]:6881"));
            Assert.False(bans.IsBanned("[2001:db8::2]:6881"));
        }

        [Fact]
        public void RebanningRefreshesReasonWithoutGrowing()
        {
            var bans = new PeerBanList();
            bans.Ban("1.1.1.1", 0, "first");
            bans.Ban("1.1.1.1:2", 5, "second");
            Assert.Equal(1, bans.Count);
            Assert.True(bans.TryGetReason("1.1.1.1", out string reason));
            Assert.Equal("second", reason);
            Assert.False(bans.TryGetReason("9.9.9.9", out _));
        }

        [Fact]
        public void BoundedByLiftingTheOldestBan()
        {
            var bans = new PeerBanList(capacity: 3);
            bans.Ban("1.0.0.1", 10, "a");
            bans.Ban("1.0.0.2", 20, "b");
            bans.Ban("1.0.0.3", 30, "c");
            bans.Ban("1.0.0.1", 40, "a again"); // refreshed: now the newest
            bans.Ban("1.0.0.4", 50, "d");
            Assert.Equal(3, bans.Count);
            Assert.False(bans.IsBanned("1.0.0.2"));
            Assert.True(bans.IsBanned("1.0.0.1"));
            Assert.True(bans.IsBanned("1.0.0.3"));
            Assert.True(bans.IsBanned("1.0.0.4"));

            for (int i = 0; i < 1_000; i++)
            {
                bans.Ban("2.0." + (i / 256) + "." + (i % 256), 100 + i, "flood");
                Assert.True(bans.Count <= 3);
            }

            Assert.True(bans.IsBanned("2.0.3.231")); // the last one
        }

        [Fact]
        public void UnbanLiftsABan()
        {
            var bans = new PeerBanList();
            bans.Ban("1.2.3.4", 0, "x");
            Assert.True(bans.Unban("1.2.3.4:99"));
            Assert.False(bans.IsBanned("1.2.3.4"));
            Assert.False(bans.Unban("1.2.3.4"));
            Assert.Equal(0, bans.Count);
        }
    }
}
