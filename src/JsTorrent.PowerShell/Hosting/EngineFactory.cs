using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>Builds a runspace's engine from its settings through the presets.</summary>
    internal static class EngineFactory
    {
        /// <summary>The name of the memory preset's default storage root.</summary>
        public const string MemoryDownloads = "downloads";

        /// <summary>Starts an engine; <paramref name="memory"/> gives the memory preset what outlives one engine on a network.</summary>
        /// <exception cref="SessionStoreInUseException">Another engine (in this process or another) has the session file.</exception>
        public static Task<RunningEngine> StartAsync(EngineSettings settings, Func<MemoryNetwork?, MemoryDisk> memory, CancellationToken cancellationToken) =>
            settings.Preset == EnginePreset.Memory
                ? StartMemoryAsync(settings, memory(settings.Network), cancellationToken)
                : StartNativeAsync(settings, cancellationToken);

        private static async Task<RunningEngine> StartNativeAsync(EngineSettings settings, CancellationToken cancellationToken)
        {
            string downloads = settings.DownloadPath ?? DownloadsFolder.Locate();
            Directory.CreateDirectory(downloads);
            string? sessionPath = settings.NoSession ? null : settings.SessionPath ?? SessionStoreLocation.DefaultPath;
            ISessionStore? store = sessionPath is null ? null : LiteDbSessionStore.Open(sessionPath);
            try
            {
                var engine = await EnginePresets.CreateNativeEngineAsync(
                    new NativeEngineConfig
                    {
                        DownloadPath = downloads,
                        SessionStore = store ?? new MemorySessionStore(),
                        ListenPort = settings.Port,
                        FallBackToFreePort = !settings.StrictPort,
                        SocketOptions = new NativeSocketOptions { BindAddress = settings.ListenAddress },
                        Configure = options => Apply(settings, options, disposeStore: store != null),
                    },
                    cancellationToken).ConfigureAwait(false);
                return new RunningEngine(engine, settings, sessionPath, settings.ListenAddress?.ToString());
            }
            catch (Exception)
            {
                // The engine took the store only if it was built; a failed start leaves it to us.
                if (store is IDisposable disposable)
                {
                    disposable.Dispose();
                }

                throw;
            }
        }

        private static async Task<RunningEngine> StartMemoryAsync(EngineSettings settings, MemoryDisk disk, CancellationToken cancellationToken)
        {
            var root = MemoryStorageRoots.Create(settings.DownloadPath ?? MemoryDownloads);
            var network = disk.Network;
            string address = settings.Address ?? network.FreeAddress();
            LiteDbSessionStore? fileStore = settings.SessionPath is null ? null : LiteDbSessionStore.Open(settings.SessionPath);
            try
            {
                var engine = await EnginePresets.CreateMemoryEngineAsync(
                    new MemoryEngineConfig
                    {
                        Network = network,
                        Address = address,
                        FileSystem = disk.FilesOf(root),
                        StorageRootFileSystemFactory = disk.FilesOf,
                        SessionStore = (ISessionStore?)fileStore ?? disk.Session,
                        Configure = options =>
                        {
                            options.StorageRoots.Add(root);
                            options.DefaultStorageRoot = root.Token;
                            options.ListenPort = settings.Port;
                            Apply(settings, options, disposeStore: fileStore != null);
                        },
                    },
                    cancellationToken).ConfigureAwait(false);
                return new RunningEngine(engine, settings, fileStore?.Path, address);
            }
            catch (Exception)
            {
                fileStore?.Dispose();
                throw;
            }
        }

        private static void Apply(EngineSettings settings, EngineOptions options, bool disposeStore)
        {
            options.DisposeSessionStore = disposeStore;
            options.DownloadRateLimit = settings.DownloadRateLimit;
            options.UploadRateLimit = settings.UploadRateLimit;
            if (settings.MaxConnections is int max)
            {
                options.MaxConnections = max;
            }

            if (settings.MaxConnectionsPerTorrent is int perTorrent)
            {
                options.MaxConnectionsPerTorrent = perTorrent;
            }
        }
    }
}
