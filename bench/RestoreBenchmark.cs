using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Session restore: N small complete torrents are added to a native engine with a LiteDB session and the
    /// engine is disposed; then a new engine restores them all, nothing having changed on disk. Prints the
    /// restore's wall time, CPU seconds and peak RSS, and checks that every torrent came back seeding with no
    /// hashing. Usage: <c>dotnet run -c Release --project bench -- restore [--torrents 1000]</c>.
    /// </summary>
    internal static class RestoreBenchmark
    {
        public static async Task<int> RunAsync(int count)
        {
            string root = Path.Combine(Path.GetTempPath(), "jst-restore-" + Guid.NewGuid().ToString("N"));
            string downloads = Directory.CreateDirectory(Path.Combine(root, "downloads")).FullName;
            string session = Path.Combine(root, "session.db");
            try
            {
                var sources = new List<byte[]>(count);
                var random = new Random(1);
                for (int i = 0; i < count; i++)
                {
                    var content = new byte[64 * 1024];
                    random.NextBytes(content);
                    string name = "file-" + i.ToString("D5", CultureInfo.InvariantCulture) + ".bin";
                    File.WriteAllBytes(Path.Combine(downloads, name), content);
                    var metainfo = await TorrentCreator.CreateAsync(
                        TorrentSource.SingleFile(name, new TorrentSourceFile(Array.Empty<string>(), content.Length, () => new MemoryStream(content, writable: false))),
                        new TorrentCreationOptions { PieceLength = 16 * 1024 });
                    sources.Add(metainfo.TorrentBytes!);
                }

                var first = await StartAsync(downloads, session);
                await using (first)
                {
                    foreach (var bytes in sources)
                    {
                        await first.AddTorrentAsync(bytes);
                    }

                    await WaitAsync(() => first.Torrents.Count == count && AllSeeding(first), "the torrents to be checked and seeding");
                }

                double cpuBefore = ProcessUsage.CpuSeconds();
                var clock = Stopwatch.StartNew();
                var second = await StartAsync(downloads, session);
                await using (second)
                {
                    var restored = await second.RestoreSessionAsync();
                    clock.Stop();
                    double cpu = ProcessUsage.CpuSeconds() - cpuBefore;
                    int checking = 0;
                    foreach (var torrent in restored)
                    {
                        checking += torrent.State == TorrentState.Checking ? 1 : 0;
                    }

                    await WaitAsync(() => AllSeeding(second), "the restored torrents to seed");
                    Console.WriteLine("restore: " + restored.Count + " torrents in " + clock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) + " s, " +
                        cpu.ToString("F2", CultureInfo.InvariantCulture) + " CPU-s, peak RSS " + ProcessUsage.PeakRssMiB().ToString("F0", CultureInfo.InvariantCulture) + " MiB, " +
                        checking + " checking right after the restore");
                    return restored.Count == count ? 0 : 1;
                }
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        private static Task<BtEngine> StartAsync(string downloads, string session) =>
            EnginePresets.CreateNativeEngineAsync(new NativeEngineConfig
            {
                DownloadPath = downloads,
                SessionStore = LiteDbSessionStore.Open(session),
                Configure = options =>
                {
                    options.DisposeSessionStore = true;
                    options.ListenPort = null;
                },
            });

        private static bool AllSeeding(BtEngine engine)
        {
            foreach (var torrent in engine.Torrents)
            {
                if (torrent.State != TorrentState.Seeding)
                {
                    return false;
                }
            }

            return true;
        }

        private static async Task WaitAsync(Func<bool> condition, string what)
        {
            var deadline = Stopwatch.StartNew();
            while (!condition())
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException("Timed out waiting for " + what + ".");
                }

                await Task.Delay(20);
            }
        }
    }
}
