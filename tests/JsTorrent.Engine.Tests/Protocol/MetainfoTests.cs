using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class MetainfoTests
    {
        [Fact]
        public void ParsesSingleFileTorrent()
        {
            byte[] bytes = TestTorrents.Torrent(TestTorrents.SingleFileInfo("movie.mkv", 40_000), root =>
            {
                root.Set("announce", "http://tracker.example/announce");
                root.Set("comment", "hello");
                root.Set("created by", "test 1.0");
                root.Set("creation date", 1_700_000_000);
                root.Set("encoding", "UTF-8");
            });
            var m = Metainfo.Parse(bytes);
            Assert.True(m.IsSingleFile);
            Assert.Equal("movie.mkv", m.Name);
            Assert.Equal(40_000, m.TotalSize);
            Assert.Equal(3, m.PieceCount);
            Assert.Equal(16_384, m.GetPieceSize(0));
            Assert.Equal(40_000 - (2 * 16_384), m.GetPieceSize(2));
            var file = Assert.Single(m.Files);
            Assert.Equal(new[] { "movie.mkv" }, file.PathElements);
            Assert.Equal(0, file.Offset);
            Assert.Equal("http://tracker.example/announce", m.Announce);
            Assert.Equal("http://tracker.example/announce", Assert.Single(Assert.Single(m.AnnounceTiers)));
            Assert.Equal("hello", m.Comment);
            Assert.Equal("test 1.0", m.CreatedBy);
            Assert.Equal("UTF-8", m.Encoding);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), m.CreationDate);
            Assert.False(m.IsPrivate);
            Assert.False(m.IsHybrid);
            Assert.Same(bytes, m.TorrentBytes);
        }

        [Fact]
        public void ParsesMultiFileTorrentWithOffsets()
        {
            var info = TestTorrents.MultiFileInfo("album", 16_384, ("cd1|01.flac", 30_000, null), ("empty.txt", 0, null), ("cd2|02.flac", 10_000, "x"));
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.False(m.IsSingleFile);
            Assert.Equal(3, m.Files.Count);
            Assert.Equal("album/cd1/01.flac", m.Files[0].RelativePath);
            Assert.Equal("album/empty.txt", m.Files[1].RelativePath);
            Assert.Equal(30_000, m.Files[1].Offset);
            Assert.Equal(30_000, m.Files[2].Offset);
            Assert.True(m.Files[2].IsExecutable);
            Assert.Equal(40_000, m.TotalSize);
            Assert.Equal(1, m.Files[0].LastPiece);
            Assert.Equal(1, m.Files[1].FirstPiece);
            Assert.Equal(1, m.Files[1].LastPiece);
            Assert.Equal(2, m.Files[2].LastPiece);
        }

        [Fact]
        public void InfoHashIsTakenOverTheExactBytesReceived()
        {
            // Non-canonical info: keys out of order. Re-encoding would change the hash; we must not.
            string info = "d6:lengthi100e4:name1:x12:piece lengthi16384e6:pieces20:" + new string('A', 20) + "e";
            string torrent = "d4:info" + info + "e";
            byte[] infoBytes = Encoding.Latin1.GetBytes(info);
            var m = Metainfo.Parse(Encoding.Latin1.GetBytes(torrent));
            Assert.Equal(new InfoHash(SHA1.HashData(infoBytes)), m.InfoHash);
            Assert.Equal(infoBytes, m.InfoBytes);
            Assert.Equal(m.InfoHash, Metainfo.FromInfoDictionary(infoBytes).InfoHash);
        }

        [Fact]
        public void AnnounceListReplacesAnnounceAndSkipsJunk()
        {
            var bytes = TestTorrents.Torrent(TestTorrents.SingleFileInfo(), root =>
            {
                root.Set("announce", "http://ignored/announce");
                var tiers = new BencodeList
                {
                    new BencodeList { new BencodeString("http://a/announce"), new BencodeString("udp://b:80") },
                    new BencodeList { new BencodeInteger(5), new BencodeString(""), new BencodeString("http://a/announce") },
                    new BencodeString("not a tier"),
                    new BencodeList { new BencodeString("http://c/announce") },
                };
                root.Set("announce-list", tiers);
            });
            var m = Metainfo.Parse(bytes);
            Assert.Equal(2, m.AnnounceTiers.Count);
            Assert.Equal(new[] { "http://a/announce", "udp://b:80" }, m.AnnounceTiers[0]);
            Assert.Equal(new[] { "http://c/announce" }, m.AnnounceTiers[1]);
        }

        [Fact]
        public void ReadsWebSeedsAsStringOrList()
        {
            var one = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.SingleFileInfo(), r => r.Set("url-list", "http://seed/")));
            Assert.Equal(new[] { "http://seed/" }, one.WebSeeds);
            var many = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.SingleFileInfo(), r =>
                r.Set("url-list", new BencodeList { new BencodeString("http://a/"), new BencodeString("http://b/"), new BencodeString("http://a/") })));
            Assert.Equal(new[] { "http://a/", "http://b/" }, many.WebSeeds);
        }

        [Fact]
        public void ReadsPrivateAndSource()
        {
            var info = TestTorrents.SingleFileInfo();
            info.Set("private", 1);
            info.Set("source", "TRACKER");
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.True(m.IsPrivate);
            Assert.Equal("TRACKER", m.Source);
        }

        [Fact]
        public void RecognisesPaddingFiles()
        {
            var info = TestTorrents.MultiFileInfo("t", 16_384,
                ("a.bin", 10_000, null), (".pad|6384", 6_384, "p"), ("b.bin", 1_000, null), ("_____padding_file_0_", 15_384, null), ("c.bin", 5, null));
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.Equal(new[] { false, true, false, true, false }, m.Files.Select(f => f.IsPadding));
            Assert.Equal(16_384, m.Files[2].Offset);
            Assert.Equal(32_768, m.Files[4].Offset);
            Assert.Equal(11_005, m.ContentSize);
        }

        [Fact]
        public void AcceptsHybridAsV1()
        {
            var info = TestTorrents.SingleFileInfo();
            info.Set("meta version", 2);
            info.Set("file tree", new BencodeDictionary());
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.True(m.IsHybrid);
            Assert.Equal(new InfoHashV2(SHA256.HashData(m.InfoBytes)), m.InfoHashV2);
            Assert.Equal(new InfoHash(SHA1.HashData(m.InfoBytes)), m.InfoHash);
        }

        [Fact]
        public void RefusesPureV2WithClearError()
        {
            var info = new BencodeDictionary();
            info.Set("name", "v2");
            info.Set("piece length", 16_384);
            info.Set("meta version", 2);
            info.Set("file tree", new BencodeDictionary());
            var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(TestTorrents.Torrent(info)));
            Assert.Contains("v2-only", error.Message);
        }

        [Fact]
        public void MapsHostilePathsAndDisambiguatesDuplicates()
        {
            var info = TestTorrents.MultiFileInfo("..", 16_384,
                ("..|..|etc|passwd", 1, null),
                ("a.txt", 1, null),
                ("A.TXT", 1, null),
                ("dir", 1, null),
                ("dir|inner", 1, null),
                ("CON", 1, null),
                ("x:y", 1, null),
                ("a (2).txt", 1, null));
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.Equal("_", m.Name);
            Assert.Equal("..", m.OriginalName);
            Assert.Equal(new[]
            {
                "_/etc/passwd", "_/a.txt", "_/A (2).TXT", "_/dir (2)", "_/dir/inner", "_/_CON", "_/x_y", "_/a (2) (2).txt",
            }, m.Files.Select(f => f.RelativePath));
            Assert.Equal("../../etc/passwd", m.Files[0].OriginalPath);
            Assert.All(m.Files, f => Assert.All(f.PathElements, e => Assert.True(PathSanitizer.IsSafeElement(e))));
        }

        [Fact]
        public void PrefersUtf8PathAndName()
        {
            var info = TestTorrents.MultiFileInfo("legacy", 16_384, ("old", 5, null));
            info.Set("name.utf-8", "nouveau");
            var file = (BencodeDictionary)((BencodeList)info["files"]!)[0];
            file.Set("path.utf-8", new BencodeList { new BencodeString("été.txt") });
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.Equal("nouveau/été.txt", m.Files[0].RelativePath);
        }

        [Fact]
        public void NonUtf8NamesAreMappedDeterministically()
        {
            var info = TestTorrents.SingleFileInfo();
            info.Set("name", new BencodeString(new byte[] { (byte)'n', 0xE9, (byte)'e' }));
            var m = Metainfo.Parse(TestTorrents.Torrent(info));
            Assert.Equal("n_e", m.Name);
        }

        [Theory]
        [InlineData("piece length", 0L, "out of range")]
        [InlineData("piece length", -16384L, "out of range")]
        [InlineData("piece length", 1L << 40, "out of range")]
        [InlineData("length", -1L, "negative")]
        public void RefusesBadNumbers(string key, long value, string reason)
        {
            var info = TestTorrents.SingleFileInfo();
            info.Set(key, value);
            var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(TestTorrents.Torrent(info)));
            Assert.Contains(reason, error.Message);
        }

        [Fact]
        public void RefusesStructuralProblems()
        {
            void Refused(string reason, Action<BencodeDictionary> damage)
            {
                var info = TestTorrents.SingleFileInfo();
                damage(info);
                var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(TestTorrents.Torrent(info)));
                Assert.Contains(reason, error.Message);
            }

            Refused("multiple of 20", i => i.Set("pieces", new BencodeString(new byte[59])));
            Refused("need 3", i => i.Set("pieces", new BencodeString(new byte[40])));
            Refused("byte string", i => i.Set("pieces", 5));
            Refused("both 'length' and 'files'", i => i.Set("files", new BencodeList()));
            Refused("neither", i => i.Remove("length"));
            Refused("no 'name'", i => i.Remove("name"));
            Refused("no 'piece length'", i => i.Remove("piece length"));
            Refused("no content", i => { i.Set("length", 0); i.Set("pieces", new BencodeString(Array.Empty<byte>())); });
            Refused("Unknown 'meta version'", i => i.Set("meta version", 3));
        }

        [Fact]
        public void RefusesBadFileLists()
        {
            void Refused(string reason, BencodeValue files)
            {
                var info = TestTorrents.MultiFileInfo("t", 16_384, ("a", 1, null));
                info.Set("files", files);
                var error = Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(TestTorrents.Torrent(info)));
                Assert.Contains(reason, error.Message);
            }

            BencodeDictionary File(BencodeValue? length, BencodeValue? path)
            {
                var d = new BencodeDictionary();
                if (length is not null)
                {
                    d.Set("length", length);
                }

                if (path is not null)
                {
                    d.Set("path", path);
                }

                return d;
            }

            Refused("non-empty list", new BencodeList());
            Refused("non-empty list", new BencodeString("x"));
            Refused("files[0] is not a dictionary", new BencodeList { new BencodeInteger(1) });
            Refused("files[0].length", new BencodeList { File(null, new BencodeList { new BencodeString("a") }) });
            Refused("files[0].path", new BencodeList { File(new BencodeInteger(1), new BencodeList()) });
            Refused("files[0].path", new BencodeList { File(new BencodeInteger(1), null) });
            Refused("non-string element", new BencodeList { File(new BencodeInteger(1), new BencodeList { new BencodeInteger(3) }) });
            Refused("overflows", new BencodeList
            {
                File(new BencodeInteger(long.MaxValue), new BencodeList { new BencodeString("a") }),
                File(new BencodeInteger(1), new BencodeList { new BencodeString("b") }),
            });
        }

        [Fact]
        public void RefusesNonTorrents()
        {
            Assert.Contains("not valid bencode", Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(Encoding.ASCII.GetBytes("<html>"))).Message);
            Assert.Contains("not a bencoded dictionary", Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(Encoding.ASCII.GetBytes("i1e"))).Message);
            Assert.Contains("no 'info'", Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(Encoding.ASCII.GetBytes("de"))).Message);
            Assert.Contains("not a dictionary", Assert.Throws<MetainfoFormatException>(() => Metainfo.Parse(Encoding.ASCII.GetBytes("d4:infoi1ee"))).Message);
            Assert.False(Metainfo.TryParse(Array.Empty<byte>(), out var none, out var error));
            Assert.Null(none);
            Assert.NotNull(error);
        }

        [Fact]
        public void IgnoresOutOfRangeCreationDate()
        {
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.SingleFileInfo(), r => r.Set("creation date", long.MaxValue)));
            Assert.Null(m.CreationDate);
        }

        [Fact]
        public void PieceAccessorsCheckRange()
        {
            var m = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.SingleFileInfo()));
            Assert.Throws<ArgumentOutOfRangeException>(() => m.GetPieceHash(3).ToArray());
            Assert.Throws<ArgumentOutOfRangeException>(() => m.GetPieceSize(-1));
        }
    }
}
