using System;
using System.Text;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Malformed and hostile magnet links fail only with <see cref="MagnetLinkFormatException"/>.</summary>
    public class MagnetLinkHostileInputTests
    {
        private const string Hash = MagnetLinkTests.BunnyHex;
        private const string Prefix = "magnet:?xt=urn:btih:" + Hash;

        private const string RichLink =
            " magnet:?xt=urn:btih:" + Hash + "&xt.2=urn:btmh:1220" + MagnetLinkTests.V2Hex
            + "&dn=caf%C3%A9+%F0%9F%90%B0+raw+é🐰&tr=udp://t.example:80/announce%3Fk%3Dv&tr.1=http://t2/a"
            + "&ws=https://seed/f&x.pe=1.2.3.4:6881&x.pe=[2001:db8::1]:51413&x.pe=%5B::1%5D:1&x.pe=host.example:65535"
            + "&so=0,2,4-6&xl=123456789&kt=a+b&x.foo=%E2%98%83#frag ";

        [Fact]
        public void RichLink_IsValid()
        {
            var link = MagnetLink.Parse(RichLink);
            Assert.Equal("café 🐰 raw é🐰", link.DisplayName);
            Assert.Equal(4, link.Peers.Count);
            Assert.Equal(link, MagnetLink.Parse(link.ToString()));
        }

        [Fact]
        public void EveryTruncation_ParsesOrFailsWithFormatException()
        {
            int parsed = 0;
            int rejected = 0;
            for (int length = 0; length <= RichLink.Length; length++)
            {
                if (ParseOrFormatError(RichLink.Substring(0, length)))
                {
                    parsed++;
                }
                else
                {
                    rejected++;
                }
            }

            Assert.True(parsed > 0, "some truncations keep a complete xt and must parse");
            Assert.True(rejected > 0, "short truncations have no xt and must be rejected");
        }

        [Fact]
        public void EverySuffix_AndEveryOneCharacterDeletion_ParsesOrFailsWithFormatException()
        {
            for (int i = 0; i < RichLink.Length; i++)
            {
                ParseOrFormatError(RichLink.Substring(i));
                ParseOrFormatError(RichLink.Remove(i, 1));
            }
        }

        [Fact]
        public void RandomMutations_ParseOrFailWithFormatException()
        {
            var random = new Random(99);
            const string alphabet = "%&=+#?:/[]-,.0123456789abcdefABCDEFxXtTgG \t\u00e9\uD83D\uDC30\uD800\uDC00\0";
            for (int i = 0; i < 5000; i++)
            {
                var text = new StringBuilder(RichLink);
                int edits = random.Next(1, 6);
                for (int e = 0; e < edits && text.Length > 0; e++)
                {
                    int at = random.Next(text.Length);
                    switch (random.Next(3))
                    {
                        case 0:
                            text.Remove(at, 1);
                            break;
                        case 1:
                            text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                            break;
                        default:
                            text[at] = alphabet[random.Next(alphabet.Length)];
                            break;
                    }
                }

                ParseOrFormatError(text.ToString());
            }
        }

        [Fact]
        public void RandomGarbage_ParsesOrFailsWithFormatException()
        {
            var random = new Random(4242);
            string[] pieces =
            {
                "magnet:?", "MAGNET:?", "xt=", "urn:btih:", "urn:btmh:", "1220", Hash, MagnetLinkTests.BunnyBase32,
                "&", "=", "%", "%2", "%25", "%C3", "%A9", "%FF", "%ED%A0%80", "+", "#", "dn=", "tr=", "ws=", "x.pe=", "so=",
                "xl=", "[", "]", ":", "::1", "65535", "65536", "0", "-", ",", "9999999999999999999999", "\uD83D", "\uDC30",
                "é", " ", "\0", "xt.1=", "tr.9=",
            };
            for (int i = 0; i < 20000; i++)
            {
                var text = new StringBuilder();
                int count = random.Next(0, 12);
                for (int p = 0; p < count; p++)
                {
                    if (random.Next(5) == 0)
                    {
                        text.Append((char)random.Next(0x10000));
                    }
                    else
                    {
                        text.Append(pieces[random.Next(pieces.Length)]);
                    }
                }

                ParseOrFormatError(text.ToString());
            }
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("\r\n\t")]
        public void Empty_IsRejected(string text)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("http://example.com/?xt=urn:btih:" + Hash)]
        [InlineData("magnet")]
        [InlineData("magne:?xt=urn:btih:" + Hash)]
        [InlineData("xt=urn:btih:" + Hash)]
        [InlineData(Hash)]
        public void MissingScheme_IsRejected(string text)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Contains("magnet:?", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("magnet:")]
        [InlineData("magnet:xt=urn:btih:" + Hash)]
        [InlineData("magnet://?xt=urn:btih:" + Hash)]
        public void MissingQuestionMark_IsRejected(string text)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Contains("'?'", error.Message, StringComparison.Ordinal);
            Assert.Equal(7, error.Offset);
        }

        [Theory]
        [InlineData("magnet:?")]
        [InlineData("magnet:?dn=name&tr=udp://t:1")]
        [InlineData("magnet:?xt=")]
        [InlineData("magnet:?xt")]
        [InlineData("magnet:?XT.1x=urn:btih:" + Hash)]
        [InlineData("magnet:?dn=x#xt=urn:btih:" + Hash)]
        public void NoExactTopic_IsRejected(string text)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Contains("'xt'", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void OnlyNonBitTorrentTopics_AreRejected()
        {
            var error = Assert.Throws<MagnetLinkFormatException>(
                () => MagnetLink.Parse("magnet:?xt=urn:ed2k:354B15E68FB8F36D7CD88FF94116CDC1&xt=urn:sha1:ABCDEF"));
            Assert.Contains("BitTorrent", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1", "39 characters")] // 39 hex
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c0", "41 characters")]
        [InlineData("", "0 characters")]
        [InlineData("3WBFL3G4PSSV7MF37AJSHWDQMLNR63I", "31 characters")]
        [InlineData("dd8255ecdc7ca55fb0bbf81323d87062db1f6d1x", "not valid")]
        [InlineData("1WBFL3G4PSSV7MF37AJSHWDQMLNR63I4", "not valid")] // '1' is not base32
        [InlineData("3WBFL3G4PSSV7MF37AJSHWDQMLNR63I8", "not valid")] // '8' is not base32
        [InlineData("3WBFL3G4PSSV7MF37AJSHWDQMLNR63I=", "not valid")]
        public void BadV1Hash_IsRejected(string hash, string reason)
        {
            string text = "magnet:?dn=x&xt=urn:btih:" + hash;
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Contains("'xt'", error.Message, StringComparison.Ordinal);
            Assert.Contains("urn:btih:", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.Equal(13, error.Offset);
        }

        [Fact]
        public void ConflictingV1Hashes_AreRejected()
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(
                Prefix + "&xt=urn:btih:" + MagnetLinkTests.OtherHex));
            Assert.Contains(Hash, error.Message, StringComparison.Ordinal);
            Assert.Contains(MagnetLinkTests.OtherHex, error.Message, StringComparison.Ordinal);
            Assert.Equal(Prefix.Length + 1, error.Offset);
        }

        [Fact]
        public void ConflictingV2Hashes_AreRejected()
        {
            string other = new string('a', 64);
            Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(
                "magnet:?xt=urn:btmh:1220" + MagnetLinkTests.V2Hex + "&xt=urn:btmh:1220" + other));
        }

        [Theory]
        [InlineData("1114" + MagnetLinkTests.V2Hex, "1220")] // SHA-1 multihash code
        [InlineData("1320" + MagnetLinkTests.V2Hex, "1220")] // SHA-512 code
        [InlineData("1221" + MagnetLinkTests.V2Hex, "1220")] // wrong length byte
        [InlineData(MagnetLinkTests.V2Hex, "1220")] // no multihash header
        [InlineData("", "1220")]
        [InlineData("12", "1220")]
        [InlineData("1220", "0 characters")]
        [InlineData("1220" + MagnetLinkTests.V2Hex + "00", "66 characters")]
        [InlineData("1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a", "63 characters")]
        [InlineData("1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ag", "not hexadecimal")]
        public void BadV2Multihash_IsRejected(string multihash, string reason)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse("magnet:?xt=urn:btmh:" + multihash));
            Assert.Contains("urn:btmh:", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("%", 0)]
        [InlineData("%4", 0)]
        [InlineData("ab%G1", 2)]
        [InlineData("ab%1G", 2)]
        [InlineData("%%41", 0)]
        [InlineData("ok%41%4", 5)]
        [InlineData("%-1", 0)]
        [InlineData("% 1", 0)]
        public void BadPercentEscape_ReportsOffsetOfPercentSign(string value, int offsetInValue)
        {
            string text = Prefix + "&dn=" + value;
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Equal(Prefix.Length + 4 + offsetInValue, error.Offset);
            Assert.Contains("'%'", error.Message, StringComparison.Ordinal);
            Assert.Contains("dn", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BadPercentEscape_InParameterName_IsRejected()
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&k%zz=v"));
            Assert.Equal(Prefix.Length + 2, error.Offset);
            Assert.Contains("parameter name", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("%C3%28", 0)] // invalid continuation byte
        [InlineData("ab%C3", 2)] // truncated two-byte sequence
        [InlineData("%E2%82", 0)] // truncated three-byte sequence
        [InlineData("%FF", 0)]
        [InlineData("%FE", 0)]
        [InlineData("%80", 0)] // lone continuation byte
        [InlineData("%C0%AF", 0)] // overlong '/'
        [InlineData("%E0%80%AF", 0)] // overlong three-byte
        [InlineData("%ED%A0%80", 0)] // UTF-8 encoded UTF-16 surrogate
        [InlineData("%F4%90%80%80", 0)] // above U+10FFFF
        [InlineData("%F5%80%80%80", 0)]
        [InlineData("ok%C3%A9%C3", 8)]
        public void InvalidUtf8_IsRejectedWithOffset(string value, int offsetInValue)
        {
            string text = Prefix + "&dn=" + value;
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(text));
            Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
            Assert.Equal(Prefix.Length + 4 + offsetInValue, error.Offset);
        }

        [Theory]
        [InlineData("tr")]
        [InlineData("ws")]
        [InlineData("x.custom")]
        [InlineData("xt")]
        public void InvalidUtf8_IsRejectedInEveryParameter(string name)
        {
            Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&" + name + "=%C3%28"));
        }

        [Fact]
        public void UnpairedSurrogateInRawText_IsRejected()
        {
            // Built in code: xunit would replace lone surrogates in serialised InlineData with U+FFFD.
            var values = new[] { ("a" + '\uD800' + "b", 1), ("a" + '\uDC00', 1), ('\uD83D'.ToString(), 0), ("🐰" + '\uDC30', 2) };
            foreach (var (value, offset) in values)
            {
                var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&dn=" + value));
                Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
                Assert.Equal(Prefix.Length + 4 + offset, error.Offset);
            }
        }

        [Theory]
        [InlineData("host:0")]
        [InlineData("host:65536")]
        [InlineData("host:-1")]
        [InlineData("host:abc")]
        [InlineData("host:")]
        [InlineData("host:+80")]
        [InlineData("host:8 0")]
        [InlineData("host:0x50")]
        [InlineData("host:999999")]
        [InlineData("1.2.3.4:99999999999999999999")]
        [InlineData("[::1]:0")]
        [InlineData("[::1]:65536")]
        public void BadPeerPort_IsRejected(string peer)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&x.pe=" + peer));
            Assert.Contains("x.pe", error.Message, StringComparison.Ordinal);
            Assert.Contains("port", error.Message, StringComparison.Ordinal);
            Assert.Equal(Prefix.Length + 1, error.Offset);
        }

        [Theory]
        [InlineData("[::1", "']'")]
        [InlineData("[::1:80", "']'")]
        [InlineData("[::1]", "port")]
        [InlineData("[::1]80", "port")]
        [InlineData("::1:80", "brackets")]
        [InlineData("2001:db8::1:6881", "brackets")]
        [InlineData("[zz::1]:80", "IPv6")]
        [InlineData("[1.2.3.4]:80", "IPv6")]
        [InlineData("[fe80::1%25eth0]:80", "IPv6")]
        [InlineData("[1:2:3:4:5:6:7:8:9]:80", "IPv6")]
        [InlineData("[]:80", "IPv6")]
        [InlineData("host", "port")]
        [InlineData(":80", "empty")]
        [InlineData("1.2.3.256:80", "IPv4")]
        [InlineData("1.2.3:80", "IPv4")]
        [InlineData("bad host:80", "not allowed")]
        [InlineData("ho%2Fst:80", "not allowed")]
        [InlineData("héllo:80", "not allowed")]
        [InlineData("a..b:80", "empty label")]
        public void BadPeerHost_IsRejected(string peer, string reason)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&x.pe=" + peer));
            Assert.Contains("x.pe", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("1-")]
        [InlineData("-1")]
        [InlineData("5-3")]
        [InlineData("a")]
        [InlineData("1,,2")]
        [InlineData(",1")]
        [InlineData("1,")]
        [InlineData("1-2-3")]
        [InlineData("2147483648")]
        [InlineData("0-2147483648")]
        [InlineData("1 ,2")]
        [InlineData("+1")]
        public void BadSelectOnly_IsRejected(string value)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&so=" + value));
            Assert.Contains("'so'", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("-1")]
        [InlineData("1.5")]
        [InlineData("1e6")]
        [InlineData("9223372036854775808")]
        [InlineData("99999999999999999999")]
        [InlineData(" 1")]
        [InlineData("0x10")]
        public void BadExactLength_IsRejected(string value)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + "&xl=" + value));
            Assert.Contains("'xl'", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("&dn=a&dn=b", "'dn'")]
        [InlineData("&xl=1&xl=2", "'xl'")]
        [InlineData("&so=1&so=2", "'so'")]
        public void ConflictingSingleValuedParameters_AreRejected(string tail, string name)
        {
            var error = Assert.Throws<MagnetLinkFormatException>(() => MagnetLink.Parse(Prefix + tail));
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void HugeInput_IsHandled()
        {
            var builder = new StringBuilder(Prefix);
            for (int i = 0; i < 20000; i++)
            {
                builder.Append("&tr=udp://t").Append(i % 100).Append(":1&so=0-2147483647&x.pe=[::1]:1");
            }

            var link = MagnetLink.Parse(builder.ToString());
            Assert.Equal(100, link.Trackers.Count);
            Assert.Single(link.Peers);
            Assert.Single(link.SelectOnly);
        }

        /// <summary>True when the text parsed; false when it was rejected with <see cref="MagnetLinkFormatException"/>; any other exception fails the test.</summary>
        private static bool ParseOrFormatError(string text)
        {
            MagnetLink link;
            try
            {
                link = MagnetLink.Parse(text);
            }
            catch (MagnetLinkFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.True(e.Offset >= -1 && e.Offset <= text.Length, "offset out of range for: " + text);
                Assert.False(MagnetLink.TryParse(text, out var none));
                Assert.Null(none);
                return false;
            }
            catch (Exception e)
            {
                Assert.Fail("Parse threw " + e.GetType().Name + " (" + e.Message + ") for: " + text);
                return false;
            }

            // Whatever parsed must format, re-parse to the same link, and format stably.
            string canonical = link.ToString();
            var again = MagnetLink.Parse(canonical);
            Assert.Equal(link, again);
            Assert.Equal(canonical, again.ToString());
            Assert.True(MagnetLink.TryParse(text, out var same));
            Assert.Equal(link, same);
            return true;
        }
    }
}
