using System;
using System.Collections.Generic;
using System.Text;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Protocol.Wire
{
    /// <summary>
    /// Hostile input: random and mutated bytes go through the parsers the way a receive loop feeds
    /// them. The only exception allowed out is <see cref="PeerProtocolException"/>. Seeds and counts
    /// are fixed, so every run checks the same inputs.
    /// </summary>
    public class WireFuzzTests
    {
        private const int SmallMax = 256;

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RandomBuffers_OnlyThrowPeerProtocolException(int seed)
        {
            var random = new Random(seed);
            int refused = 0;
            for (int i = 0; i < 3000; i++)
            {
                var buffer = new byte[random.Next(0, 200)];
                random.NextBytes(buffer);
                if (ParseOrProtocolError(buffer, SmallMax) < 0)
                {
                    refused++;
                }
            }

            // Noise nearly always declares a length above the limit, so most buffers are refused.
            Assert.True(refused > 2000, "refused " + refused);
        }

        [Theory]
        [InlineData(10)]
        [InlineData(11)]
        [InlineData(12)]
        public void RandomPlausibleFrames_OnlyThrowPeerProtocolException(int seed)
        {
            // Small lengths and ids near the real ones, so the body parsers see the input, not just the limit check.
            var random = new Random(seed);
            int messages = 0;
            int errors = 0;
            for (int i = 0; i < 3000; i++)
            {
                var stream = new List<byte>();
                int frames = random.Next(1, 6);
                for (int f = 0; f < frames; f++)
                {
                    int length = random.Next(0, 20);
                    stream.Add(0);
                    stream.Add(0);
                    stream.Add(0);
                    stream.Add((byte)length);
                    if (length > 0)
                    {
                        stream.Add((byte)random.Next(0, 24));
                        for (int b = 1; b < length; b++)
                        {
                            stream.Add(RandomInterestingByte(random));
                        }
                    }
                }

                byte[] bytes = stream.ToArray();
                try
                {
                    var list = new List<MessageSnapshot>();
                    WireMessages.ParseLoop(bytes, SmallMax, list);
                    messages += list.Count;
                }
                catch (PeerProtocolException)
                {
                    errors++;
                }
            }

            Assert.True(messages > 500, "messages " + messages);
            Assert.True(errors > 100, "errors " + errors);
        }

        [Theory]
        [InlineData(20)]
        [InlineData(21)]
        [InlineData(22)]
        public void MutatedValidStreams_OnlyThrowPeerProtocolException(int seed)
        {
            byte[] valid = WireMessages.AllMessagesStream();
            var random = new Random(seed);
            for (int i = 0; i < 3000; i++)
            {
                byte[] mutated = Mutate(valid, random);
                ParseOrProtocolError(mutated, WireMessages.MaxMessageLength);
                ParseOrProtocolError(mutated, SmallMax);
            }

            Assert.Equal(valid.Length, WireMessages.ParseLoop(valid, WireMessages.MaxMessageLength, null));
        }

        [Theory]
        [InlineData(30)]
        [InlineData(31)]
        public void MutatedHandshakes_OnlyThrowPeerProtocolException(int seed)
        {
            var valid = new byte[PeerHandshake.Length];
            new PeerHandshake(ReservedBits.Ours, new InfoHash(new byte[20]), new PeerId(Encoding.ASCII.GetBytes("-JS0100-abcdefghijkl"))).WriteTo(valid);
            var random = new Random(seed);
            int accepted = 0;
            for (int i = 0; i < 3000; i++)
            {
                byte[] mutated = Mutate(valid, random);
                try
                {
                    if (PeerHandshake.TryReadHeader(mutated, out _, out _))
                    {
                        accepted++;
                    }

                    PeerHandshake.TryRead(mutated, out _);
                }
                catch (PeerProtocolException)
                {
                    // The expected outcome for a broken protocol string.
                }
            }

            Assert.True(accepted > 0);
        }

        [Theory]
        [InlineData(40)]
        [InlineData(41)]
        public void MutatedExtensionHandshakes_OnlyThrowPeerProtocolException(int seed)
        {
            var ours = new ExtensionHandshake(new Dictionary<string, int> { ["ut_metadata"] = 1, ["ut_pex"] = 2, ["lt_donthave"] = 7 })
            {
                ClientVersion = "JsTorrent 0.1.0",
                ListenPort = 6881,
                RequestQueueLength = 250,
                MetadataSize = 123456,
                YourIp = new byte[] { 1, 2, 3, 4 },
                Ipv6 = new byte[16],
            };
            byte[] valid = ours.Encode();
            var random = new Random(seed);
            int parsed = 0;
            for (int i = 0; i < 3000; i++)
            {
                byte[] mutated = Mutate(valid, random);
                try
                {
                    var handshake = ExtensionHandshake.Parse(mutated);
                    Assert.All(handshake.MessageIds.Values, id => Assert.InRange(id, 0, 255));
                    parsed++;
                }
                catch (PeerProtocolException)
                {
                    // The expected outcome for malformed input.
                }
            }

            Assert.True(parsed > 0);
        }

        [Theory]
        [InlineData(50)]
        [InlineData(51)]
        public void RandomBencodeTokenSoup_InExtensionHandshake_OnlyThrowsPeerProtocolException(int seed)
        {
            string[] tokens = { "d", "l", "e", "i", "1:m", "1:p", "4:reqq", "1:v", "6:yourip", "4:ipv4", "4:ipv6", "13:metadata_size", "i1e", "i-1e", "i99999999999999999999e", "0:", "4:abcd", "16:", "11:ut_metadata", "de", "le", "-", "0", "9", ":" };
            var random = new Random(seed);
            for (int i = 0; i < 3000; i++)
            {
                var text = new StringBuilder("d");
                int count = random.Next(0, 16);
                for (int t = 0; t < count; t++)
                {
                    text.Append(tokens[random.Next(tokens.Length)]);
                }

                if (random.Next(2) == 0)
                {
                    text.Append('e');
                }

                try
                {
                    ExtensionHandshake.Parse(Encoding.ASCII.GetBytes(text.ToString()));
                }
                catch (PeerProtocolException)
                {
                    // The expected outcome for malformed input.
                }
            }

            Assert.NotNull(ExtensionHandshake.Parse(Encoding.ASCII.GetBytes("d1:md1:xi1eee")));
        }

        [Fact]
        public void RandomExtensionPayloads_OnlyThrowPeerProtocolException()
        {
            var random = new Random(60);
            for (int i = 0; i < 3000; i++)
            {
                var payload = new byte[random.Next(0, 100)];
                random.NextBytes(payload);
                if (payload.Length > 0 && random.Next(2) == 0)
                {
                    payload[0] = (byte)'d';
                }

                try
                {
                    ExtensionHandshake.Parse(payload);
                }
                catch (PeerProtocolException)
                {
                    // The expected outcome for malformed input.
                }
            }

            Assert.Throws<PeerProtocolException>(() => ExtensionHandshake.Parse(new byte[] { (byte)'d' }));
        }

        // Parses like a receive loop; a PeerProtocolException ends the connection, anything else fails the test.
        private static int ParseOrProtocolError(byte[] data, int max)
        {
            try
            {
                int consumed = WireMessages.ParseLoop(data, max, new List<MessageSnapshot>());
                Assert.InRange(consumed, 0, data.Length);

                // What is left over is an incomplete frame: the reader asks for more than is there.
                Assert.True(PeerMessageReader.GetRequiredLength(data.AsSpan(consumed), max) > data.Length - consumed);
                return consumed;
            }
            catch (PeerProtocolException)
            {
                return -1;
            }
        }

        private static byte[] Mutate(byte[] valid, Random random)
        {
            var bytes = new List<byte>(valid);
            int edits = random.Next(1, 5);
            for (int e = 0; e < edits; e++)
            {
                int position = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
                switch (random.Next(6))
                {
                    case 0 when bytes.Count > 0:
                        bytes[position] = (byte)random.Next(256);
                        break;
                    case 1 when bytes.Count > 0:
                        bytes[position] ^= (byte)(1 << random.Next(8));
                        break;
                    case 2 when bytes.Count > 0:
                        bytes[position] = RandomInterestingByte(random);
                        break;
                    case 3:
                        bytes.Insert(position, (byte)random.Next(256));
                        break;
                    case 4 when bytes.Count > 0:
                        bytes.RemoveAt(position);
                        break;
                    default:
                        bytes.RemoveRange(position, bytes.Count - position);
                        break;
                }
            }

            return bytes.ToArray();
        }

        private static byte RandomInterestingByte(Random random)
        {
            byte[] interesting = { 0x00, 0x01, 0x02, 0x04, 0x7F, 0x80, 0xFF, (byte)'d', (byte)'e', (byte)'i', (byte)'l', (byte)':', (byte)'0', (byte)'9', 20, 19 };
            return random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
        }
    }
}
