using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Core.Session
{
    /// <summary>Memory engines that share a session store and file systems across "restarts".</summary>
    internal static class SessionNode
    {
        private static int _address = 1;

        public static async Task<BtEngine> StartAsync(
            MemoryNetwork network,
            ISessionStore store,
            IFileSystem? fileSystem,
            Func<StorageRoot, IFileSystem>? roots = null,
            List<LogEntry>? log = null,
            Action<EngineOptions>? configure = null,
            string? address = null)
        {
            return await EnginePresets.CreateMemoryEngineAsync(new MemoryEngineConfig
            {
                Network = network,
                Address = address ?? NextAddress(),
                SessionStore = store,
                StorageRootFileSystemFactory = roots,
                OnLog = log is null ? null : entry =>
                {
                    lock (log)
                    {
                        log.Add(entry);
                    }
                },
                Configure = options =>
                {
                    options.FileSystem = fileSystem;
                    options.TickInterval = TimeSpan.FromMilliseconds(50);
                    options.SessionSaveInterval = TimeSpan.FromMilliseconds(100);
                    configure?.Invoke(options);
                },
            });
        }

        public static string NextAddress()
        {
            int n = System.Threading.Interlocked.Increment(ref _address);
            return "10.9." + (n / 250) + "." + ((n % 250) + 1);
        }

        /// <summary>A copy of a store as it is now: what a crash at this moment would leave behind.</summary>
        public static async Task<MemorySessionStore> SnapshotAsync(ISessionStore store)
        {
            var copy = new MemorySessionStore();
            foreach (string key in await store.KeysAsync())
            {
                var value = await store.GetAsync(key);
                if (value != null)
                {
                    await copy.SetAsync(key, value);
                }
            }

            return copy;
        }

        public static bool Logged(List<LogEntry> log, LogLevel level, string text)
        {
            lock (log)
            {
                return log.Exists(e => e.Level == level && e.Message.Contains(text, StringComparison.Ordinal));
            }
        }
    }
}
