using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;

namespace JsTorrent.Interop.Tests.Session
{
    /// <summary>
    /// The child process of the kill tests: the native preset with a LiteDB session restores (or adds) one
    /// torrent, downloads it from a peer at a capped rate, and reports on standard output, one line each:
    /// <c>restored VERIFIED DOWNLOADED TAKENOVER</c>, then <c>progress VERIFIED DOWNLOADED</c> per verified
    /// piece, then <c>done DOWNLOADED</c> once it seeds (it then stops cleanly and exits 0).
    /// </summary>
    public static class SessionDownloadChild
    {
        public const string Command = "session-download-child";

        /// <param name="args">command, download folder, session file, .torrent path, peer port, rate limit (bytes/s).</param>
        public static async Task<int> RunAsync(string[] args)
        {
            string downloads = args[1];
            string sessionPath = args[2];
            byte[] torrentBytes = File.ReadAllBytes(args[3]);
            int peerPort = int.Parse(args[4], CultureInfo.InvariantCulture);
            long rate = long.Parse(args[5], CultureInfo.InvariantCulture);
            var store = LiteDbSessionStore.Open(sessionPath);
            var engine = await EnginePresets.CreateNativeEngineAsync(new NativeEngineConfig
            {
                DownloadPath = downloads,
                SessionStore = store,
                Configure = options =>
                {
                    options.DisposeSessionStore = true;
                    options.SessionSaveInterval = TimeSpan.FromMilliseconds(200);
                },
            });
            await using (engine)
            {
                var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Torrent? torrent = null;
                engine.PieceVerified += (s, e) =>
                {
                    if (e.Passed && torrent != null)
                    {
                        Console.Out.WriteLine("progress " + torrent.VerifiedPieceCount + " " + torrent.BytesDownloaded);
                    }
                };
                engine.StateChanged += (s, e) =>
                {
                    if (e.Current == TorrentState.Seeding)
                    {
                        done.TrySetResult(true);
                    }
                };

                var restored = await engine.RestoreSessionAsync();
                torrent = restored.FirstOrDefault() ?? await engine.AddTorrentAsync(torrentBytes);
                torrent.DownloadRateLimit = rate;
                if (torrent.State == TorrentState.Seeding)
                {
                    done.TrySetResult(true);
                }

                Console.Out.WriteLine("restored " + torrent.VerifiedPieceCount + " " + torrent.BytesDownloaded + " " + (store.TakenOverFromProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-"));
                await torrent.AddPeerAsync("127.0.0.1", peerPort);
                await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
                Console.Out.WriteLine("done " + torrent.BytesDownloaded);
            }

            return 0;
        }
    }
}
