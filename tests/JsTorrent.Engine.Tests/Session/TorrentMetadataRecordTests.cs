using System.Linq;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Tests.Core.Engine;

namespace JsTorrent.Engine.Tests.Session
{
    public class TorrentMetadataRecordTests
    {
        internal static Task<TestTorrent> MultiFileAsync(int seed = 7) =>
            TestTorrent.CreateAsync("Album", 16_384, false, seed, ("01 \u00e9t\u00e9.flac", 40_000), ("cover.jpg", 9_000), ("notes/readme.txt", 0));

        public static MagnetLink MagnetFor(InfoHash hash) => MagnetLink.Parse(
            "magnet:?xt=urn:btih:" + hash + "&dn=Album%20%C3%A9t%C3%A9&tr=http%3A%2F%2Ftracker.example%2Fannounce&tr=udp%3A%2F%2Ftracker.example%3A6969");

        private static string KeyFor(InfoHash hash) => SessionKeys.For(hash, SessionKeys.Metadata);

        private static TorrentMetadataRecord RoundTrip(TorrentMetadataRecord record, InfoHash hash) => TorrentMetadataRecord.Decode(KeyFor(hash), record.Encode());

        [Fact]
        public async Task ATorrentFileKeepsItsOwnBytes()
        {
            var torrent = (await MultiFileAsync()).Metainfo;
            Assert.NotNull(torrent.TorrentBytes);

            var record = RoundTrip(TorrentMetadataRecord.From(torrent, null), torrent.InfoHash);
            Assert.Equal(torrent.TorrentBytes, record.TorrentBytes);
            Assert.Null(record.InfoBytes);
            Assert.Null(record.MagnetUri);

            record.Materialize(KeyFor(torrent.InfoHash), torrent.InfoHash, out var metainfo, out var magnet);
            Assert.NotNull(metainfo);
            Assert.Null(magnet);
            Assert.Equal(torrent.InfoHash, metainfo!.InfoHash);
            Assert.Equal(torrent.TorrentBytes, metainfo.TorrentBytes);
            Assert.Equal(torrent.Files.Select(f => f.RelativePath), metainfo.Files.Select(f => f.RelativePath));
            Assert.Equal(torrent.PieceCount, metainfo.PieceCount);
        }

        [Fact]
        public async Task AMagnetWithoutMetadataKeepsItsLink()
        {
            var hash = (await MultiFileAsync()).Metainfo.InfoHash;
            var link = MagnetFor(hash);

            var record = RoundTrip(TorrentMetadataRecord.From(null, link), hash);
            Assert.Null(record.TorrentBytes);
            Assert.Null(record.InfoBytes);
            Assert.Equal(link.ToString(), record.MagnetUri);

            record.Materialize(KeyFor(hash), hash, out var metainfo, out var magnet);
            Assert.Null(metainfo);
            Assert.Equal(link, magnet);
            Assert.Equal(hash, magnet!.SwarmInfoHash);
            Assert.Equal("Album \u00e9t\u00e9", magnet.DisplayName);
            Assert.Equal(new[] { "http://tracker.example/announce", "udp://tracker.example:6969" }, magnet.Trackers);
        }

        [Fact]
        public async Task AMagnetWithFetchedMetadataKeepsTheInfoDictionaryAndTheLink()
        {
            var created = (await MultiFileAsync()).Metainfo;
            var link = MagnetFor(created.InfoHash);

            // What a magnet torrent holds once BEP 9 fetched its info: no .torrent bytes of its own.
            var fetched = Metainfo.FromInfoDictionary(created.InfoBytes);
            Assert.Null(fetched.TorrentBytes);

            var record = RoundTrip(TorrentMetadataRecord.From(fetched, link), created.InfoHash);
            Assert.Null(record.TorrentBytes);
            Assert.Equal(created.InfoBytes, record.InfoBytes);
            Assert.Equal(link.ToString(), record.MagnetUri);

            record.Materialize(KeyFor(created.InfoHash), created.InfoHash, out var metainfo, out var magnet);
            Assert.Equal(created.InfoHash, metainfo!.InfoHash);
            Assert.Equal(created.InfoBytes, metainfo.InfoBytes);
            Assert.Equal(link, magnet);

            // The magnet's trackers come back as the torrent's trackers, one per tier.
            Assert.Equal(new[] { "http://tracker.example/announce", "udp://tracker.example:6969" }, metainfo.AnnounceTiers.Select(t => t.Single()));
        }

        [Fact]
        public async Task ATorrentAddedFromAMagnetWithTorrentBytesKeepsTheMagnet()
        {
            // With a magnet, the record is the magnet plus info, even if the metainfo came from a full .torrent.
            var created = (await MultiFileAsync()).Metainfo;
            var record = TorrentMetadataRecord.From(created, MagnetFor(created.InfoHash));
            Assert.Null(record.TorrentBytes);
            Assert.Equal(created.InfoBytes, record.InfoBytes);
            Assert.NotNull(record.MagnetUri);
        }

        [Fact]
        public async Task AnotherTorrentUnderTheKeyIsRefused()
        {
            var mine = (await MultiFileAsync(1)).Metainfo;
            var other = (await MultiFileAsync(2)).Metainfo;
            Assert.NotEqual(mine.InfoHash, other.InfoHash);
            string key = KeyFor(mine.InfoHash);

            var records = new[]
            {
                TorrentMetadataRecord.From(other, null),
                TorrentMetadataRecord.From(null, MagnetFor(other.InfoHash)),
                TorrentMetadataRecord.From(Metainfo.FromInfoDictionary(other.InfoBytes), MagnetFor(other.InfoHash)),
                TorrentMetadataRecord.From(Metainfo.FromInfoDictionary(other.InfoBytes), MagnetFor(mine.InfoHash)),
            };
            foreach (var stored in records)
            {
                var record = TorrentMetadataRecord.Decode(key, stored.Encode());
                var e = Assert.Throws<SessionRecordFormatException>(() => record.Materialize(key, mine.InfoHash, out _, out _));
                Assert.Equal(key, e.Key);
                Assert.Contains(other.InfoHash.ToString(), e.Message);
                Assert.Contains(mine.InfoHash.ToString(), e.Message);
            }
        }

        [Fact]
        public async Task InvalidStoredTorrentsAndLinksAreFormatErrors()
        {
            var hash = (await MultiFileAsync()).Metainfo.InfoHash;
            string key = KeyFor(hash);
            var bad = new[]
            {
                new TorrentMetadataRecord(Encoding.ASCII.GetBytes("d4:infod4:name1:xee"), null, null),
                new TorrentMetadataRecord(Encoding.ASCII.GetBytes("not bencode"), null, null),
                new TorrentMetadataRecord(null, null, "magnet:?xt=urn:btih:nothex"),
                new TorrentMetadataRecord(null, null, "http://example.org/"),
                new TorrentMetadataRecord(null, Encoding.ASCII.GetBytes("d4:name1:xe"), MagnetFor(hash).ToString()),
            };
            foreach (var stored in bad)
            {
                var record = TorrentMetadataRecord.Decode(key, stored.Encode());
                var e = Assert.Throws<SessionRecordFormatException>(() => record.Materialize(key, hash, out _, out _));
                Assert.Equal(key, e.Key);
                Assert.IsAssignableFrom<TorrentFormatException>(e.InnerException);
            }
        }

        [Fact]
        public void ARecordWithNeitherTorrentNorMagnetIsRefused()
        {
            const string key = "torrent:0123456789abcdef0123456789abcdef01234567:metadata";
            var e = Assert.Throws<SessionRecordFormatException>(() => TorrentMetadataRecord.Decode(key, new TorrentMetadataRecord(null, new byte[] { 1 }, null).Encode()));
            Assert.Contains("neither a torrent nor a magnet", e.Message);
            Assert.Throws<SessionRecordFormatException>(() => TorrentMetadataRecord.Decode(key, Encoding.ASCII.GetBytes("d1:vi1ee")));
        }
    }
}
