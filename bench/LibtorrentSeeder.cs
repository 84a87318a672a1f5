using System;
using System.Text.Json;
using System.Threading.Tasks;

namespace JsTorrent.Bench
{
    /// <summary>A running lt_peer.py seeder: its port, its start-up check, and its CPU time spent serving.</summary>
    internal sealed class LibtorrentSeeder : IAsyncDisposable
    {
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
        private readonly JsonLineProcess _process;
        private readonly double _cpuAtStart;

        public LibtorrentSeeder(JsonLineProcess process, int port, JsonElement finished)
        {
            _process = process;
            Port = port;
            _cpuAtStart = LibtorrentBenchmark.Number(finished, "cpu_seconds");
            // Its "finished" event comes when the check of the content has passed; the CPU includes starting Python.
            Check = new Measure(LibtorrentBenchmark.Number(finished, "seconds"), _cpuAtStart, double.NaN);
        }

        public int Port { get; }

        /// <summary>libtorrent's check of the content when the seeder was added (seconds from the add; CPU of the whole process so far).</summary>
        public Measure Check { get; }

        /// <summary>Stops the seeder and returns the CPU seconds it spent after its check: serving the leecher.</summary>
        public async Task<double> StopAndGetServingCpuAsync()
        {
            var exit = await _process.StopAsync(StopTimeout);
            return LibtorrentBenchmark.Number(exit, "cpu_seconds") - _cpuAtStart;
        }

        public ValueTask DisposeAsync() => _process.DisposeAsync();
    }
}
