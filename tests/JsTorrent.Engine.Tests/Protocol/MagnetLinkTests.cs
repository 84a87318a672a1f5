using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class MagnetLinkTests
    {
        internal const string BunnyHex = "dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c";
        internal const string BunnyBase32 = "3WBFL3G4PSSV7MF37AJSHWDQMLNR63I4";
        internal const string OtherHex = "c9e15763f722f23e98a29decdfae341b98d53056";

        // SHA-256("abc"), FIPS 180 test vector.
        internal const string V2Hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        // The WebTorrent "Big Buck Bunny" sample link, as published.
        private const string BunnyLink =
            "magnet:?xt=urn:btih:dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c&dn=Big+Buck+Bunny"
            + "&tr=udp%3A%2F%2Fexplodie.org%3A6969&tr=udp%3A%2F%2Ftracker.coppersurfer.tk%3A6969"
            + "&tr=udp%3A%2F%2Ftracker.empire-js.us%3A1337&tr=udp%3A%2F%2Ftracker.leechers-paradise.org%3A6969"
            + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337&tr=wss%3A%2F%2Ftracker.btorrent.xyz"
            + "&tr=wss%3A%2F%2Ftracker.fastcast.nz&tr=wss%3A%2F%2Ftracker.openwebtorrent.com"
            + "&ws=https%3A%2F%2Fwebtorrent.io%2Ftorrents%2F"
            + "&xs=https%3A%2F%2Fwebtorrent.io%2Ftorrents%2Fbig-buck-bunny.torrent";

        [Fact]
        public void Parse_RealWorldLink()
        {
            var link = MagnetLink.Parse(BunnyLink);
            Assert.Equal(InfoHash.Parse(BunnyHex), link.InfoHash);
            Assert.Null(link.InfoHashV2);
            Assert.Equal("Big Buck Bunny", link.DisplayName);
            Assert.Equal(8, link.Trackers.Count);
            Assert.Equal("udp://explodie.org:6969", link.Trackers[0]);
            Assert.Equal("wss://tracker.openwebtorrent.com", link.Trackers[7]);
            Assert.Equal(new[] { "https://webtorrent.io/torrents/" }, link.WebSeeds);
            Assert.Empty(link.Peers);
            Assert.Empty(link.SelectOnly);
            Assert.Null(link.ExactLength);
            var extra = Assert.Single(link.AdditionalParameters);
            Assert.Equal("xs", extra.Key);
            Assert.Equal("https://webtorrent.io/torrents/big-buck-bunny.torrent", extra.Value);
            Assert.Equal(InfoHash.Parse(BunnyHex), link.SwarmInfoHash);
        }

        [Fact]
        public void ToString_RealWorldLink_IsCanonical()
        {
            var link = MagnetLink.Parse(BunnyLink);
            Assert.Equal(
                "magnet:?xt=urn:btih:dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c&dn=Big%20Buck%20Bunny"
                + "&tr=udp://explodie.org:6969&tr=udp://tracker.coppersurfer.tk:6969"
                + "&tr=udp://tracker.empire-js.us:1337&tr=udp://tracker.leechers-paradise.org:6969"
                + "&tr=udp://tracker.opentrackr.org:1337&tr=wss://tracker.btorrent.xyz"
                + "&tr=wss://tracker.fastcast.nz&tr=wss://tracker.openwebtorrent.com"
                + "&ws=https://webtorrent.io/torrents/"
                + "&xs=https://webtorrent.io/torrents/big-buck-bunny.torrent",
                link.ToString());
            Assert.Equal(link, MagnetLink.Parse(link.ToString()));
        }

        [Theory]
        [InlineData("magnet:?xt=urn:btih:" + BunnyHex)]
        [InlineData("magnet:?xt=urn:btih:DD8255ECDC7CA55FB0BBF81323D87062DB1F6D1C")]
        [InlineData("magnet:?xt=urn:btih:" + BunnyBase32)]
        [InlineData("magnet:?xt=urn:btih:3wbfl3g4pssv7mf37ajshwdqmlnr63i4")]
        [InlineData("MAGNET:?XT=URN:BTIH:" + BunnyBase32)]
        [InlineData("Magnet:?xt=Urn:BtIh:" + BunnyHex)]
        [InlineData("  magnet:?xt=urn:btih:" + BunnyHex + "\r\n")]
        [InlineData("magnet:?xt=urn:btih:" + BunnyHex + "#fragment&dn=ignored")]
        [InlineData("magnet:?&&xt=urn:btih:" + BunnyHex + "&&")]
        [InlineData("magnet:?xt.1=urn:btih:" + BunnyHex)]
        [InlineData("magnet:?xt=urn%3Abtih%3A" + BunnyHex)]
        [InlineData("magnet:?%78t=urn:btih:" + BunnyHex)]
        [InlineData("magnet:?xt=urn:btih:" + BunnyHex + "&xt=urn:btih:" + BunnyBase32)]
        [InlineData("magnet:?xt=urn:ed2k:354B15E68FB8F36D7CD88FF94116CDC1&xt=urn:btih:" + BunnyHex + "&xt=foo")]
        public void Parse_AcceptsSpellingsOfTheSameV1Link(string text)
        {
            var link = MagnetLink.Parse(text);
            Assert.Equal(InfoHash.Parse(BunnyHex), link.InfoHash);
            Assert.Equal("magnet:?xt=urn:btih:" + BunnyHex, link.ToString());
        }

        [Fact]
        public void Parse_HybridLink_WithNumberedTopics()
        {
            var link = MagnetLink.Parse(
                "magnet:?xt.1=urn:btih:" + BunnyHex + "&xt.2=urn:btmh:1220" + V2Hex.ToUpperInvariant() + "&dn=hybrid");
            Assert.Equal(InfoHash.Parse(BunnyHex), link.InfoHash);
            Assert.True(InfoHashV2.TryParse(V2Hex, out var v2));
            Assert.Equal(v2, link.InfoHashV2);
            Assert.Equal(
                "magnet:?xt=urn:btih:" + BunnyHex + "&xt=urn:btmh:1220" + V2Hex + "&dn=hybrid",
                link.ToString());
        }

        [Fact]
        public void Parse_V2OnlyLink_SwarmHashIsTruncatedV2()
        {
            var link = MagnetLink.Parse("magnet:?xt=urn:btmh:1220" + V2Hex);
            Assert.Null(link.InfoHash);
            Assert.NotNull(link.InfoHashV2);
            Assert.Equal(V2Hex.Substring(0, 40), link.SwarmInfoHash.ToString());
            Assert.Equal("magnet:?xt=urn:btmh:1220" + V2Hex, link.ToString());
        }

        [Fact]
        public void Parse_DisplayName_PlusIsSpaceOnlyInDn()
        {
            var link = MagnetLink.Parse(
                "magnet:?xt=urn:btih:" + BunnyHex + "&dn=a+b%2Bc%20d&tr=http://t/?q=a+b&x.custom=1+2");
            Assert.Equal("a b+c d", link.DisplayName);
            Assert.Equal("http://t/?q=a+b", Assert.Single(link.Trackers));
            Assert.Equal("1+2", link.AdditionalParameters.Single().Value);
            Assert.Equal(
                "magnet:?xt=urn:btih:" + BunnyHex + "&dn=a%20b%2Bc%20d&tr=http://t/%3Fq%3Da%2Bb&x.custom=1%2B2",
                link.ToString());
        }

        [Fact]
        public void Parse_DisplayName_DecodesUtf8AndRawUnicode()
        {
            var encoded = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&dn=caf%C3%A9%20%E2%98%83%20%F0%9F%90%B0");
            Assert.Equal("café ☃ 🐰", encoded.DisplayName);
            var raw = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&dn=café ☃ 🐰");
            Assert.Equal(encoded, raw);
            var mixed = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&dn=caf%c3%a9+☃+🐰");
            Assert.Equal(encoded, mixed);
        }

        [Fact]
        public void ToString_EncodesReservedAndUnicodeCharacters()
        {
            // Expected text computed with Python: urllib.parse.quote(name, safe=':/,').
            var link = new MagnetLink(InfoHash.Parse(BunnyHex), displayName: "Big Buck Bunny ☃ 🐰 & a=b%c+d#e?f /g~h,i");
            Assert.Equal(
                "magnet:?xt=urn:btih:" + BunnyHex
                + "&dn=Big%20Buck%20Bunny%20%E2%98%83%20%F0%9F%90%B0%20%26%20a%3Db%25c%2Bd%23e%3Ff%20/g~h,i",
                link.ToString());
            Assert.Equal(link, MagnetLink.Parse(link.ToString()));
        }

        [Fact]
        public void Parse_EmptyKnownValues_AreAbsent()
        {
            var link = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&dn=&tr=&ws=&x.pe=&so=&xl=");
            Assert.Null(link.DisplayName);
            Assert.Empty(link.Trackers);
            Assert.Empty(link.WebSeeds);
            Assert.Empty(link.Peers);
            Assert.Empty(link.SelectOnly);
            Assert.Null(link.ExactLength);
            Assert.Empty(link.AdditionalParameters);
        }

        [Fact]
        public void Parse_Trackers_InOrderDeduplicated_IncludingNumbered()
        {
            var link = MagnetLink.Parse(
                "magnet:?xt=urn:btih:" + BunnyHex
                + "&tr=udp://b:1&tr.1=udp://a:2&TR=udp://b:1&tr.2=http://c/announce?x=1%262&tr.x=kept");
            Assert.Equal(new[] { "udp://b:1", "udp://a:2", "http://c/announce?x=1&2" }, link.Trackers);
            Assert.Equal(new KeyValuePair<string, string>("tr.x", "kept"), Assert.Single(link.AdditionalParameters));
        }

        [Fact]
        public void Parse_WebSeeds_Repeated()
        {
            var link = MagnetLink.Parse(
                "magnet:?xt=urn:btih:" + BunnyHex + "&ws=http://a/f&ws=http://b/f&ws=http://a/f");
            Assert.Equal(new[] { "http://a/f", "http://b/f" }, link.WebSeeds);
        }

        [Fact]
        public void Parse_Peers_HostIPv4AndIPv6()
        {
            var link = MagnetLink.Parse(
                "magnet:?xt=urn:btih:" + BunnyHex
                + "&x.pe=peer.example.org:6881&x.pe=10.0.0.1:1&x.pe=%5B2001:db8::1%5D:65535&x.pe=[::ffff:192.0.2.1]:80"
                + "&X.PE=PEER.example.org:6881");
            Assert.Equal(
                new[]
                {
                    new MagnetPeer("peer.example.org", 6881),
                    new MagnetPeer("10.0.0.1", 1),
                    new MagnetPeer("2001:db8::1", 65535),
                    new MagnetPeer("::ffff:192.0.2.1", 80),
                },
                link.Peers);
            Assert.Equal("2001:db8::1", link.Peers[2].Host);
            Assert.True(link.Peers[2].IsIPv6);
            Assert.False(link.Peers[1].IsIPv6);
            Assert.Equal(
                "magnet:?xt=urn:btih:" + BunnyHex
                + "&x.pe=peer.example.org:6881&x.pe=10.0.0.1:1&x.pe=%5B2001:db8::1%5D:65535&x.pe=%5B::ffff:192.0.2.1%5D:80",
                link.ToString());
        }

        [Fact]
        public void MagnetPeer_FormatsParsesAndComparesByValue()
        {
            var v6 = new MagnetPeer("FE80::1", 443);
            Assert.Equal("[FE80::1]:443", v6.ToString());
            Assert.Equal(v6, MagnetPeer.Parse("[fe80::1]:443"));
            Assert.Equal(v6.GetHashCode(), MagnetPeer.Parse("[fe80::1]:443").GetHashCode());
            Assert.NotEqual(v6, new MagnetPeer("fe80::1", 444));
            Assert.Equal("host-1.example:80", new MagnetPeer("host-1.example", 80).ToString());
            Assert.Equal("1.2.3.4:5", MagnetPeer.Parse("1.2.3.4:5").ToString());
            Assert.True(new MagnetPeer("a", 1) == MagnetPeer.Parse("A:1"));
            Assert.True(new MagnetPeer("a", 1) != MagnetPeer.Parse("a:2"));
            Assert.True(MagnetPeer.TryParse("[::]:1", out var any));
            Assert.Equal("::", any.Host);
            Assert.False(MagnetPeer.TryParse("[::1", out _));
            Assert.False(MagnetPeer.TryParse(null, out _));
            Assert.Equal(string.Empty, default(MagnetPeer).Host);
            Assert.Throws<MagnetLinkFormatException>(() => MagnetPeer.Parse("nope"));
            Assert.Throws<ArgumentNullException>(() => MagnetPeer.Parse(null!));
        }

        [Theory]
        [InlineData("")]
        [InlineData("[::1]")]
        [InlineData("bad host")]
        [InlineData("1.2.3.256")]
        [InlineData("01.2.3.4")]
        [InlineData("1.2.3")]
        [InlineData("a..b")]
        [InlineData("1::2::3")]
        [InlineData("1:2:3:4:5:6:7:8:9")]
        [InlineData("fe80::1%eth0")]
        public void MagnetPeer_Constructor_RejectsBadHosts(string host)
        {
            Assert.ThrowsAny<ArgumentException>(() => new MagnetPeer(host, 80));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(65536)]
        public void MagnetPeer_Constructor_RejectsBadPorts(int port)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new MagnetPeer("localhost", port));
        }

        [Theory]
        [InlineData("1:2:3:4:5:6:7:8")]
        [InlineData("::")]
        [InlineData("::1")]
        [InlineData("1::")]
        [InlineData("1:2:3:4:5:6:7::")]
        [InlineData("::2:3:4:5:6:7:8")]
        [InlineData("1:2:3:4:5:6:1.2.3.4")]
        [InlineData("::ffff:1.2.3.4")]
        [InlineData("abcd:EF01::")]
        public void MagnetPeer_AcceptsValidIPv6(string host)
        {
            Assert.Equal(host, new MagnetPeer(host, 1).Host);
            Assert.Equal(host, MagnetPeer.Parse("[" + host + "]:1").Host);
        }

        [Fact]
        public void Parse_SelectOnly_IsNormalised()
        {
            var link = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&so=8,4-6,0,2,5,7,10-12,11");
            Assert.Equal(
                new[] { new MagnetFileRange(0), new MagnetFileRange(2), new MagnetFileRange(4, 8), new MagnetFileRange(10, 12) },
                link.SelectOnly);
            Assert.Equal("magnet:?xt=urn:btih:" + BunnyHex + "&so=0,2,4-8,10-12", link.ToString());
            Assert.True(link.IsFileSelected(0));
            Assert.False(link.IsFileSelected(1));
            Assert.True(link.IsFileSelected(6));
            Assert.False(link.IsFileSelected(9));
            Assert.True(link.IsFileSelected(12));
            Assert.False(link.IsFileSelected(13));
        }

        [Fact]
        public void Parse_SelectOnly_LargeRangesAreNotExpanded()
        {
            var link = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&so=0-2147483647,5");
            var range = Assert.Single(link.SelectOnly);
            Assert.Equal(0, range.Start);
            Assert.Equal(int.MaxValue, range.End);
            Assert.Equal(2147483648L, range.Count);
            Assert.Equal("0-2147483647", range.ToString());
        }

        [Fact]
        public void NoSelectOnly_SelectsEveryFile()
        {
            var link = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex);
            Assert.True(link.IsFileSelected(0));
            Assert.True(link.IsFileSelected(12345));
            Assert.False(link.IsFileSelected(-1));
        }

        [Fact]
        public void MagnetFileRange_ValidatesAndCompares()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new MagnetFileRange(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new MagnetFileRange(5, 4));
            Assert.Equal(new MagnetFileRange(3, 3), new MagnetFileRange(3));
            Assert.True(new MagnetFileRange(1, 2) != new MagnetFileRange(1, 3));
            Assert.Equal("3", new MagnetFileRange(3).ToString());
            Assert.Equal("1-2", new MagnetFileRange(1, 2).ToString());
            Assert.True(new MagnetFileRange(1, 2).Contains(2));
            Assert.False(new MagnetFileRange(1, 2).Contains(3));
        }

        [Theory]
        [InlineData("0", 0L)]
        [InlineData("1024", 1024L)]
        [InlineData("0001", 1L)]
        [InlineData("9223372036854775807", long.MaxValue)]
        public void Parse_ExactLength(string text, long expected)
        {
            var link = MagnetLink.Parse("magnet:?xt=urn:btih:" + BunnyHex + "&xl=" + text);
            Assert.Equal(expected, link.ExactLength);
        }

        [Fact]
        public void Parse_RepeatedSingleValuedParameters_WithSameValue_AreAccepted()
        {
            var link = MagnetLink.Parse(
                "magnet:?xt=urn:btih:" + BunnyHex + "&dn=x&dn=x&xl=5&xl=05&so=1,2&so=1-2&xt=urn:btih:" + BunnyHex);
            Assert.Equal("x", link.DisplayName);
            Assert.Equal(5, link.ExactLength);
            Assert.Equal(new[] { new MagnetFileRange(1, 2) }, link.SelectOnly);
        }

        [Fact]
        public void Parse_UnknownParameters_AreKeptInOrder()
        {
            var link = MagnetLink.Parse(
                "magnet:?kt=a+b&xt=urn:btih:" + BunnyHex + "&x.foo=1&mt=&flag&x.foo=2&k%C3%A9y=v%C3%A4l&=nameless");
            Assert.Equal(
                new[]
                {
                    new KeyValuePair<string, string>("kt", "a+b"),
                    new KeyValuePair<string, string>("x.foo", "1"),
                    new KeyValuePair<string, string>("mt", string.Empty),
                    new KeyValuePair<string, string>("flag", string.Empty),
                    new KeyValuePair<string, string>("x.foo", "2"),
                    new KeyValuePair<string, string>("kéy", "väl"),
                },
                link.AdditionalParameters);
            Assert.Equal(
                "magnet:?xt=urn:btih:" + BunnyHex + "&kt=a%2Bb&x.foo=1&mt=&flag=&x.foo=2&k%C3%A9y=v%C3%A4l",
                link.ToString());
        }

        [Fact]
        public void Constructor_BuildsAndFormatsAFullLink()
        {
            Assert.True(InfoHashV2.TryParse(V2Hex, out var v2));
            var link = new MagnetLink(
                InfoHash.Parse(BunnyHex),
                v2,
                displayName: "My Files",
                trackers: new[] { "udp://t1:80/announce", "http://t2/a?k=v&x=y", "udp://t1:80/announce" },
                webSeeds: new[] { "https://seed/" },
                peers: new[] { new MagnetPeer("1.2.3.4", 6881), new MagnetPeer("::1", 6882) },
                selectOnly: new[] { new MagnetFileRange(3, 4), new MagnetFileRange(0) },
                exactLength: 12345,
                additionalParameters: new[] { new KeyValuePair<string, string>("kt", "x y") });
            Assert.Equal(new[] { "udp://t1:80/announce", "http://t2/a?k=v&x=y" }, link.Trackers);
            Assert.Equal(
                "magnet:?xt=urn:btih:" + BunnyHex + "&xt=urn:btmh:1220" + V2Hex + "&dn=My%20Files"
                + "&tr=udp://t1:80/announce&tr=http://t2/a%3Fk%3Dv%26x%3Dy&ws=https://seed/"
                + "&x.pe=1.2.3.4:6881&x.pe=%5B::1%5D:6882&so=0,3-4&xl=12345&kt=x%20y",
                link.ToString());
            var parsed = MagnetLink.Parse(link.ToString());
            Assert.Equal(link, parsed);
            Assert.Equal(link.GetHashCode(), parsed.GetHashCode());
            Assert.True(link == parsed);
            Assert.False(link != parsed);
        }

        [Fact]
        public void Constructor_NormalisesEmptyDisplayName()
        {
            var link = new MagnetLink(InfoHash.Parse(BunnyHex), displayName: string.Empty);
            Assert.Null(link.DisplayName);
            Assert.Equal(link, new MagnetLink(InfoHash.Parse(BunnyHex)));
        }

        [Fact]
        public void Constructor_RejectsInvalidArguments()
        {
            var hash = InfoHash.Parse(BunnyHex);
            Assert.Throws<ArgumentException>(() => new MagnetLink(null));
            Assert.Throws<ArgumentOutOfRangeException>(() => new MagnetLink(hash, exactLength: -1));
            Assert.Throws<ArgumentException>(() => new MagnetLink(hash, displayName: "bad \uD800 surrogate"));
            Assert.Throws<ArgumentException>(() => new MagnetLink(hash, trackers: new[] { string.Empty }));
            Assert.Throws<ArgumentException>(() => new MagnetLink(hash, trackers: new string[] { null! }));
            Assert.Throws<ArgumentException>(() => new MagnetLink(hash, webSeeds: new[] { "\uDC00" }));
            Assert.Throws<ArgumentException>(() => new MagnetLink(hash, peers: new[] { default(MagnetPeer) }));
            foreach (string reserved in new[] { "xt", "XT", "xt.3", "dn", "tr", "tr.1", "ws", "x.pe", "so", "xl", string.Empty })
            {
                Assert.Throws<ArgumentException>(() => new MagnetLink(
                    hash,
                    additionalParameters: new[] { new KeyValuePair<string, string>(reserved, "v") }));
            }

            Assert.Throws<ArgumentException>(() => new MagnetLink(
                hash,
                additionalParameters: new[] { new KeyValuePair<string, string>("kt", null!) }));
        }

        [Fact]
        public void Equality_ConsidersEveryField()
        {
            var hash = InfoHash.Parse(BunnyHex);
            Assert.True(InfoHashV2.TryParse(V2Hex, out var v2));
            var baseline = new MagnetLink(hash);
            var variants = new[]
            {
                new MagnetLink(InfoHash.Parse(OtherHex)),
                new MagnetLink(hash, v2),
                new MagnetLink(null, v2),
                new MagnetLink(hash, displayName: "n"),
                new MagnetLink(hash, trackers: new[] { "udp://t" }),
                new MagnetLink(hash, webSeeds: new[] { "http://w" }),
                new MagnetLink(hash, peers: new[] { new MagnetPeer("h", 1) }),
                new MagnetLink(hash, selectOnly: new[] { new MagnetFileRange(1) }),
                new MagnetLink(hash, exactLength: 0),
                new MagnetLink(hash, additionalParameters: new[] { new KeyValuePair<string, string>("k", "v") }),
            };
            foreach (var variant in variants)
            {
                Assert.NotEqual(baseline, variant);
                Assert.False(baseline.Equals((object)variant));
                Assert.Equal(variant, MagnetLink.Parse(variant.ToString()));
            }

            Assert.False(baseline.Equals(null));
            Assert.True(baseline.Equals((object)new MagnetLink(hash)));
            Assert.False(baseline == null);
            Assert.True((MagnetLink?)null == null);

            var order1 = new MagnetLink(hash, trackers: new[] { "a", "b" });
            var order2 = new MagnetLink(hash, trackers: new[] { "b", "a" });
            Assert.NotEqual(order1, order2);
        }

        [Fact]
        public void TryParse_ReportsSuccessAndFailure()
        {
            Assert.True(MagnetLink.TryParse("magnet:?xt=urn:btih:" + BunnyHex, out var link));
            Assert.NotNull(link);
            Assert.False(MagnetLink.TryParse("magnet:?dn=x", out var none));
            Assert.Null(none);
            Assert.False(MagnetLink.TryParse(null, out none));
            Assert.Null(none);
        }

        [Fact]
        public void Parse_Null_ThrowsArgumentNull()
        {
            Assert.Throws<ArgumentNullException>(() => MagnetLink.Parse(null!));
        }
    }
}
