using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Storage;

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
            var host = network.CreateHost(config.Address ?? network.FreeAddress());
            var options = new EngineOptions
            {
                SocketFactory = host,
                FileSystem = config.FileSystem ?? new InMemoryFileSystem(),
                SessionStore = config.SessionStore ?? new MemorySessionStore(),
                StorageRootFileSystemFactory = config.StorageRootFileSystemFactory ?? NewMemoryRootFactory(),
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

        /// <summary>
        /// An engine on real sockets and files (the design's <c>createNodeEngine</c>): content under
        /// <see cref="NativeEngineConfig.DownloadPath"/> (nothing outside it is ever opened), peers on the
        /// machine's network.
        /// </summary>
        /// <param name="config">What to build from; <see cref="NativeEngineConfig.DownloadPath"/> is required.</param>
        /// <param name="cancellationToken">Cancels starting.</param>
        /// <returns>The started engine; dispose it when done.</returns>
        /// <exception cref="NetworkException">The listen port is taken and falling back was not asked for.</exception>
        public static async Task<BtEngine> CreateNativeEngineAsync(NativeEngineConfig config, CancellationToken cancellationToken = default)
        {
            if (config?.DownloadPath is null)
            {
                throw new ArgumentException("NativeEngineConfig.DownloadPath is required.", nameof(config));
            }

            var downloads = NativeStorageRoots.Create(config.DownloadPath);
            var downloadFiles = new NativeFileSystem(downloads.Path); // fails now, clearly, if the folder is missing
            var sockets = new NativeSocketFactory(config.SocketOptions);
            int port = config.ListenPort;
            for (int attempt = 0; ; attempt++)
            {
                var options = new EngineOptions
                {
                    SocketFactory = sockets,
                    SessionStore = config.SessionStore ?? new MemorySessionStore(),
                    StorageRootFileSystemFactory = root => root.Token == downloads.Token ? downloadFiles : new NativeFileSystem(root.Path),
                    DefaultStorageRoot = downloads.Token,
                    ListenPort = port,
                    OnLog = config.OnLog,
                };
                options.StorageRoots.Add(downloads);
                config.Configure?.Invoke(options);
                var engine = new BtEngine(options);
                try
                {
                    await engine.StartAsync(cancellationToken).ConfigureAwait(false);
                    return engine;
                }
                catch (NetworkException ex) when (ex.Kind == NetworkErrorKind.AddressInUse && config.FallBackToFreePort && port != 0)
                {
                    // The next attempt uses the same session store: this engine must not close it
                    // (Configure may have handed it ownership with DisposeSessionStore).
                    options.DisposeSessionStore = false;
                    await engine.DisposeAsync().ConfigureAwait(false);
                    port = attempt < 9 && port < 65535 ? port + 1 : 0;
                }
                catch (Exception)
                {
                    await engine.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }

        /// <summary>Each root of a memory engine is an empty in-memory file system of its own, made on first use.</summary>
        private static Func<StorageRoot, IFileSystem> NewMemoryRootFactory()
        {
            var made = new ConcurrentDictionary<string, IFileSystem>(StringComparer.Ordinal);
            return root => made.GetOrAdd(root.Token, _ => new InMemoryFileSystem());
        }
    }
}
