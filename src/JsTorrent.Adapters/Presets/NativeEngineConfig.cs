using System;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Adapters.Presets
{
    /// <summary>What <see cref="EnginePresets.CreateNativeEngineAsync"/> builds an engine from (the design's <c>NodeEngineConfig</c>).</summary>
    public sealed class NativeEngineConfig
    {
        /// <summary>The folder content is stored under (it must exist): registered as a storage root and made the default. Required.</summary>
        public string? DownloadPath { get; set; }

        /// <summary>Resume data store; null keeps it in memory (nothing survives the process).</summary>
        public ISessionStore? SessionStore { get; set; }

        /// <summary>TCP port for incoming peers; 0 lets the system choose.</summary>
        public int ListenPort { get; set; }

        /// <summary>When <see cref="ListenPort"/> is taken, try the next nine ports and then any free one, instead of failing.</summary>
        public bool FallBackToFreePort { get; set; }

        /// <summary>Socket settings (bind address, connect time-out, buffer sizes).</summary>
        public NativeSocketOptions? SocketOptions { get; set; }

        /// <summary>Receives every log entry (the design's <c>onLog</c>).</summary>
        public Action<LogEntry>? OnLog { get; set; }

        /// <summary>Changes any other engine option before the engine is built.</summary>
        public Action<EngineOptions>? Configure { get; set; }
    }
}
