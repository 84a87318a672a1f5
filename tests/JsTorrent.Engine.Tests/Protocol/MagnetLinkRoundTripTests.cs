using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Property tests: random links survive formatting and parsing unchanged.</summary>
    public class MagnetLinkRoundTripTests
    {
        private const int LinkCount = 2000;

        private static readonly string[] Fragments =
        {
            "a", "Z", "0", "9", "-", ".", "_", "~", " ", "  ", "&", "=", "%", "%20", "%zz", "+", "#", "?", "/", ":", ",", ";",
            "@", "!", "$", "'", "(", ")", "*", "[", "]", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\t", "\n", "\0",
            "é", "ß", "Ü", "ñ", "日本語", "Ελληνικά", "עברית", "☃", "€", "\u00A0", "\u200B", "\uFEFF", "\uFFFD",
            "🐰", "😀", "👍🏽", "𝄞", "magnet:?", "xt=urn:btih:", "&tr=", "%C3%A9", "a+b",
        };

        private static readonly string[] ExtraKeys =
        {
            "kt", "mt", "as", "xs", "x.foo", "x.pe.1", "tr.", "tr.x", "xt.", "dn.1", "k é", "a&b", "a=b", "ключ", "🐰", "so.1", "XL2",
        };

        [Fact]
        public void RandomLinks_RoundTripThroughText()
        {
            var random = new Random(20240607);
            for (int i = 0; i < LinkCount; i++)
            {
                var link = RandomLink(random);
                string text = link.ToString();
                MagnetLink parsed;
                try
                {
                    parsed = MagnetLink.Parse(text);
                }
                catch (MagnetLinkFormatException e)
                {
                    throw new InvalidOperationException("Link #" + i + " did not parse: " + text, e);
                }

                Assert.True(link.Equals(parsed), "Link #" + i + " changed in a round trip: " + text + " => " + parsed);
                Assert.Equal(link.GetHashCode(), parsed.GetHashCode());
                Assert.Equal(text, parsed.ToString());
                AssertFieldsEqual(link, parsed);
            }
        }

        [Fact]
        public void RandomNonCanonicalSpellings_ParseToTheSameLink_AndFormatIdempotently()
        {
            var random = new Random(7771);
            for (int i = 0; i < LinkCount; i++)
            {
                var link = RandomLink(random);
                string spelling = NonCanonicalSpelling(link, random);
                MagnetLink parsed;
                try
                {
                    parsed = MagnetLink.Parse(spelling);
                }
                catch (MagnetLinkFormatException e)
                {
                    throw new InvalidOperationException("Spelling #" + i + " did not parse: " + spelling, e);
                }

                Assert.True(link.Equals(parsed), "Spelling #" + i + " parsed differently: " + spelling + " => " + parsed);
                string canonical = parsed.ToString();
                Assert.Equal(link.ToString(), canonical);
                Assert.Equal(canonical, MagnetLink.Parse(canonical).ToString());
            }
        }

        private static void AssertFieldsEqual(MagnetLink expected, MagnetLink actual)
        {
            Assert.Equal(expected.InfoHash, actual.InfoHash);
            Assert.Equal(expected.InfoHashV2, actual.InfoHashV2);
            Assert.Equal(expected.DisplayName, actual.DisplayName);
            Assert.Equal(expected.Trackers, actual.Trackers);
            Assert.Equal(expected.WebSeeds, actual.WebSeeds);
            Assert.Equal(expected.Peers, actual.Peers);
            Assert.Equal(expected.SelectOnly, actual.SelectOnly);
            Assert.Equal(expected.ExactLength, actual.ExactLength);
            Assert.Equal(expected.AdditionalParameters, actual.AdditionalParameters);
        }

        internal static MagnetLink RandomLink(Random random)
        {
            InfoHash? v1 = null;
            InfoHashV2? v2 = null;
            int kind = random.Next(4);
            if (kind != 1)
            {
                var bytes = new byte[InfoHash.Length];
                random.NextBytes(bytes);
                v1 = new InfoHash(bytes);
            }

            if (kind == 1 || kind == 2)
            {
                var bytes = new byte[InfoHashV2.Length];
                random.NextBytes(bytes);
                v2 = new InfoHashV2(bytes);
            }

            string? name = random.Next(5) == 0 ? null : RandomText(random, 1, 12);

            var trackers = new List<string>();
            int trackerCount = random.Next(6);
            for (int t = 0; t < trackerCount; t++)
            {
                trackers.Add(RandomUrl(random));
            }

            if (trackerCount > 0 && random.Next(4) == 0)
            {
                trackers.Add(trackers[0]); // a duplicate, dropped by the constructor
            }

            var webSeeds = new List<string>();
            int seedCount = random.Next(4);
            for (int w = 0; w < seedCount; w++)
            {
                webSeeds.Add("https://seed" + w + ".example/" + RandomText(random, 0, 4));
            }

            var peers = new List<MagnetPeer>();
            int peerCount = random.Next(5);
            for (int p = 0; p < peerCount; p++)
            {
                peers.Add(new MagnetPeer(RandomHost(random), random.Next(1, 65536)));
            }

            var ranges = new List<MagnetFileRange>();
            int rangeCount = random.Next(5);
            for (int r = 0; r < rangeCount; r++)
            {
                int start = random.Next(3) == 0 ? random.Next() : random.Next(40);
                int end = random.Next(2) == 0 ? start : (int)Math.Min(int.MaxValue, (long)start + random.Next(10));
                ranges.Add(new MagnetFileRange(start, end));
            }

            long? length = random.Next(4) switch
            {
                0 => null,
                1 => 0,
                2 => long.MaxValue - random.Next(3),
                _ => (long)(random.NextDouble() * 1e15),
            };

            var extras = new List<KeyValuePair<string, string>>();
            int extraCount = random.Next(4);
            for (int x = 0; x < extraCount; x++)
            {
                extras.Add(new KeyValuePair<string, string>(
                    ExtraKeys[random.Next(ExtraKeys.Length)],
                    random.Next(4) == 0 ? string.Empty : RandomText(random, 1, 6)));
            }

            return new MagnetLink(v1, v2, name, trackers, webSeeds, peers, ranges, length, extras);
        }

        private static string RandomText(Random random, int minFragments, int maxFragments)
        {
            var builder = new StringBuilder();
            int count = random.Next(minFragments, maxFragments + 1);
            for (int i = 0; i < count; i++)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
            }

            return builder.ToString();
        }

        private static string RandomUrl(Random random)
        {
            string scheme = random.Next(3) switch
            {
                0 => "udp",
                1 => "http",
                _ => "wss",
            };
            string url = scheme + "://tracker" + random.Next(100) + ".example.org:" + random.Next(1, 65536) + "/announce";
            if (random.Next(2) == 0)
            {
                url += "?passkey=" + random.Next().ToString("x", CultureInfo.InvariantCulture) + "&info=" + RandomText(random, 1, 3);
            }

            return url;
        }

        internal static string RandomHost(Random random)
        {
            switch (random.Next(3))
            {
                case 0:
                    return random.Next(256) + "." + random.Next(256) + "." + random.Next(256) + "." + random.Next(256);
                case 1:
                    var groups = new string[8];
                    for (int g = 0; g < 8; g++)
                    {
                        groups[g] = random.Next(0x10000).ToString(random.Next(2) == 0 ? "x" : "X", CultureInfo.InvariantCulture);
                    }

                    if (random.Next(2) == 0)
                    {
                        return string.Join(":", groups);
                    }

                    // Compress a run of groups into '::'.
                    int from = random.Next(8);
                    int to = random.Next(from + 1, 9);
                    string head = string.Join(":", groups, 0, from);
                    string tail = string.Join(":", groups, to, 8 - to);
                    return head + "::" + tail;
                default:
                    var labels = new string[random.Next(1, 4)];
                    for (int l = 0; l < labels.Length; l++)
                    {
                        var label = new StringBuilder();
                        label.Append((char)('a' + random.Next(26)));
                        int extra = random.Next(8);
                        for (int c = 0; c < extra; c++)
                        {
                            const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
                            label.Append(chars[random.Next(chars.Length)]);
                        }

                        labels[l] = label.ToString();
                    }

                    return string.Join(".", labels);
            }
        }

        /// <summary>A valid but non-canonical text for <paramref name="link"/>: mixed case, base32, needless escapes, '+' in dn, shuffled order.</summary>
        private static string NonCanonicalSpelling(MagnetLink link, Random random)
        {
            var parameters = new List<string>();
            int topicNumber = 1;
            if (link.InfoHash is InfoHash v1)
            {
                string hash = random.Next(2) == 0 ? v1.ToBase32() : v1.ToString().ToUpperInvariant();
                if (random.Next(2) == 0)
                {
                    hash = hash.ToLowerInvariant();
                }

                parameters.Add(TopicName(random, ref topicNumber) + "=" + Encode(RandomCase(random, "urn:btih:") + hash, random, false));
                if (random.Next(4) == 0)
                {
                    parameters.Add("xt=urn:btih:" + v1); // same hash again
                }
            }

            if (link.InfoHashV2 is InfoHashV2 v2)
            {
                parameters.Add(TopicName(random, ref topicNumber) + "=" + Encode(RandomCase(random, "urn:btmh:") + "1220" + v2.ToString().ToUpperInvariant(), random, false));
            }

            if (random.Next(3) == 0)
            {
                parameters.Add("xt=urn:sha1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
            }

            if (link.DisplayName != null)
            {
                parameters.Add(RandomCase(random, "dn") + "=" + Encode(link.DisplayName, random, true));
            }

            for (int i = 0; i < link.Trackers.Count; i++)
            {
                string name = random.Next(2) == 0 ? "tr" : "tr." + (i + 1).ToString(CultureInfo.InvariantCulture);
                parameters.Add(RandomCase(random, name) + "=" + Encode(link.Trackers[i], random, false));
            }

            foreach (string seed in link.WebSeeds)
            {
                parameters.Add("ws=" + Encode(seed, random, false));
            }

            foreach (var peer in link.Peers)
            {
                parameters.Add(RandomCase(random, "x.pe") + "=" + Encode(peer.ToString(), random, false));
            }

            if (link.SelectOnly.Count > 0)
            {
                // Spell the selection with duplicates, reversed order and split ranges.
                var items = new List<string>();
                foreach (var range in link.SelectOnly)
                {
                    if (range.End > range.Start && random.Next(2) == 0)
                    {
                        items.Add(range.Start.ToString(CultureInfo.InvariantCulture));
                        items.Add((range.Start + 1).ToString(CultureInfo.InvariantCulture) + "-" + range.End.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        items.Add(range.ToString());
                    }

                    if (random.Next(4) == 0)
                    {
                        items.Add(range.Start.ToString(CultureInfo.InvariantCulture));
                    }
                }

                items.Reverse();
                parameters.Add("so=" + Encode(string.Join(",", items), random, false));
            }

            if (link.ExactLength is long length)
            {
                parameters.Add("xl=" + (random.Next(3) == 0 ? "00" : string.Empty) + length.ToString(CultureInfo.InvariantCulture));
            }

            // Parameters of different kinds may interleave freely; each kind keeps its own order.
            parameters = RandomMerge(parameters, random);
            foreach (var extra in link.AdditionalParameters)
            {
                parameters.Add(Encode(extra.Key, random, false) + "=" + Encode(extra.Value, random, false));
            }

            if (random.Next(3) == 0)
            {
                parameters.Insert(random.Next(parameters.Count + 1), string.Empty); // an empty '&&'
            }

            string scheme = RandomCase(random, "magnet:?");
            string fragment = random.Next(4) == 0 ? "#ignored fragment&xt=nothing" : string.Empty;
            string padding = random.Next(4) == 0 ? " \t" : string.Empty;
            return padding + scheme + string.Join("&", parameters) + fragment + padding;
        }

        private static string TopicName(Random random, ref int number)
        {
            return random.Next(2) == 0 ? RandomCase(random, "xt") : "xt." + (number++).ToString(CultureInfo.InvariantCulture);
        }

        private static string RandomCase(Random random, string text)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (random.Next(2) == 0)
                {
                    chars[i] = char.ToUpperInvariant(chars[i]);
                }
            }

            return new string(chars);
        }

        /// <summary>Percent-encodes what must be encoded, and randomly more (lower- or upper-case hex); raw non-ASCII sometimes.</summary>
        private static string Encode(string text, Random random, bool plusForSpace)
        {
            var builder = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool mustEncode = c == '%' || c == '&' || c == '#' || c == '+' || c == '=' || char.IsWhiteSpace(c) || c < 0x20 || c == '\uFEFF';
                if (c == ' ' && plusForSpace && random.Next(2) == 0)
                {
                    builder.Append('+');
                    continue;
                }

                if (!mustEncode && random.Next(3) != 0)
                {
                    builder.Append(c);
                    if (char.IsHighSurrogate(c))
                    {
                        builder.Append(text[++i]);
                    }

                    continue;
                }

                string unit = char.IsHighSurrogate(c) ? text.Substring(i++, 2) : c.ToString();
                string hexFormat = random.Next(2) == 0 ? "X2" : "x2";
                foreach (byte b in Encoding.UTF8.GetBytes(unit))
                {
                    builder.Append('%').Append(b.ToString(hexFormat, CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        /// <summary>Interleaves the kinds (the text before '=') at random, keeping each kind's own order.</summary>
        private static List<string> RandomMerge(List<string> parameters, Random random)
        {
            var queues = new Dictionary<string, Queue<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (string parameter in parameters)
            {
                int equals = parameter.IndexOf('=', StringComparison.Ordinal);
                string kind = parameter.Substring(0, equals);
                if (kind.StartsWith("tr", StringComparison.OrdinalIgnoreCase))
                {
                    kind = "tr";
                }

                if (!queues.TryGetValue(kind, out var queue))
                {
                    queue = new Queue<string>();
                    queues.Add(kind, queue);
                }

                queue.Enqueue(parameter);
            }

            var pending = new List<Queue<string>>(queues.Values);
            var merged = new List<string>(parameters.Count);
            while (pending.Count > 0)
            {
                int pick = random.Next(pending.Count);
                merged.Add(pending[pick].Dequeue());
                if (pending[pick].Count == 0)
                {
                    pending.RemoveAt(pick);
                }
            }

            return merged;
        }
    }
}
