using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace JsTorrent.Bench
{
    /// <summary>What every leg of the libtorrent benchmark needs: the data, the programs and the time limits.</summary>
    internal sealed class LegContext
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

        public LegContext(LibtorrentOptions options, LibtorrentData data, string ltPeer, string runsFolder)
        {
            Options = options;
            Data = data;
            LtPeer = ltPeer;
            RunsFolder = runsFolder;
            HostDll = typeof(EngineHost).Assembly.Location;
            // Generous: a leg that moves less than 2 MiB/s is broken, not slow.
            LegTimeout = TimeSpan.FromSeconds(60 + (data.Size / (2.0 * 1024 * 1024)));
            ChildTimeoutText = (LegTimeout.TotalSeconds * 2).ToString("F0", CultureInfo.InvariantCulture);
        }

        public LibtorrentOptions Options { get; }

        public LibtorrentData Data { get; }

        public string LtPeer { get; }

        public string RunsFolder { get; }

        /// <summary>The built bench assembly, started again as <c>dotnet HostDll host-...</c> for our engine's own process.</summary>
        public string HostDll { get; }

        public TimeSpan LegTimeout { get; }

        /// <summary>The children's own hard limit (--timeout), longer than any wait here, so the parent's timeout speaks first.</summary>
        public string ChildTimeoutText { get; }

        public JsonLineProcess StartHost(params string[] arguments)
        {
            var all = new List<string> { HostDll };
            all.AddRange(arguments);
            if (Options.Threads)
            {
                all.Add("--threads");
            }
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
            return JsonLineProcess.Start("our " + arguments[0], dotnet, all, Options.HostEnvironment);
        }

        public JsonLineProcess StartLibtorrentLeecher(string save, int port) =>
            JsonLineProcess.Start("libtorrent leecher", Options.Python, new[]
            {
                LtPeer, "--torrent", Data.TorrentFile, "--save", save, "--peer", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
                "--exit-when-done", "--timeout", ChildTimeoutText,
            });

        /// <summary>A libtorrent seeder that has checked the content (no --seed-mode, which would hash each piece on its first request, during the timed download).</summary>
        public async Task<LibtorrentSeeder> StartLibtorrentSeederAsync()
        {
            var process = JsonLineProcess.Start("libtorrent seeder", Options.Python, new[]
            {
                LtPeer, "--torrent", Data.TorrentFile, "--save", Data.ContentFolder, "--timeout", ChildTimeoutText,
            });
            try
            {
                var listening = await process.WaitForEventAsync("listening", StartTimeout);
                var finished = await process.WaitForEventAsync("finished", LegTimeout);
                return new LibtorrentSeeder(process, (int)LibtorrentBenchmark.Number(listening, "port"), finished);
            }
            catch (Exception)
            {
                await process.DisposeAsync();
                throw;
            }
        }

        /// <summary>Deletes a leg's downloaded copy unless --keep-data asked to keep them.</summary>
        public void Discard(string folder)
        {
            if (!Options.KeepData && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
