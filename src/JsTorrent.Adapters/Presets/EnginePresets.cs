using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;

namespace JsTorrent.Adapters.Presets
{
    /// <summary>
    /// The design's presets: functions that wire adapters into a ready, started engine. They are the
    /// only code that knows every adapter.
    /// </summary>
    public static class EnginePresets
    {
        /// <summary>
        /// An engine whose sockets, files and session live in memory (the design's
        /// <c>createMemoryEngine</c>): for tests, and for trying the module without touching disk or network.
        /// Engines made on one <see cref="MemoryNetwork"/> reach each other by address and port.
        /// </summary>
        /// <param name="config">What to build from; null for all defaults.</param>
        /// <param name="cancellationToken">Cancels starting.</param>
        /// <returns>The started engine; dispose it when done.</returns>
        public static async Task<BtEngine> CreateMemoryEngineAsync(MemoryEngineConfig? config = null, CancellationToken cancellationToken = default)
        {
            config ??= new MemoryEngineConfig();
            var network = config.Network ?? new MemoryNetwork();
            var host = network.CreateHost(config.Address ?? FreeAddress(network));
            var options = new EngineOptions
            {
                SocketFactory = host,
                FileSystem = config.FileSystem ?? new InMemoryFileSystem(),
                SessionStore = config.SessionStore ?? new MemorySessionStore(),
                OnLog = config.OnLog,
            };
            config.Configure?.Invoke(options);
            var engine = new BtEngine(options);
            try
            {
                await engine.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await engine.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return engine;
        }

        private static string FreeAddress(MemoryNetwork network)
        {
            for (int i = 1; i < 65534; i++)
            {
                string address = "10.0." + (i / 254) + "." + ((i % 254) + 1);
                if (!network.TryGetHost(address, out _))
                {
                    return address;
                }
            }

            throw new InvalidOperationException("The memory network has no free 10.0.x.y address left.");
        }
    }
}
