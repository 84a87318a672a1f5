using System;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class MetainfoHostileInputTests
    {
        private static async Task<byte[]> RealTorrentAsync()
        {
            var options = new TorrentCreationOptions { PieceLength = 16_384, Comment = "hostile", CreationDate = DateTimeOffset.FromUnixTimeSeconds(1) };
            options.Trackers.Add(new[] { "http://127.0.0.1:1/announce", "udp://127.0.0.1:2" });
            var source = TorrentSource.Folder("real", new[]
            {
                TestTorrents.MemoryFile(TestTorrents.Content(1, 40_000), "a", "one.bin"),
                TestTorrents.MemoryFile(TestTorrents.Content(2, 3), "two.bin"),
            });
            return (await TorrentCreator.CreateAsync(source, options)).TorrentBytes!;
        }

        [Fact]
        public async Task EveryTruncationIsAFormatError()
        {
            byte[] torrent = await RealTorrentAsync();
            for (int length = 0; length < torrent.Length; length++)
            {
                var prefix = torrent.AsSpan(0, length).ToArray();
                var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(prefix));
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }

            Assert.Equal("real", Metainfo.Parse(torrent).Name);
        }

        [Fact]
        public async Task RandomMutationsNeverEscapeAsOtherExceptions()
        {
            byte[] torrent = await RealTorrentAsync();
            var random = new Random(42);
            int parsed = 0;
            for (int i = 0; i < 20_000; i++)
            {
                byte[] mutated = (byte[])torrent.Clone();
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                try
                {
                    var m = Metainfo.Parse(mutated);
                    parsed++;
                    Assert.All(m.Files.SelectMany(f => f.PathElements), e => Assert.True(PathSanitizer.IsSafeElement(e)));
                }
                catch (TorrentFormatException)
                {
                    // Expected for most mutations.
                }
            }

            Assert.True(parsed > 0, "some mutations (e.g. inside piece hashes) must still parse");
        }

        [Fact]
        public void RandomBytesNeverEscapeAsOtherExceptions()
        {
            var random = new Random(99);
            byte[] alphabet = "dlie0123456789:-xa"u8.ToArray();
            for (int i = 0; i < 20_000; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                for (int k = 0; k < bytes.Length; k++)
                {
                    bytes[k] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                }

                try
                {
                    Metainfo.Parse(bytes);
                }
                catch (TorrentFormatException)
                {
                    // Expected.
                }
            }
        }
    }
}
