using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Bench
{
    /// <summary>
    /// The hidden child commands of the libtorrent benchmark: one engine on the native preset in a
    /// plain process of its own, so its CPU time and peak memory are the engine's alone. They talk
    /// JSON lines like lt_peer.py and stop when stdin closes or at --timeout.
    /// <list type="bullet">
    /// <item><c>host-download --torrent F --save DIR --peer HOST:PORT [--recheck] [--timeout S] [--log] [--threads]</c>:
    /// downloads from the peer, prints "done" (timed from the add to completion), and with
    /// --recheck then rechecks the complete download and prints "recheck".</item>
    /// <item><c>host-seed --torrent F --save DIR [--timeout S] [--log] [--threads]</c>: checks the data, prints
    /// "seeding" with its listen port, seeds until stdin closes, prints "exit".</item>
    /// </list>
    /// </summary>
    internal static class EngineHost
    {
        private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(30);

        public static int Run(string[] args)
        {
            var options = HostOptions.Parse(args);
            if (options is null)
            {
                Console.Error.WriteLine("Usage: host-download --torrent FILE --save DIR --peer HOST:PORT [--recheck] [--timeout S] [--log] [--threads]"
                    + " | host-seed --torrent FILE --save DIR [--timeout S] [--log] [--threads]");
                return 2;
            }

            try
            {
                return options.Command == "host-seed"
                    ? SeedAsync(options).GetAwaiter().GetResult()
                    : DownloadAsync(options).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Emit("error", ("message", ex.GetType().Name + ": " + ex.Message));
                return 1;
            }
        }

        private static async Task<int> DownloadAsync(HostOptions options)
        {
            using var stop = new CancellationTokenSource(options.Timeout);
            _ = WatchStdin(stop);
            var metainfo = Metainfo.Parse(File.ReadAllBytes(options.Torrent));
            Directory.CreateDirectory(options.Save);
            var engine = await EnginePresets.CreateNativeEngineAsync(Config(options), stop.Token);
            try
            {
                var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                engine.TorrentCompleted += (_, _) => completed.TrySetResult();
                engine.TorrentError += (_, e) => completed.TrySetException(new InvalidOperationException("torrent error: " + e.Message));

                var threads = options.Threads ? new ThreadCpuSampler() : null;
                double cpuBefore = ProcessUsage.CpuSeconds();
                long start = Stopwatch.GetTimestamp();
                var torrent = await engine.AddTorrentAsync(metainfo, null, stop.Token);
                await torrent.AddPeerAsync(options.PeerHost!, options.PeerPort);
                if (torrent.State != TorrentState.Seeding)
                {
                    try
                    {
                        await completed.Task.WaitAsync(stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        Emit("error", ("message", "stopped before completion (timeout or stdin closed)"), ("progress", torrent.Progress),
                            ("state", torrent.State.ToString()), ("connected_peers", torrent.ConnectedPeers));
                        return 1;
                    }
                }

                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                double cpu = ProcessUsage.CpuSeconds() - cpuBefore;
                Emit("done", ("seconds", seconds), ("bytes", torrent.TotalSize), ("downloaded", torrent.BytesDownloaded),
                    ("wasted", torrent.WastedBytes), ("cpu_seconds", cpu), ("process_cpu_seconds", ProcessUsage.CpuSeconds()),
                    ("peak_rss_mib", ProcessUsage.PeakRssMiB()), ("allocated_mib", GC.GetTotalAllocatedBytes() / 1048576.0),
                    ("gc_counts", GC.CollectionCount(0) + "/" + GC.CollectionCount(1) + "/" + GC.CollectionCount(2)),
                    ("threads", threads?.Report() ?? string.Empty));
                threads?.Dispose();

                if (options.Recheck)
                {
                    threads = options.Threads ? new ThreadCpuSampler() : null;
                    cpuBefore = ProcessUsage.CpuSeconds();
                    start = Stopwatch.GetTimestamp();
                    await torrent.RecheckAsync(null, stop.Token);
                    seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                    cpu = ProcessUsage.CpuSeconds() - cpuBefore;
                    Emit("recheck", ("seconds", seconds), ("bytes", torrent.TotalSize), ("cpu_seconds", cpu),
                        ("complete", torrent.VerifiedPieceCount == torrent.PieceCount), ("peak_rss_mib", ProcessUsage.PeakRssMiB()),
                        ("threads", threads?.Report() ?? string.Empty));
                    threads?.Dispose();
                }
            }
            finally
            {
                await DisposeBoundedAsync(engine);
            }

            Emit("exit", ("reason", "done"), ("process_cpu_seconds", ProcessUsage.CpuSeconds()), ("peak_rss_mib", ProcessUsage.PeakRssMiB()));
            return 0;
        }

        private static async Task<int> SeedAsync(HostOptions options)
        {
            using var stop = new CancellationTokenSource(options.Timeout);
            var stdinClosed = WatchStdin(stop);
            var metainfo = Metainfo.Parse(File.ReadAllBytes(options.Torrent));
            var engine = await EnginePresets.CreateNativeEngineAsync(Config(options), stop.Token);
            try
            {
                var seeding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                engine.StateChanged += (_, e) =>
                {
                    if (e.Current == TorrentState.Seeding)
                    {
                        seeding.TrySetResult();
                    }
                    else if (e.Current == TorrentState.Error)
                    {
                        seeding.TrySetException(new InvalidOperationException("torrent error: " + e.Torrent.ErrorMessage));
                    }
                };

                double cpuBefore = ProcessUsage.CpuSeconds();
                long start = Stopwatch.GetTimestamp();
                var torrent = await engine.AddTorrentAsync(metainfo, null, stop.Token);
                if (torrent.State != TorrentState.Seeding)
                {
                    await seeding.Task.WaitAsync(stop.Token);
                }

                double checkSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                double checkCpu = ProcessUsage.CpuSeconds() - cpuBefore;
                cpuBefore = ProcessUsage.CpuSeconds();
                using var threads = options.Threads ? new ThreadCpuSampler() : null;
                Emit("seeding", ("port", engine.ListenPort), ("bytes", torrent.TotalSize), ("check_seconds", checkSeconds), ("check_cpu_seconds", checkCpu),
                    ("peak_rss_mib", ProcessUsage.PeakRssMiB()));

                string reason = "stdin closed";
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    reason = stdinClosed.IsCompleted ? "stdin closed" : "timeout";
                }

                Emit("exit", ("reason", reason), ("uploaded", torrent.BytesUploaded), ("cpu_seconds", ProcessUsage.CpuSeconds() - cpuBefore),
                    ("process_cpu_seconds", ProcessUsage.CpuSeconds()), ("peak_rss_mib", ProcessUsage.PeakRssMiB()), ("threads", threads?.Report() ?? string.Empty));
                return reason == "timeout" ? 3 : 0;
            }
            finally
            {
                await DisposeBoundedAsync(engine);
            }
        }

        // The parent holds stdin open for as long as it wants this child; end of input means stop.
        // The task completes when stdin has closed.
        private static Task WatchStdin(CancellationTokenSource stop)
        {
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer, 0, buffer.Length) > 0)
                {
                }

                closed.TrySetResult();
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The command has finished already; nothing is left to stop.
                }
            })
            {
                IsBackground = true,
                Name = "stdin watcher",
            };
            thread.Start();
            return closed.Task;
        }

        // --log: the engine's debug log on stderr, with milliseconds since the start, for finding stalls by hand.
        private static NativeEngineConfig Config(HostOptions options)
        {
            var config = new NativeEngineConfig { DownloadPath = options.Save };
            if (options.Log)
            {
                var clock = Stopwatch.StartNew();
                config.Configure = engine => engine.LogLevel = LogLevel.Debug;
                config.OnLog = entry => Console.Error.WriteLine(clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture).PadLeft(7) + " ms  " + entry);
            }

            return config;
        }

        private static async Task DisposeBoundedAsync(BtEngine engine)
        {
            var disposing = engine.DisposeAsync().AsTask();
            if (await Task.WhenAny(disposing, Task.Delay(DisposeTimeout)) != disposing)
            {
                Console.Error.WriteLine("warning: the engine did not finish disposing within " + DisposeTimeout.TotalSeconds + " s");
            }
        }

        private static void Emit(string name, params (string Key, object Value)[] fields)
        {
            var document = new Dictionary<string, object> { ["event"] = name };
            foreach (var (key, value) in fields)
            {
                document[key] = value;
            }

            Console.Out.WriteLine(JsonSerializer.Serialize(document));
            Console.Out.Flush();
        }

        private sealed class HostOptions
        {
            public string Command { get; private set; } = string.Empty;

            public string Torrent { get; private set; } = string.Empty;

            public string Save { get; private set; } = string.Empty;

            public string? PeerHost { get; private set; }

            public int PeerPort { get; private set; }

            public bool Recheck { get; private set; }

            public bool Log { get; private set; }

            public bool Threads { get; private set; }

            public TimeSpan Timeout { get; private set; } = TimeSpan.FromMinutes(10);

            public static HostOptions? Parse(string[] args)
            {
                var options = new HostOptions { Command = args[0] };
                for (int i = 1; i < args.Length; i++)
                {
                    string? next = i + 1 < args.Length ? args[i + 1] : null;
                    switch (args[i])
                    {
                        case "--torrent" when next is not null:
                            options.Torrent = next;
                            i++;
                            break;
                        case "--save" when next is not null:
                            options.Save = next;
                            i++;
                            break;
                        case "--peer" when next is not null && next.LastIndexOf(':') > 0
                            && int.TryParse(next.AsSpan(next.LastIndexOf(':') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port):
                            options.PeerHost = next.Substring(0, next.LastIndexOf(':')).Trim('[', ']');
                            options.PeerPort = port;
                            i++;
                            break;
                        case "--recheck":
                            options.Recheck = true;
                            break;
                        case "--log":
                            options.Log = true;
                            break;
                        case "--threads":
                            options.Threads = true;
                            break;
                        case "--timeout" when next is not null && double.TryParse(next, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                            options.Timeout = TimeSpan.FromSeconds(seconds);
                            i++;
                            break;
                        default:
                            return null;
                    }
                }

                bool valid = options.Torrent.Length > 0 && options.Save.Length > 0
                    && (options.Command == "host-seed" || (options.Command == "host-download" && options.PeerHost is not null));
                return valid ? options : null;
            }
        }
    }
}
