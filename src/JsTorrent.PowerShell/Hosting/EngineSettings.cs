using System.Net;
using JsTorrent.Adapters.Memory;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>What a runspace engine is made from: Start-TorrentEngine's parameters, or the defaults when a cmdlet makes it on first use.</summary>
    internal sealed class EngineSettings
    {
        /// <summary>The port the engine tries first; the next ones (then any free one) when it is taken.</summary>
        public const int DefaultPort = 6881;

        public EnginePreset Preset { get; set; } = EnginePreset.Native;

        /// <summary>Native: the folder of the default storage root (null: the user's Downloads folder). Memory: the name of the default root.</summary>
        public string? DownloadPath { get; set; }

        /// <summary>The LiteDB session file; null means the default file (native) or an in-memory session (memory).</summary>
        public string? SessionPath { get; set; }

        /// <summary>Native: the session is kept in memory only (nothing survives the process).</summary>
        public bool NoSession { get; set; }

        /// <summary>The listen port; 0 lets the system choose.</summary>
        public int Port { get; set; } = DefaultPort;

        /// <summary>When the port is taken: fail instead of trying the next ones.</summary>
        public bool StrictPort { get; set; }

        /// <summary>Native: the address to listen and connect from; null is every interface.</summary>
        public IPAddress? ListenAddress { get; set; }

        /// <summary>Memory: the in-process network to join; null is the runspace's own.</summary>
        public MemoryNetwork? Network { get; set; }

        /// <summary>Memory: this engine's address on the network; null picks a free one.</summary>
        public string? Address { get; set; }

        public long DownloadRateLimit { get; set; }

        public long UploadRateLimit { get; set; }

        public int? MaxConnections { get; set; }

        public int? MaxConnectionsPerTorrent { get; set; }
    }
}
