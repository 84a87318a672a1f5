using System;
using System.Linq;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent
{
    /// <summary>The runspace's engine (the output of Start-TorrentEngine, Get-TorrentEngine and Set-TorrentEngine). Every property reads the current value.</summary>
    public sealed class TorrentEngine
    {
        private readonly RunningEngine _engine;

        internal TorrentEngine(RunningEngine engine)
        {
            _engine = engine;
        }

        /// <summary>How the engine is wired.</summary>
        public EnginePreset Preset => _engine.Settings.Preset;

        /// <summary>False once Stop-TorrentEngine (or the runspace closing) disposed it.</summary>
        public bool IsRunning => !_engine.IsDisposed;

        /// <summary>The port peers connect to.</summary>
        public int ListenPort => _engine.Engine.ListenPort;

        /// <summary>Memory preset: the engine's address on its in-process network; native: the listen address, or null for every interface.</summary>
        public string? ListenAddress => _engine.ListenAddress;

        /// <summary>The LiteDB session file, or null when the session is kept in memory.</summary>
        public string? SessionPath => _engine.SessionPath;

        /// <summary>The folder of the default storage root.</summary>
        public string? DownloadPath => _engine.Engine.DefaultStorageRoot?.Path;

        /// <summary>Torrents in the engine.</summary>
        public int TorrentCount => _engine.Engine.Torrents.Count;

        /// <summary>Payload bytes received, summed over the engine's torrents.</summary>
        public long Downloaded => _engine.Engine.Torrents.Sum(t => t.BytesDownloaded);

        /// <summary>Payload bytes sent, summed over the engine's torrents.</summary>
        public long Uploaded => _engine.Engine.Torrents.Sum(t => t.BytesUploaded);

        /// <summary>Download rate of the whole engine in bytes per second.</summary>
        public long DownloadRate => _engine.Engine.DownloadRate;

        /// <summary>Upload rate of the whole engine in bytes per second.</summary>
        public long UploadRate => _engine.Engine.UploadRate;

        /// <summary>The engine's download limit in bytes per second; 0 is unlimited.</summary>
        public long DownloadRateLimit => _engine.Engine.DownloadRateLimit;

        /// <summary>The engine's upload limit in bytes per second; 0 is unlimited.</summary>
        public long UploadRateLimit => _engine.Engine.UploadRateLimit;

        /// <summary>Most peer connections of the engine.</summary>
        public int MaxConnections => _engine.Engine.MaxConnections;

        /// <summary>Most peer connections of one torrent.</summary>
        public int MaxConnectionsPerTorrent => _engine.Engine.MaxConnectionsPerTorrent;

        /// <summary>When the engine started (local time).</summary>
        public DateTime StartedAt => _engine.StartedAt.LocalDateTime;

        /// <summary>The engine's peer id, as text.</summary>
        public string PeerId => _engine.Engine.PeerId.ToString();

        /// <summary>The engine itself, for scripts that use its .NET API directly.</summary>
        /// <returns>The <see cref="JsTorrent.Engine.Core.BtEngine"/>.</returns>
        public JsTorrent.Engine.Core.BtEngine GetBtEngine() => _engine.Engine;

        /// <inheritdoc/>
        public override string ToString() => Preset + " engine on port " + ListenPort;
    }
}
