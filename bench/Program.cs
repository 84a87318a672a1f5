using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Throughput of the hot paths: bencode decoding and metainfo parsing of a large
    /// torrent (50,000 files), and torrent creation over 1 GiB of data with one worker
    /// and with every core, next to the machine's raw single-core SHA-1 speed.
    /// Usage: dotnet run -c Release --project bench -- [decode|create|transfer|all] [--data DIR] [--size-mib N] [--iterations N],
    /// or <c>libtorrent</c> (see <see cref="LibtorrentOptions"/>) to compare with libtorrent over loopback.
    /// </summary>
    internal static class Program
    {
        private const double MiB = 1024.0 * 1024.0;

        private static int Main(string[] args)
        {
            // The libtorrent benchmark's children: our engine alone in a process, talking JSON lines.
            if (args.Length > 0 && args[0].StartsWith("host-", StringComparison.Ordinal))
            {
                return EngineHost.Run(args);
            }

            if (args.Length > 0 && args[0] == "restore")
            {
                int count = args.Length > 2 && args[1] == "--torrents" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
                return RestoreBenchmark.RunAsync(count).GetAwaiter().GetResult();
            }

            if (args.Length > 0 && args[0] == "libtorrent")
            {
                var options = LibtorrentOptions.Parse(args, 1);
                if (options is null)
                {
                    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench -- " + LibtorrentOptions.Usage);
                    return 2;
                }

#if DEBUG
                Console.WriteLine("WARNING: Debug build; numbers are meaningless. Use -c Release.");
#endif
                PrintMachine();
                return LibtorrentBenchmark.RunAsync(options).GetAwaiter().GetResult();
            }

            var settings = Settings.Parse(args);
            if (settings is null)
            {
                Console.Error.WriteLine("Usage: dotnet run -c Release --project bench -- [decode|create|transfer|all] [--data DIR] [--size-mib N] [--iterations N]");
                Console.Error.WriteLine("   or: dotnet run -c Release --project bench -- " + LibtorrentOptions.Usage);
                return 2;
            }

#if DEBUG
            Console.WriteLine("WARNING: Debug build; numbers are meaningless. Use -c Release.");
#endif
            PrintMachine();
            if (settings.Mode is "decode" or "all")
            {
                DecodeBenchmark.Run(settings.Iterations * 5);
            }

            if (settings.Mode is "create" or "all")
            {
                CreateBenchmark.Run(settings.DataDirectory, settings.SizeMiB, settings.Iterations).GetAwaiter().GetResult();
            }

            if (settings.Mode is "transfer" or "all")
            {
                TransferBenchmark.RunAsync(settings.SizeMiB, settings.Iterations).GetAwaiter().GetResult();
            }

            return 0;
        }

        private static void PrintMachine()
        {
            Console.WriteLine("JsTorrent benchmark");
            Console.WriteLine("  runtime    " + RuntimeInformation.FrameworkDescription + " on " + RuntimeInformation.OSDescription + " (" + RuntimeInformation.ProcessArchitecture + ")");
            Console.WriteLine("  cores      " + Environment.ProcessorCount + " logical");
            string? cpu = CpuModel();
            if (cpu is not null)
            {
                Console.WriteLine("  cpu        " + cpu);
            }

            Console.WriteLine("  gc         " + (System.Runtime.GCSettings.IsServerGC ? "server" : "workstation"));
            Console.WriteLine();
        }

        private static string? CpuModel()
        {
            const string cpuInfo = "/proc/cpuinfo";
            if (!File.Exists(cpuInfo))
            {
                return null;
            }

            string? model = null;
            bool shaNi = false;
            foreach (string line in File.ReadLines(cpuInfo))
            {
                if (model is null && line.StartsWith("model name", StringComparison.Ordinal))
                {
                    model = line.Substring(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
                }
                else if (line.StartsWith("flags", StringComparison.Ordinal))
                {
                    shaNi = (" " + line + " ").Contains(" sha_ni ", StringComparison.Ordinal);
                    break;
                }
            }

            return (model ?? "unknown") + (shaNi ? " (SHA-NI)" : " (no SHA-NI)");
        }

        internal static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            int n = sorted.Count;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        }

        internal static string Rate(long bytes, double seconds) =>
            (bytes / MiB / seconds).ToString("N0", CultureInfo.InvariantCulture).PadLeft(7) + " MiB/s";

        internal static string Mebibytes(long bytes) =>
            (bytes / MiB).ToString("N1", CultureInfo.InvariantCulture) + " MiB";
    }

    internal sealed class Settings
    {
        public string Mode { get; private set; } = "all";

        public string DataDirectory { get; private set; } = DefaultDataDirectory();

        public int SizeMiB { get; private set; } = 1024;

        public int Iterations { get; private set; } = 3;

        public static Settings? Parse(string[] args)
        {
            var settings = new Settings();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "decode":
                    case "create":
                    case "transfer":
                    case "all":
                        settings.Mode = args[i];
                        break;
                    case "--data" when i + 1 < args.Length:
                        settings.DataDirectory = Path.GetFullPath(args[++i]);
                        break;
                    case "--size-mib" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size >= 64:
                        settings.SizeMiB = size;
                        i++;
                        break;
                    case "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1:
                        settings.Iterations = n;
                        i++;
                        break;
                    default:
                        return null;
                }
            }

            return settings;
        }

        // bench/data (git-ignored) when run from a checkout, else a folder under the temp directory.
        internal static string DefaultDataDirectory()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Bench.csproj")))
                {
                    return Path.Combine(dir.FullName, "data");
                }
            }

            return Path.Combine(Path.GetTempPath(), "jstorrent-bench-data");
        }
    }

    /// <summary>Bencode decoding and <see cref="Metainfo.Parse"/> of a generated metainfo with 50,000 files.</summary>
    internal static class DecodeBenchmark
    {
        private const int FileCount = 50_000;

        private static readonly string[] Shows =
        {
            "The Expanse", "Planet Earth II", "Cosmos - A Spacetime Odyssey", "Das Boot", "La Casa de Papel",
            "Shōgun", "Twin Peaks", "Blue Planet", "Chernobyl", "Le Bureau des Légendes",
        };

        private static readonly string[] Words =
        {
            "Prologue", "Arrival", "The Long Night", "Homecoming", "Reckoning", "Interlude", "Crossing",
            "Signals", "Aftermath", "Origins", "Ghosts", "Fault Lines", "Ascension", "Parallax", "Tide",
        };

        private static readonly string[] Extensions = { ".mkv", ".flac", ".srt", ".jpg", ".nfo", ".mp4", ".txt", ".opus" };

        public static void Run(int iterations)
        {
            byte[] torrent = Build();
            Console.WriteLine("Decode: generated metainfo with " + FileCount.ToString("N0", CultureInfo.InvariantCulture) + " files, "
                + Program.Mebibytes(torrent.Length) + " (" + torrent.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes)");

            Measure("BencodeReader.Read", torrent, iterations, bytes => BencodeReader.Read(bytes));
            Measure("Metainfo.Parse    ", torrent, iterations, bytes => Metainfo.Parse(bytes));
            Console.WriteLine();
        }

        private static void Measure(string label, byte[] input, int iterations, Func<byte[], object> decode)
        {
            for (int i = 0; i < 3; i++)
            {
                GC.KeepAlive(decode(input));
            }

            var seconds = new List<double>();
            var allocated = new List<double>();
            for (int i = 0; i < iterations; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                object result = decode(input);
                double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                long after = GC.GetAllocatedBytesForCurrentThread();
                GC.KeepAlive(result);
                seconds.Add(elapsed);
                allocated.Add(after - before);
            }

            double median = Program.Median(seconds);
            double bytes = Program.Median(allocated);
            Console.WriteLine("  " + label + "  " + Program.Rate(input.Length, median)
                + "   median " + (median * 1000).ToString("N1", CultureInfo.InvariantCulture) + " ms of " + iterations
                + ", min " + (seconds.Min() * 1000).ToString("N1", CultureInfo.InvariantCulture) + " ms"
                + "   allocated " + Program.Mebibytes((long)bytes) + " per decode ("
                + (bytes / input.Length).ToString("N2", CultureInfo.InvariantCulture) + " x input)");
        }

        // A realistic large torrent: nested folders, names with spaces and non-ASCII letters, random sizes.
        private static byte[] Build()
        {
            var random = new SplitMix64(2024);
            var files = new BencodeList();
            long total = 0;
            for (int i = 0; i < FileCount; i++)
            {
                var path = new BencodeList();
                string show = Shows[random.Below(Shows.Length)];
                path.Add(new BencodeString(show));
                path.Add(new BencodeString("Season " + (1 + random.Below(12)).ToString("00", CultureInfo.InvariantCulture)));
                int extraDepth = random.Below(3);
                for (int d = 0; d < extraDepth; d++)
                {
                    path.Add(new BencodeString(d == 0 ? "Disc " + (1 + random.Below(4)).ToString(CultureInfo.InvariantCulture) : "Extras"));
                }

                string name = show + " - S" + (1 + random.Below(12)).ToString("00", CultureInfo.InvariantCulture)
                    + "E" + (1 + random.Below(24)).ToString("00", CultureInfo.InvariantCulture) + " - "
                    + Words[random.Below(Words.Length)] + " (" + i.ToString(CultureInfo.InvariantCulture) + ")"
                    + Extensions[random.Below(Extensions.Length)];
                path.Add(new BencodeString(name));

                long length = 1024 + (long)(random.Next() % (8UL * 1024 * 1024));
                total += length;
                var file = new BencodeDictionary();
                file.Set("length", length);
                file.Set("path", path);
                files.Add(file);
            }

            const int pieceLength = 16 * 1024 * 1024;
            long pieces = (total + pieceLength - 1) / pieceLength;
            var hashes = new byte[pieces * 20];
            random.Fill(hashes);

            var info = new BencodeDictionary();
            info.Set("name", "Large Collection ✓");
            info.Set("piece length", pieceLength);
            info.Set("pieces", new BencodeString(hashes));
            info.Set("files", files);

            var root = new BencodeDictionary();
            root.Set("info", info);
            root.Set("announce", "http://tracker.example.org:6969/announce");
            var tiers = new BencodeList();
            foreach (string url in new[] { "http://tracker.example.org:6969/announce", "udp://tracker.example.net:1337/announce" })
            {
                tiers.Add(new BencodeList(new BencodeValue[] { new BencodeString(url) }));
            }

            root.Set("announce-list", tiers);
            root.Set("comment", "Benchmark torrent");
            root.Set("created by", "JsTorrent bench");
            root.Set("creation date", 1700000000);
            return BencodeWriter.Encode(root);
        }
    }

    /// <summary>
    /// <see cref="TorrentCreator"/> over generated data on disk, page-cache-hot: the data is
    /// written once (and reused on later runs), then read through once before timing.
    /// </summary>
    internal static class CreateBenchmark
    {
        private const int BigFiles = 8;
        private const string Marker = "bench-data-v1.txt";

        public static async Task Run(string dataDirectory, int sizeMiB, int iterations)
        {
            double sha1 = MeasureSha1();
            double sha1All = MeasureSha1AllCores();
            Console.WriteLine("SHA-1: SHA1.HashData over a 4 MiB buffer, one core: " + sha1.ToString("N0", CultureInfo.InvariantCulture) + " MiB/s"
                + " (x " + Environment.ProcessorCount + " cores = " + (sha1 * Environment.ProcessorCount).ToString("N0", CultureInfo.InvariantCulture) + " MiB/s)");
            Console.WriteLine("       measured with " + Environment.ProcessorCount + " threads at once: " + sha1All.ToString("N0", CultureInfo.InvariantCulture)
                + " MiB/s in total (" + (sha1All / sha1).ToString("N2", CultureInfo.InvariantCulture) + " x one core; below the core count = shared or busy cores)");
            Console.WriteLine();

            string content = EnsureData(dataDirectory, sizeMiB);
            var source = NativeTorrentSource.FromPath(content);
            long size = source.Files.Sum(f => f.Length);
            int pieceLength = TorrentCreator.ChoosePieceLength(size);
            Console.WriteLine("Create: " + source.Files.Count + " files, " + Program.Mebibytes(size) + " in " + content);
            Console.WriteLine("  piece length " + (pieceLength / 1024) + " KiB (automatic), " + iterations + " timed run(s) per setting, median shown");
            Console.WriteLine("  data is page-cache-hot: it was read once before timing and nothing is dropped from the cache");

            // Warm-up: pulls the data into the page cache and JIT-compiles the hashing path.
            await TorrentCreator.CreateAsync(source, new TorrentCreationOptions()).ConfigureAwait(false);

            var workers = new List<int> { 1 };
            if (Environment.ProcessorCount > 1)
            {
                workers.Add(Environment.ProcessorCount);
            }

            InfoHash? reference = null;
            foreach (int count in workers)
            {
                bool peakReset = ResetPeakWorkingSet();
                var seconds = new List<double>();
                var cpu = new List<double>();
                for (int i = 0; i < iterations; i++)
                {
                    using var process = Process.GetCurrentProcess();
                    TimeSpan cpuBefore = process.TotalProcessorTime;
                    long start = Stopwatch.GetTimestamp();
                    var metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { MaxDegreeOfParallelism = count }).ConfigureAwait(false);
                    double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    process.Refresh();
                    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
                    seconds.Add(elapsed);
                    reference ??= metainfo.InfoHash;
                    if (metainfo.InfoHash != reference.Value)
                    {
                        throw new InvalidOperationException("Creation is not deterministic: " + metainfo.InfoHash + " vs " + reference);
                    }
                }

                double median = Program.Median(seconds);
                double rate = size / (1024.0 * 1024.0) / median;
                using var self = Process.GetCurrentProcess();
                self.Refresh();
                Console.WriteLine("  " + count.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " worker(s)  " + Program.Rate(size, median)
                    + "   " + median.ToString("N2", CultureInfo.InvariantCulture) + " s wall, "
                    + Program.Median(cpu).ToString("N2", CultureInfo.InvariantCulture) + " s CPU"
                    + "   creation/(sha1 x " + count + ") = " + (rate / (sha1 * count)).ToString("P0", CultureInfo.InvariantCulture)
                    + (count > 1 ? " (of measured parallel SHA-1: " + (rate / sha1All).ToString("P0", CultureInfo.InvariantCulture) + ")" : string.Empty)
                    + "   peak working set " + Program.Mebibytes(self.PeakWorkingSet64)
                    + (peakReset ? string.Empty : " (process lifetime peak)"));
            }

            Console.WriteLine("  info-hash " + reference + " (identical in every run)");
            Console.WriteLine();
        }

        // MiB/s of one core hashing a 4 MiB buffer over and over (median of five rounds of about 0.4 s).
        private static double MeasureSha1()
        {
            var rates = new List<double>();
            for (int round = 0; round < 5; round++)
            {
                rates.Add(HashFor(0.4, 7));
            }

            return Program.Median(rates);
        }

        // Total MiB/s of one hashing thread per core, all at once: what the machine really delivers in parallel.
        private static double MeasureSha1AllCores()
        {
            var rates = new double[Environment.ProcessorCount];
            var threads = new List<System.Threading.Thread>();
            for (int t = 0; t < rates.Length; t++)
            {
                int index = t;
                threads.Add(new System.Threading.Thread(() => rates[index] = HashFor(2.0, (ulong)index + 11)));
            }

            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return rates.Sum();
        }

        private static double HashFor(double seconds, ulong seed)
        {
            var buffer = new byte[4 * 1024 * 1024];
            new SplitMix64(seed).Fill(buffer);
            Span<byte> digest = stackalloc byte[20];
            for (int i = 0; i < 4; i++)
            {
                SHA1.HashData(buffer, digest);
            }

            int n = 0;
            long start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds)
            {
                SHA1.HashData(buffer, digest);
                n++;
            }

            return n * 4.0 / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        // Linux: writing 5 to /proc/self/clear_refs resets the peak resident set (VmHWM), so each setting reports its own peak.
        private static bool ResetPeakWorkingSet()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        // 3/4 of the size in 8 big files, 1/4 in 1 MiB files under nested folders; reused when already complete.
        private static string EnsureData(string dataDirectory, int sizeMiB)
        {
            string content = Path.Combine(dataDirectory, "create-" + sizeMiB.ToString(CultureInfo.InvariantCulture) + "mib");
            int smallCount = sizeMiB / 4;
            long bigLength = (long)(sizeMiB - smallCount) * 1024 * 1024 / BigFiles;
            var plan = new List<KeyValuePair<string, long>>();
            for (int i = 0; i < BigFiles; i++)
            {
                plan.Add(new KeyValuePair<string, long>(Path.Combine("video", "part " + i.ToString("00", CultureInfo.InvariantCulture) + ".mkv"), bigLength));
            }

            for (int i = 0; i < smallCount; i++)
            {
                string folder = Path.Combine("photos", "album " + (i / 32).ToString("00", CultureInfo.InvariantCulture));
                plan.Add(new KeyValuePair<string, long>(Path.Combine(folder, "IMG_" + i.ToString("0000", CultureInfo.InvariantCulture) + ".jpg"), 1024 * 1024));
            }

            string marker = Path.Combine(content, Marker);
            if (File.Exists(marker) && plan.All(p => new FileInfo(Path.Combine(content, p.Key)) is { Exists: true } f && f.Length == p.Value))
            {
                Console.WriteLine("Create: reusing generated data in " + content);
                return content;
            }

            Console.WriteLine("Create: writing " + sizeMiB + " MiB of generated data to " + content + " (once; delete the folder to reclaim the space)");
            if (Directory.Exists(content))
            {
                Directory.Delete(content, recursive: true);
            }

            var buffer = new byte[4 * 1024 * 1024];
            ulong seed = 1;
            foreach (var file in plan)
            {
                string path = Path.Combine(content, file.Key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var random = new SplitMix64(seed++);
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
                for (long left = file.Value; left > 0;)
                {
                    int chunk = (int)Math.Min(buffer.Length, left);
                    random.Fill(buffer.AsSpan(0, chunk));
                    stream.Write(buffer, 0, chunk);
                    left -= chunk;
                }
            }

            File.WriteAllText(marker, "Generated by bench/Program.cs; safe to delete." + Environment.NewLine, Encoding.UTF8);
            return content;
        }
    }

    /// <summary>SplitMix64: small, fast and identical everywhere, so generated data never changes between runs.</summary>
    internal sealed class SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed)
        {
            _state = seed;
        }

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Below(int bound) => (int)(Next() % (ulong)bound);

        public void Fill(Span<byte> destination)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(destination);
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = Next();
            }

            for (int i = words.Length * 8; i < destination.Length; i++)
            {
                destination[i] = (byte)Next();
            }
        }
    }
}
