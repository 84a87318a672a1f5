using System;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Interop.Tests.Fixtures;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>
    /// A mixed swarm that meets only through opentracker's HTTP side: two libtorrent seeders and
    /// one of ours seed; two of our engines and one libtorrent leech at the same time. Every
    /// leecher completes with the original bytes, and the tracker ends up counting all six as
    /// seeders. Needs our HTTP tracker client and the engine's tracker manager.
    /// </summary>
    [Collection(TransferCollection.Name)]
    public sealed class SwarmTests : IDisposable
    {
        private const int PieceLength = 256 * 1024;

        private readonly TransferScratch _scratch = new TransferScratch();

        public void Dispose() => _scratch.Dispose();

        [Fact]
        public async Task ThreeSeedersAndThreeLeechersOfBothEnginesCompleteThroughTheHttpTracker()
        {
            string content = TransferContent.Write(_scratch.Folder("libtorrent seed 1"), folder: true, PieceLength);
            TransferContent.CopyTo(content, _scratch.Folder("libtorrent seed 2"));
            TransferContent.CopyTo(content, _scratch.Folder("our seed"));
            string plain = _scratch.TorrentPath("without tracker");
            Libtorrent.Create(content, plain, PieceLength, Libtorrent.Layout.Plain);
            var metainfo = Metainfo.Parse(File.ReadAllBytes(plain));
            var hash = metainfo.InfoHash;

            await using var tracker = await Opentracker.StartAsync(new[] { hash }, TransferTimeouts.Start);
            string torrentPath = _scratch.TorrentPath("with tracker");
            byte[] torrentBytes = TransferContent.WithTracker(metainfo, tracker.HttpAnnounceUrl);
            File.WriteAllBytes(torrentPath, torrentBytes);

            await using var ltSeed1 = await StartLibtorrentAsync("libtorrent seeder 1", torrentPath, "libtorrent seed 1");
            await using var ltSeed2 = await StartLibtorrentAsync("libtorrent seeder 2", torrentPath, "libtorrent seed 2");
            await using var ourSeed = await NativePeer.StartAsync("our seeder", _scratch.Folder("our seed"));
            var ourSeeding = await ourSeed.Engine.AddTorrentAsync(torrentBytes);
            await ltSeed1.WaitForFinishedAsync(TransferTimeouts.Check);
            await ltSeed2.WaitForFinishedAsync(TransferTimeouts.Check);
            await ourSeed.WaitUntilSeedingAsync(ourSeeding, TransferTimeouts.Check);
            await tracker.WaitForSwarmAsync(hash, 3, 0, TransferTimeouts.Announce, ourSeed, ltSeed1, ltSeed2);

            // The three leechers start together: they may also trade pieces among themselves.
            await using var ours1 = await NativePeer.StartAsync("our leecher 1", _scratch.Folder("our leech 1"));
            await using var ours2 = await NativePeer.StartAsync("our leecher 2", _scratch.Folder("our leech 2"));
            await using var ltLeech = await StartLibtorrentAsync("libtorrent leecher", torrentPath, "libtorrent leech");
            var download1 = await ours1.Engine.AddTorrentAsync(torrentBytes);
            var download2 = await ours2.Engine.AddTorrentAsync(torrentBytes);

            var everyone = new IDiagnosable[] { tracker, ourSeed, ltSeed1, ltSeed2, ours1, ours2, ltLeech };
            await Task.WhenAll(
                ours1.WaitUntilSeedingAsync(download1, TransferTimeouts.Transfer, everyone),
                ours2.WaitUntilSeedingAsync(download2, TransferTimeouts.Transfer, everyone),
                ltLeech.WaitForFinishedAsync(TransferTimeouts.Transfer, everyone));

            // Every leecher told the tracker it completed.
            await tracker.WaitForSwarmAsync(hash, 6, 0, TransferTimeouts.Announce, everyone);
            Assert.Equal(download1.PieceCount, download1.VerifiedPieceCount);
            Assert.Equal(download2.PieceCount, download2.VerifiedPieceCount);

            await ours1.DisposeAsync();
            await ours2.DisposeAsync();
            await ltLeech.DisposeAsync();
            TransferContent.AssertSame(content, ours1.DownloadPath, ours1.Name);
            TransferContent.AssertSame(content, ours2.DownloadPath, ours2.Name);
            TransferContent.AssertSame(content, _scratch.Folder("libtorrent leech"), ltLeech.Name);
        }

        private Task<LibtorrentPeer> StartLibtorrentAsync(string name, string torrentPath, string folder) =>
            LibtorrentPeer.StartAsync(name, new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = _scratch.Folder(folder) }, TransferTimeouts.Start);
    }
}
