using System;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Interop.Tests.Fixtures;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>
    /// libtorrent seeds a torrent libtorrent made; our native engine downloads it from libtorrent
    /// alone, told the seeder's port directly (by <c>AddPeerAsync</c>, or a magnet link's
    /// <c>x.pe</c>), and the files it writes equal the originals byte for byte.
    /// </summary>
    [Collection(TransferCollection.Name)]
    public sealed class LibtorrentSeedsTests : IDisposable
    {
        private readonly TransferScratch _scratch = new TransferScratch();

        public void Dispose() => _scratch.Dispose();

        /// <summary>Both shapes at every piece length.</summary>
        public static TheoryData<bool, int> Shapes()
        {
            var shapes = new TheoryData<bool, int>();
            foreach (bool folder in new[] { false, true })
            {
                foreach (int pieceLength in TransferContent.AllPieceLengths)
                {
                    shapes.Add(folder, pieceLength);
                }
            }

            return shapes;
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public async Task WeDownloadFromALibtorrentSeedByDirectPeer(bool folder, int pieceLength)
        {
            var (content, torrentPath) = CreateWithLibtorrent(folder, pieceLength);
            await using var seeder = await StartSeederAsync(torrentPath);
            await using var ours = await NativePeer.StartAsync("our leecher", _scratch.Folder("ours"));

            var torrent = await ours.Engine.AddTorrentAsync(File.ReadAllBytes(torrentPath));
            await torrent.AddPeerAsync("127.0.0.1", seeder.Port);
            await ours.WaitUntilSeedingAsync(torrent, TransferTimeouts.Transfer, seeder);

            Assert.Equal(torrent.PieceCount, torrent.VerifiedPieceCount);
            Assert.True(torrent.BytesDownloaded >= TransferContent.Length(folder, pieceLength), ours.Report(seeder));
            await ours.DisposeAsync();
            TransferContent.AssertSame(content, ours.DownloadPath, ours.Name);
        }

        /// <summary>
        /// The 16 KiB single file is 16 MiB: 1024 piece hashes make an info dictionary of two
        /// metadata pieces (BEP 9 sends 16 KiB per message), the last one short.
        /// </summary>
        [Theory]
        [InlineData(false, 16 * 1024, 16L * 1024 * 1024)]
        [InlineData(false, 256 * 1024, 0L)]
        [InlineData(true, 64 * 1024, 0L)]
        public async Task WeFetchMetadataAndContentFromALibtorrentSeedByMagnet(bool folder, int pieceLength, long singleFileLength)
        {
            var (content, torrentPath) = CreateWithLibtorrent(folder, pieceLength, singleFileLength);
            var original = Metainfo.Parse(File.ReadAllBytes(torrentPath));
            await using var seeder = await StartSeederAsync(torrentPath);
            await using var ours = await NativePeer.StartAsync("our leecher", _scratch.Folder("ours"));

            // No tracker and no display name: the info dictionary can only come from libtorrent.
            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + original.InfoHash + "&x.pe=127.0.0.1:" + seeder.Port);
            var torrent = await ours.Engine.AddTorrentAsync(magnet);
            await ours.WaitUntilSeedingAsync(torrent, TransferTimeouts.Transfer, seeder);

            Assert.NotNull(torrent.Metainfo);
            Assert.Equal(original.InfoBytes, torrent.Metainfo!.InfoBytes);
            Assert.Equal(original.Name, torrent.Name);
            await ours.DisposeAsync();
            TransferContent.AssertSame(content, ours.DownloadPath, ours.Name);
        }

        private (string Content, string TorrentPath) CreateWithLibtorrent(bool folder, int pieceLength, long singleFileLength = 0)
        {
            string content = TransferContent.Write(_scratch.Folder("libtorrent seed"), folder, pieceLength, singleFileLength);
            string torrentPath = _scratch.TorrentPath("libtorrent");
            var created = Libtorrent.Create(content, torrentPath, pieceLength, Libtorrent.Layout.Plain);
            Assert.Equal(pieceLength, created.PieceLength);
            return (content, torrentPath);
        }

        private async Task<LibtorrentPeer> StartSeederAsync(string torrentPath)
        {
            var seeder = await LibtorrentPeer.StartAsync(
                "libtorrent seeder",
                new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = _scratch.Folder("libtorrent seed") },
                TransferTimeouts.Start);
            try
            {
                // Finished after its own check: it has every piece before we connect.
                await seeder.WaitForFinishedAsync(TransferTimeouts.Check);
                return seeder;
            }
            catch (Exception)
            {
                await seeder.DisposeAsync();
                throw;
            }
        }
    }
}
