using System;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Interop.Tests.Fixtures;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>
    /// Peers that find each other only through opentracker, over HTTP (BEP 3) or UDP (BEP 15):
    /// the .torrent's announce URL is all they are given. libtorrent alone first (proves the
    /// fixtures), then our engine downloading from and seeding to libtorrent.
    /// </summary>
    [Collection(TransferCollection.Name)]
    public sealed class TrackerTests : IDisposable
    {
        private const int PieceLength = 64 * 1024;

        private readonly TransferScratch _scratch = new TransferScratch();

        public void Dispose() => _scratch.Dispose();

        /// <summary>libtorrent seeds and leeches through opentracker: the tracker fixture works.</summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task LibtorrentPeersFindEachOtherThroughOpentracker(bool udp)
        {
            var (content, metainfo) = CreateWithLibtorrent("libtorrent seed");
            await using var tracker = await Opentracker.StartAsync(new[] { metainfo.InfoHash }, TransferTimeouts.Start);
            string torrentPath = WriteTorrent(metainfo, tracker, udp);
            await using var seeder = await StartLibtorrentSeederAsync(torrentPath, "libtorrent seed", tracker);
            await tracker.WaitForSwarmAsync(metainfo.InfoHash, 1, 0, TransferTimeouts.Announce, seeder);

            string save = _scratch.Folder("libtorrent leech");
            await using var leecher = await LibtorrentPeer.StartAsync(
                "libtorrent leecher",
                new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = save },
                TransferTimeouts.Start);
            await leecher.WaitForFinishedAsync(TransferTimeouts.Transfer, seeder, tracker);
            await tracker.WaitForSwarmAsync(metainfo.InfoHash, 2, 0, TransferTimeouts.Announce, seeder, leecher);

            await leecher.DisposeAsync();
            TransferContent.AssertSame(content, save, leecher.Name);
        }

        /// <summary>Needs our tracker clients (HTTP and UDP) and the engine's tracker manager.</summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task WeDownloadFromALibtorrentSeedFoundThroughOpentracker(bool udp)
        {
            var (content, metainfo) = CreateWithLibtorrent("libtorrent seed");
            await using var tracker = await Opentracker.StartAsync(new[] { metainfo.InfoHash }, TransferTimeouts.Start);
            string torrentPath = WriteTorrent(metainfo, tracker, udp);
            await using var seeder = await StartLibtorrentSeederAsync(torrentPath, "libtorrent seed", tracker);
            await tracker.WaitForSwarmAsync(metainfo.InfoHash, 1, 0, TransferTimeouts.Announce, seeder);

            await using var ours = await NativePeer.StartAsync("our leecher", _scratch.Folder("ours"));
            var torrent = await ours.Engine.AddTorrentAsync(File.ReadAllBytes(torrentPath));
            await ours.WaitUntilSeedingAsync(torrent, TransferTimeouts.Transfer, seeder, tracker);

            // Our "completed" announce reached the tracker: it now counts two seeders.
            await tracker.WaitForSwarmAsync(metainfo.InfoHash, 2, 0, TransferTimeouts.Announce, ours, seeder);
            await ours.DisposeAsync();
            TransferContent.AssertSame(content, ours.DownloadPath, ours.Name);
        }

        /// <summary>Needs our tracker clients (HTTP and UDP) and the engine's tracker manager.</summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task LibtorrentDownloadsFromOurSeedFoundThroughOpentracker(bool udp)
        {
            var (content, metainfo) = CreateWithLibtorrent("ours");
            await using var tracker = await Opentracker.StartAsync(new[] { metainfo.InfoHash }, TransferTimeouts.Start);
            string torrentPath = WriteTorrent(metainfo, tracker, udp);
            await using var ours = await NativePeer.StartAsync("our seeder", _scratch.Folder("ours"));
            var torrent = await ours.Engine.AddTorrentAsync(File.ReadAllBytes(torrentPath));
            await ours.WaitUntilSeedingAsync(torrent, TransferTimeouts.Check, tracker);
            await tracker.WaitForSwarmAsync(metainfo.InfoHash, 1, 0, TransferTimeouts.Announce, ours);

            string save = _scratch.Folder("libtorrent leech");
            await using var leecher = await LibtorrentPeer.StartAsync(
                "libtorrent leecher",
                new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = save, ExitWhenDone = true },
                TransferTimeouts.Start);
            var exit = await leecher.WaitForExitAsync(TransferTimeouts.Transfer, ours, tracker);

            Assert.Equal("done", exit.Reason);
            Assert.True(torrent.BytesUploaded >= exit.TotalDownload, ours.Report(leecher));
            TransferContent.AssertSame(content, save, leecher.Name);
        }

        private (string Content, Metainfo Metainfo) CreateWithLibtorrent(string seedFolder)
        {
            string content = TransferContent.Write(_scratch.Folder(seedFolder), folder: true, PieceLength);
            string plain = _scratch.TorrentPath("without tracker");
            Libtorrent.Create(content, plain, PieceLength, Libtorrent.Layout.Plain);
            return (content, Metainfo.Parse(File.ReadAllBytes(plain)));
        }

        private string WriteTorrent(Metainfo metainfo, Opentracker tracker, bool udp)
        {
            string torrentPath = _scratch.TorrentPath("with tracker");
            File.WriteAllBytes(torrentPath, TransferContent.WithTracker(metainfo, udp ? tracker.UdpAnnounceUrl : tracker.HttpAnnounceUrl));
            return torrentPath;
        }

        private async Task<LibtorrentPeer> StartLibtorrentSeederAsync(string torrentPath, string seedFolder, Opentracker tracker)
        {
            var seeder = await LibtorrentPeer.StartAsync(
                "libtorrent seeder",
                new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = _scratch.Folder(seedFolder) },
                TransferTimeouts.Start);
            try
            {
                await seeder.WaitForFinishedAsync(TransferTimeouts.Check, tracker);
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
