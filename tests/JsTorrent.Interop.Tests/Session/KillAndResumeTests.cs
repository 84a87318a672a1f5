using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Engine.Session;
using JsTorrent.Interop.Tests.Fixtures;
using JsTorrent.Interop.Tests.Transfers;

namespace JsTorrent.Interop.Tests.Session
{
    /// <summary>
    /// A child process downloading from a libtorrent seeder is killed with SIGKILL at several points; a new
    /// process on the same session file and folder restores, completes with the right bytes, and fetches
    /// again only what the session had not recorded as verified when the kill came.
    /// </summary>
    [Collection(TransferCollection.Name)]
    public sealed class KillAndResumeTests : IDisposable
    {
        private const int PieceLength = 32 * 1024;
        private const long Rate = 1024 * 1024;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        private readonly TransferScratch _scratch = new TransferScratch();

        public void Dispose() => _scratch.Dispose();

        [Fact]
        public async Task AKilledDownloadResumesInANewProcessWithoutLosingVerifiedPieces()
        {
            string content = TransferContent.Write(_scratch.Folder("seed"), false, PieceLength, 4L * 1024 * 1024);
            string torrentPath = _scratch.TorrentPath("kill");
            Libtorrent.Create(content, torrentPath, PieceLength, Libtorrent.Layout.Plain);
            var metainfo = JsTorrent.Engine.Protocol.Metainfo.Parse(File.ReadAllBytes(torrentPath));
            int pieces = metainfo.PieceCount;
            await using var seeder = await LibtorrentPeer.StartAsync(
                "libtorrent seeder",
                new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = _scratch.Folder("seed") },
                TransferTimeouts.Start);
            await seeder.WaitForFinishedAsync(TransferTimeouts.Check);

            // A second of transfer at the capped rate: what may be verified but not yet saved when the kill comes.
            int inFlight = (int)(Rate / PieceLength) + 4;
            double[] killPoints = { 0.1, 0.3, 0.5, 0.7, 0.9 };
            for (int run = 0; run < killPoints.Length; run++)
            {
                string downloads = _scratch.Folder("ours-" + run);
                string session = Path.Combine(_scratch.Folder("session-" + run), "session.db");
                string[] args = { downloads, session, torrentPath, seeder.Port.ToString(CultureInfo.InvariantCulture), Rate.ToString(CultureInfo.InvariantCulture) };
                int target = (int)(pieces * killPoints[run]);

                int verifiedAtKill;
                using (var first = ChildEngine.Start(args))
                {
                    var last = first.WaitFor("progress", f => int.Parse(f[1], CultureInfo.InvariantCulture) >= target, Timeout);
                    first.Kill();
                    verifiedAtKill = int.Parse(last[1], CultureInfo.InvariantCulture);
                }

                var (saved, takenOverFrom) = await SavedPiecesAsync(session, metainfo.InfoHash.ToString());
                Assert.NotNull(takenOverFrom); // the killed process still "owned" the file: it is taken over, not refused
                Assert.True(saved <= pieces);
                Assert.True(verifiedAtKill - saved <= inFlight, "run " + run + ": " + verifiedAtKill + " verified when killed, only " + saved + " saved");

                using var second = ChildEngine.Start(args);
                var restored = second.WaitFor("restored", f => true, Timeout);
                long downloadedBefore = long.Parse(restored[2], CultureInfo.InvariantCulture);
                var done = second.WaitFor("done", f => true, Timeout);
                long fetched = long.Parse(done[1], CultureInfo.InvariantCulture) - downloadedBefore;
                Assert.True(fetched <= (long)(pieces - saved) * PieceLength, "run " + run + ": fetched " + fetched + " bytes again for " + (pieces - saved) + " unsaved pieces");
                Assert.Equal(0, second.WaitForExit(Timeout));
                TransferContent.AssertSame(content, downloads, "run " + run);
            }
        }

        /// <summary>Verified pieces in the session file (durable and unsure), read as the next process will.</summary>
        private static async Task<(int Saved, int? TakenOverFrom)> SavedPiecesAsync(string session, string infoHash)
        {
            using var store = LiteDbSessionStore.Open(session);
            string key = "torrent:" + infoHash + ":bitfield";
            var bytes = await store.GetAsync(key);
            if (bytes is null)
            {
                return (0, store.TakenOverFromProcessId);
            }

            var record = TorrentBitfieldRecord.Decode(key, bytes);
            return (record.Durable.CountSet + record.Unsure.CountSet, store.TakenOverFromProcessId);
        }
    }
}
