using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Seeder to leecher over the memory preset (in-process network, in-memory files): the engine's
    /// own cost with no kernel in the way. Prints MiB/s, CPU seconds and bytes allocated per GiB
    /// (excluding the pages the leecher's in-memory file system allocates to hold the content).
    /// </summary>
    internal static class TransferBenchmark
    {
        private const int PieceLength = 256 * 1024;

        public static async Task RunAsync(int sizeMiB, int iterations)
        {
            long size = sizeMiB * 1024L * 1024L;
            Console.WriteLine("Transfer (memory preset): " + Program.Mebibytes(size) + ", " + (PieceLength / 1024) + " KiB pieces, " + iterations + " runs");
            var content = new byte[size];
            new Random(42).NextBytes(content);
            var source = TorrentSource.SingleFile("bench.bin", new TorrentSourceFile(Array.Empty<string>(), size, () => new MemoryStream(content, writable: false)));
            var metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = PieceLength });

            // One untimed run first: tiered JIT and the thread pool settle, so every timed run measures steady state.
            await RunOnceAsync(metainfo, content);
            using var sampler = new AllocationSampler();
            var rates = new List<double>();
            var cpus = new List<double>();
            var allocations = new List<double>();
            for (int run = 0; run < iterations; run++)
            {
                sampler.Clear();
                sampler.Enabled = true;
                var (seconds, cpu, allocated) = await RunOnceAsync(metainfo, content);
                sampler.Enabled = false;
                rates.Add(size / (1024.0 * 1024.0) / seconds);
                cpus.Add(cpu);
                allocations.Add(allocated * (1024.0 * 1024.0 * 1024.0) / size);
                Console.WriteLine("  run " + (run + 1) + ": " + Program.Rate(size, seconds) + ", " + cpu.ToString("N2", CultureInfo.InvariantCulture) + " CPU s, "
                    + Program.Mebibytes((long)allocations[run]) + " allocated per GiB");
                Console.WriteLine("    most allocated (sampled, file pages included): " + sampler.Top(6));
            }

            Console.WriteLine("  median     " + Program.Median(rates).ToString("N0", CultureInfo.InvariantCulture) + " MiB/s, "
                + Program.Median(cpus).ToString("N2", CultureInfo.InvariantCulture) + " CPU s, "
                + Program.Mebibytes((long)Program.Median(allocations)) + " allocated per GiB, peak working set "
                + Program.Mebibytes(Process.GetCurrentProcess().PeakWorkingSet64));
            Console.WriteLine();
        }

        private static async Task<(double Seconds, double Cpu, long Allocated)> RunOnceAsync(Metainfo metainfo, byte[] content)
        {
            var network = new MemoryNetwork();
            var seederFiles = new InMemoryFileSystem();
            seederFiles.WriteAllBytes("bench.bin", content);
            var leecherFiles = new InMemoryFileSystem();
            await using var seeder = await EnginePresets.CreateMemoryEngineAsync(new MemoryEngineConfig { Network = network, Address = "10.0.0.1", FileSystem = seederFiles });
            await using var leecher = await EnginePresets.CreateMemoryEngineAsync(new MemoryEngineConfig { Network = network, Address = "10.0.0.2", FileSystem = leecherFiles });
            var seeding = await seeder.AddTorrentAsync(metainfo);
            while (seeding.State != TorrentState.Seeding)
            {
                await Task.Delay(20);
            }

            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            long allocatedBefore = GC.GetTotalAllocatedBytes(true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var clock = Stopwatch.StartNew();
            var download = await leecher.AddTorrentAsync(metainfo);
            await download.AddPeerAsync("10.0.0.1", seeder.ListenPort);
            var done = new TaskCompletionSource();
            leecher.TorrentCompleted += (_, _) => done.TrySetResult();
            if (download.State != TorrentState.Seeding)
            {
                await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
            }

            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine("    GCs during the run: gen0 " + (GC.CollectionCount(0) - gen0) + ", gen1 " + (GC.CollectionCount(1) - gen1) + ", gen2 " + (GC.CollectionCount(2) - gen2)
                + "; pause " + GC.GetTotalPauseDuration().TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) + " s in total");
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            // The leecher's in-memory file system must allocate the content it stores; that is not the engine's cost.
            long allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore - leecherFiles.AllocatedBytes;
            if (!leecherFiles.ReadAllBytes("bench.bin").AsSpan().SequenceEqual(content))
            {
                throw new InvalidOperationException("The downloaded content differs.");
            }

            return (seconds, cpu, allocated);
        }
    }
}
