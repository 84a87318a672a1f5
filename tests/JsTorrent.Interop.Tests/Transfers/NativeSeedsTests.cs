using System;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;
using JsTorrent.Interop.Tests.Fixtures;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>
    /// Our native engine seeds content already on disk (it checks it, then seeds) from a torrent
    /// our creator made; a libtorrent leecher told our port downloads it from us alone, and its
    /// files equal the originals byte for byte.
    /// </summary>
    [Collection(TransferCollection.Name)]
    public sealed class NativeSeedsTests : IDisposable
    {
        private readonly TransferScratch _scratch = new TransferScratch();

        public void Dispose() => _scratch.Dispose();

        /// <summary>Both shapes at the smallest, a middle and the largest piece length.</summary>
        public static TheoryData<bool, int> Shapes()
        {
            var shapes = new TheoryData<bool, int>();
            foreach (bool folder in new[] { false, true })
            {
                foreach (int pieceLength in new[] { 16 * 1024, 256 * 1024, 4 * 1024 * 1024 })
                {
                    shapes.Add(folder, pieceLength);
                }
            }

            return shapes;
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public async Task LibtorrentDownloadsFromOurSeedByDirectPeer(bool folder, int pieceLength)
        {
            await using var ours = await NativePeer.StartAsync("our seeder", _scratch.Folder("ours"));
            var (content, metainfo, torrentPath) = await CreateOursAsync(ours, folder, pieceLength);
            var seeding = await StartSeedingAsync(ours, metainfo);

            string save = _scratch.Folder("libtorrent leech");
            var options = new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = save, ExitWhenDone = true };
            options.Peers.Add("127.0.0.1:" + ours.ListenPort);
            await using var leecher = await LibtorrentPeer.StartAsync("libtorrent leecher", options, TransferTimeouts.Start);
            var exit = await leecher.WaitForExitAsync(TransferTimeouts.Transfer, ours);

            Assert.Equal("done", exit.Reason);
            Assert.Equal(TransferContent.Length(folder, pieceLength), exit.TotalDownload);
            Assert.True(seeding.BytesUploaded >= exit.TotalDownload, ours.Report(leecher));
            TransferContent.AssertSame(content, save, leecher.Name);
        }

        /// <summary>libtorrent gets the info dictionary from us (BEP 9), then the content.</summary>
        [Theory]
        [InlineData(false, 16 * 1024)]
        [InlineData(true, 64 * 1024)]
        public async Task LibtorrentFetchesMetadataAndContentFromOurSeedByMagnet(bool folder, int pieceLength)
        {
            await using var ours = await NativePeer.StartAsync("our seeder", _scratch.Folder("ours"));
            var (content, metainfo, _) = await CreateOursAsync(ours, folder, pieceLength);
            await StartSeedingAsync(ours, metainfo);

            string save = _scratch.Folder("libtorrent leech");
            var options = new LibtorrentPeerOptions
            {
                Magnet = "magnet:?xt=urn:btih:" + metainfo.InfoHash,
                SavePath = save,
                ExitWhenDone = true,
            };
            options.Peers.Add("127.0.0.1:" + ours.ListenPort);
            await using var leecher = await LibtorrentPeer.StartAsync("libtorrent leecher", options, TransferTimeouts.Start);
            var exit = await leecher.WaitForExitAsync(TransferTimeouts.Transfer, ours);

            Assert.Equal("done", exit.Reason);
            TransferContent.AssertSame(content, save, leecher.Name);
        }

        private async Task<(string Content, Metainfo Metainfo, string TorrentPath)> CreateOursAsync(NativePeer ours, bool folder, int pieceLength)
        {
            string content = TransferContent.Write(ours.DownloadPath, folder, pieceLength);
            var metainfo = await TorrentCreator.CreateAsync(NativeTorrentSource.FromPath(content), new TorrentCreationOptions { PieceLength = pieceLength });
            string torrentPath = _scratch.TorrentPath("ours");
            File.WriteAllBytes(torrentPath, metainfo.TorrentBytes!);
            return (content, metainfo, torrentPath);
        }

        private static async Task<Torrent> StartSeedingAsync(NativePeer ours, Metainfo metainfo)
        {
            var torrent = await ours.Engine.AddTorrentAsync(metainfo);
            await ours.WaitUntilSeedingAsync(torrent, TransferTimeouts.Check);
            Assert.Equal(torrent.PieceCount, torrent.VerifiedPieceCount);
            Assert.Equal(0, torrent.BytesDownloaded);
            return torrent;
        }
    }
}
