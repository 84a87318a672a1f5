using System;
using System.Collections.Concurrent;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using EngineStorageRoot = JsTorrent.Engine.Storage.StorageRoot;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>
    /// What the memory preset keeps for a runspace between engines on one network: the files of each storage root
    /// and the session. So Stop-TorrentEngine, Start-TorrentEngine -Preset Memory and Resume-TorrentSession
    /// behave as a restart does on disk; an engine on another network starts with an empty disk.
    /// </summary>
    internal sealed class MemoryDisk
    {
        private readonly ConcurrentDictionary<string, IFileSystem> _roots = new ConcurrentDictionary<string, IFileSystem>(StringComparer.Ordinal);

        public MemoryDisk(MemoryNetwork network)
        {
            Network = network;
        }

        public MemoryNetwork Network { get; }

        public MemorySessionStore Session { get; } = new MemorySessionStore();

        /// <summary>The file system of a root, made empty on first use and kept for the runspace's life.</summary>
        public IFileSystem FilesOf(EngineStorageRoot root) => _roots.GetOrAdd(root.Token, _ => new InMemoryFileSystem());
    }
}
