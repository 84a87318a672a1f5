using System;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Adapters.Presets
{
    /// <summary>What <see cref="EnginePresets.CreateMemoryEngineAsync"/> builds an engine from (the design's <c>MemoryEngineConfig</c>).</summary>
    public sealed class MemoryEngineConfig
    {
        /// <summary>The in-process network to join; null makes a private one.</summary>
        public MemoryNetwork? Network { get; set; }

        /// <summary>This engine's address on the network; null picks the next free 10.0.x.y.</summary>
        public string? Address { get; set; }

        /// <summary>Where content goes; null makes an empty in-memory file system.</summary>
        public IFileSystem? FileSystem { get; set; }

        /// <summary>Makes the file system of each storage root; null gives each root an empty in-memory file system of its own.</summary>
        public Func<StorageRoot, IFileSystem>? StorageRootFileSystemFactory { get; set; }

        /// <summary>Resume data store; null makes an empty in-memory store.</summary>
        public ISessionStore? SessionStore { get; set; }

        /// <summary>Receives every log entry (the design's <c>onLog</c>).</summary>
        public Action<LogEntry>? OnLog { get; set; }

        /// <summary>Changes any other engine option before the engine is built.</summary>
        public Action<EngineOptions>? Configure { get; set; }
    }
}
