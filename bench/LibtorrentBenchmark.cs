using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Our engine next to libtorrent 2.0 over loopback TCP, each in a process of its own, on one
    /// generated single-file torrent. Per run: (a) our engine downloads from a libtorrent seeder,
    /// (b) a libtorrent leecher downloads from the same kind of seeder, (c) a libtorrent leecher
    /// downloads from our engine seeding, (d) our engine rechecks its complete download. Then the
    /// medians of the runs. See README.md for what each number means.
    /// </summary>
    internal static class LibtorrentBenchmark
    {
        private const double MiB = 1024.0 * 1024.0;
        private const double GiB = 1024.0 * MiB;
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

        public static async Task<int> RunAsync(LibtorrentOptions options)
        {
            string? ltPeer = FindLtPeer();
            if (ltPeer is null || !File.Exists(options.Python))
            {
                Console.Error.WriteLine("Needs " + options.Python + " with libtorrent and tests/JsTorrent.Interop.Tests/Scripts/lt_peer.py in the checkout"
                    + (ltPeer is null ? " (lt_peer.py not found)" : " (python not found; --python PATH)") + ".");
                return 2;
            }

            var data = await LibtorrentData.EnsureAsync(options.DataDirectory, options.SizeMiB, options.PieceKiB);
            data.WarmPageCache();
            var context = new LegContext(options, data, ltPeer, Path.Combine(data.Folder, "runs"));
            if (Directory.Exists(context.RunsFolder))
            {
                Directory.Delete(context.RunsFolder, recursive: true);
            }

            Console.WriteLine("libtorrent comparison: " + Program.Mebibytes(data.Size) + ", " + options.PieceKiB + " KiB pieces, " + options.Runs + " run(s), loopback TCP");
            Console.WriteLine("  ours: " + context.HostDll + " (native preset, a process of its own)"
                + (options.HostEnvironment.Count == 0 ? string.Empty : " with " + string.Join(" ", options.HostEnvironment.Select(v => v.Key + "=" + v.Value))));
            Console.WriteLine("  libtorrent: " + options.Python + " " + ltPeer);
            Console.WriteLine("  load average before: " + LoadAverage());
            Console.WriteLine("  page cache: the content was read once before the runs; downloaded copies are written to the page cache and deleted after each leg;"
                + " nothing can be dropped from the cache, so these are not disk numbers");
            Console.WriteLine();

            var runs = new List<RunResult>();
            try
            {
                for (int run = 1; run <= options.Runs; run++)
                {
                    Console.WriteLine("Run " + run + " of " + options.Runs);
                    var result = await RunOnceAsync(context, run);
                    Print(result, data.Size, options);
                    runs.Add(result);
                    Console.WriteLine("  load average after: " + LoadAverage());
                    Console.WriteLine();
                }
            }
            catch (InvalidOperationException ex)
            {
                // A child failed, stalled or exited early; its processes were killed on the way out.
                Console.Error.WriteLine("The libtorrent benchmark stopped: " + ex.Message);
                return 1;
            }
            finally
            {
                if (!options.KeepData && Directory.Exists(context.RunsFolder))
                {
                    Directory.Delete(context.RunsFolder, recursive: true);
                }
            }

            PrintMedians(runs, data.Size, options.Runs);
            return 0;
        }

        private static async Task<RunResult> RunOnceAsync(LegContext context, int run)
        {
            string runFolder = Path.Combine(context.RunsFolder, "run-" + run.ToString(CultureInfo.InvariantCulture));
            var result = new RunResult();

            // (a) ours <- libtorrent, then (d) our recheck of that download.
            string ours = Path.Combine(runFolder, "ours-from-libtorrent");
            await using (var seeder = await context.StartLibtorrentSeederAsync())
            {
                await using var host = context.StartHost("host-download", "--torrent", context.Data.TorrentFile, "--save", ours,
                    "--peer", "127.0.0.1:" + seeder.Port, "--recheck", "--timeout", context.ChildTimeoutText);
                await using var progress = WriteProgressSampler.Start(host.Id, context.Data.Size);
                var done = await host.WaitForEventAsync("done", context.LegTimeout);
                await progress.FinishAsync();
                var recheck = await host.WaitForEventAsync("recheck", context.LegTimeout);
                await host.WaitForEventAsync("exit", StopTimeout);
                if (!recheck.GetProperty("complete").GetBoolean())
                {
                    throw new InvalidOperationException("Our recheck of the download did not find every piece valid: " + recheck.GetRawText());
                }

                result.OursDownload = new Measure(Number(done, "seconds"), Number(done, "cpu_seconds"), Number(done, "peak_rss_mib"), progress.TransferSeconds);
                result.OursRecheck = new Measure(Number(recheck, "seconds"), Number(recheck, "cpu_seconds"), double.NaN);
                result.Threads = "download: " + Text(done, "threads") + Environment.NewLine + "        recheck: " + Text(recheck, "threads");
                result.SeederCpuForOurs = await seeder.StopAndGetServingCpuAsync();
                result.LibtorrentCheck = seeder.Check;
            }

            context.Discard(ours);

            // (b) libtorrent <- libtorrent.
            string theirs = Path.Combine(runFolder, "libtorrent-from-libtorrent");
            await using (var seeder = await context.StartLibtorrentSeederAsync())
            {
                await using var leecher = context.StartLibtorrentLeecher(theirs, seeder.Port);
                await using var progress = WriteProgressSampler.Start(leecher.Id, context.Data.Size);
                var finished = await leecher.WaitForEventAsync("finished", context.LegTimeout);
                await progress.FinishAsync();
                var exit = await leecher.WaitForEventAsync("exit", StopTimeout);
                await leecher.WaitForExitAsync(StopTimeout);
                result.LibtorrentDownload = new Measure(Number(finished, "seconds"), Number(finished, "cpu_seconds"), Number(exit, "max_rss_kib") / 1024, progress.TransferSeconds);
                result.SeederCpuForLibtorrent = await seeder.StopAndGetServingCpuAsync();
            }

            context.Discard(theirs);

            // (c) libtorrent <- ours seeding (our host checks the data first: that check is timed too).
            string fromOurs = Path.Combine(runFolder, "libtorrent-from-ours");
            await using (var host = context.StartHost("host-seed", "--torrent", context.Data.TorrentFile, "--save", context.Data.ContentFolder,
                "--timeout", context.ChildTimeoutText))
            {
                var seeding = await host.WaitForEventAsync("seeding", context.LegTimeout);
                result.OursCheckOnAdd = new Measure(Number(seeding, "check_seconds"), Number(seeding, "check_cpu_seconds"), double.NaN);
                await using var leecher = context.StartLibtorrentLeecher(fromOurs, (int)Number(seeding, "port"));
                await using var progress = WriteProgressSampler.Start(leecher.Id, context.Data.Size);
                var finished = await leecher.WaitForEventAsync("finished", context.LegTimeout);
                await progress.FinishAsync();
                await leecher.WaitForEventAsync("exit", StopTimeout);
                await leecher.WaitForExitAsync(StopTimeout);
                var exit = await host.StopAsync(StopTimeout);
                result.OursSeeding = new Measure(Number(finished, "seconds"), Number(exit, "cpu_seconds"), Number(exit, "peak_rss_mib"), progress.TransferSeconds);
                result.LeecherCpuFromOurs = Number(finished, "cpu_seconds");
                result.Threads += Environment.NewLine + "        seeding: " + Text(exit, "threads");
            }

            context.Discard(fromOurs);
            return result;
        }

        private static void Print(RunResult r, long size, LibtorrentOptions options)
        {
            Console.WriteLine("  (a) download, ours <- libtorrent        " + Describe(r.OursDownload, size)
                + "   (libtorrent seeder CPU " + Seconds(r.SeederCpuForOurs) + ")");
            Console.WriteLine("  (b) download, libtorrent <- libtorrent  " + Describe(r.LibtorrentDownload, size)
                + "   (libtorrent seeder CPU " + Seconds(r.SeederCpuForLibtorrent) + ")");
            Console.WriteLine("      download rate ours/libtorrent " + Ratio(Rate(r.OursDownload, size), Rate(r.LibtorrentDownload, size))
                + ", transfer only " + Ratio(TransferRate(r.OursDownload, size), TransferRate(r.LibtorrentDownload, size)));
            Console.WriteLine("  (c) seeding, libtorrent <- ours         " + Describe(r.OursSeeding, size)
                + "   (CPU and RSS: our seeder; libtorrent leecher CPU " + Seconds(r.LeecherCpuFromOurs) + ")");
            Console.WriteLine("      seeding rate ours/libtorrent (c vs b) " + Ratio(Rate(r.OursSeeding, size), Rate(r.LibtorrentDownload, size))
                + ", transfer only " + Ratio(TransferRate(r.OursSeeding, size), TransferRate(r.LibtorrentDownload, size))
                + ", seeder CPU ours/libtorrent " + Ratio(r.OursSeeding.Cpu, r.SeederCpuForLibtorrent));
            Console.WriteLine("  (d) recheck, ours (after the download)  " + Describe(r.OursRecheck, size));
            Console.WriteLine("      check on add, ours (host-seed)      " + Describe(r.OursCheckOnAdd, size));
            Console.WriteLine("      check on add, libtorrent (seeder)   " + Describe(r.LibtorrentCheck, size));
            if (options.Threads)
            {
                Console.WriteLine("      our CPU seconds by thread (sampled every 100 ms):");
                Console.WriteLine("        " + r.Threads);
            }
        }

        private static void PrintMedians(List<RunResult> runs, long size, int count)
        {
            Console.WriteLine("Medians of " + count + " run(s), " + Program.Mebibytes(size) + " (transfer = first to last byte the downloader wrote):");
            Console.WriteLine("                                          seconds    MiB/s  transfer-s    MiB/s    CPU-s  CPU-s/GiB  peak RSS MiB");
            Row("(a) download, ours <- libtorrent", Median(runs, r => r.OursDownload), size);
            Row("(b) download, libtorrent <- libtorrent", Median(runs, r => r.LibtorrentDownload), size);
            Row("(c) seeding, libtorrent <- ours", Median(runs, r => r.OursSeeding), size);
            Row("    libtorrent seeder in (b)", new Measure(double.NaN, Program.Median(runs.Select(r => r.SeederCpuForLibtorrent).ToList()), double.NaN), size);
            Row("(d) recheck, ours (after download)", Median(runs, r => r.OursRecheck), size);
            Row("    check on add, ours", Median(runs, r => r.OursCheckOnAdd), size);
            Row("    check on add, libtorrent", Median(runs, r => r.LibtorrentCheck), size);
            Console.WriteLine("  download rate ours/libtorrent (median of the runs' ratios): " + MedianRatio(runs, r => Rate(r.OursDownload, size) / Rate(r.LibtorrentDownload, size))
                + ", transfer only " + MedianRatio(runs, r => TransferRate(r.OursDownload, size) / TransferRate(r.LibtorrentDownload, size)));
            Console.WriteLine("  seeding rate ours/libtorrent (c vs b): " + MedianRatio(runs, r => Rate(r.OursSeeding, size) / Rate(r.LibtorrentDownload, size))
                + ", transfer only " + MedianRatio(runs, r => TransferRate(r.OursSeeding, size) / TransferRate(r.LibtorrentDownload, size)));
            Console.WriteLine("  recheck rate: ours " + (size / GiB / Median(runs, r => r.OursRecheck).Seconds).ToString("N2", CultureInfo.InvariantCulture)
                + " GiB/s after the download, " + (size / GiB / Median(runs, r => r.OursCheckOnAdd).Seconds).ToString("N2", CultureInfo.InvariantCulture)
                + " GiB/s on add; libtorrent " + (size / GiB / Median(runs, r => r.LibtorrentCheck).Seconds).ToString("N2", CultureInfo.InvariantCulture) + " GiB/s on add");
        }

        private static void Row(string label, Measure m, long size)
        {
            Console.WriteLine("  " + label.PadRight(38)
                + Cell(m.Seconds, "N2", 9) + Cell(Rate(m, size), "N1", 9) + Cell(m.TransferSeconds, "N2", 12) + Cell(TransferRate(m, size), "N1", 9)
                + Cell(m.Cpu, "N2", 9) + Cell(m.Cpu / (size / GiB), "N2", 11) + Cell(m.RssMiB, "N0", 14));
        }

        private static string Cell(double value, string format, int width) =>
            (double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture)).PadLeft(width);

        private static Measure Median(List<RunResult> runs, Func<RunResult, Measure> pick) => new Measure(
            Program.Median(runs.Select(r => pick(r).Seconds).ToList()),
            Program.Median(runs.Select(r => pick(r).Cpu).ToList()),
            Program.Median(runs.Select(r => pick(r).RssMiB).ToList()),
            Program.Median(runs.Select(r => pick(r).TransferSeconds).ToList()));

        private static string MedianRatio(List<RunResult> runs, Func<RunResult, double> ratio) =>
            Program.Median(runs.Select(ratio).ToList()).ToString("N2", CultureInfo.InvariantCulture);

        private static string Describe(Measure m, long size) =>
            m.Seconds.ToString("N2", CultureInfo.InvariantCulture).PadLeft(7) + " s " + Rate(m, size).ToString("N1", CultureInfo.InvariantCulture).PadLeft(7) + " MiB/s"
            + (double.IsNaN(m.TransferSeconds) ? string.Empty : " (transfer " + Seconds(m.TransferSeconds) + ", " + TransferRate(m, size).ToString("N1", CultureInfo.InvariantCulture) + " MiB/s)")
            + "   CPU " + Seconds(m.Cpu) + " (" + (m.Cpu / (size / GiB)).ToString("N2", CultureInfo.InvariantCulture) + " s/GiB)"
            + (double.IsNaN(m.RssMiB) ? string.Empty : "   peak RSS " + m.RssMiB.ToString("N0", CultureInfo.InvariantCulture) + " MiB");

        private static string Seconds(double value) => value.ToString("N2", CultureInfo.InvariantCulture) + " s";

        private static string Ratio(double ours, double theirs) => (ours / theirs).ToString("N2", CultureInfo.InvariantCulture);

        private static double Rate(Measure m, long size) => size / MiB / m.Seconds;

        private static double TransferRate(Measure m, long size) => size / MiB / m.TransferSeconds;

        private static string Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

        internal static double Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

        private static string LoadAverage()
        {
            const string path = "/proc/loadavg";
            return File.Exists(path) ? string.Join(" ", File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
        }

        // tests/JsTorrent.Interop.Tests/Scripts/lt_peer.py, looked for upwards from the bench's build output.
        private static string? FindLtPeer()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "JsTorrent.Interop.Tests", "Scripts", "lt_peer.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
