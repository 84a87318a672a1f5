using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Base of Start-TorrentEngine and Set-TorrentEngine: the engine's limits, and which of them were given.</summary>
    public abstract class EngineLimitsCmdlet : EngineCmdlet
    {
        /// <summary>Download limit of the engine in bytes per second (e.g. 5MB); 0 is unlimited.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long DownloadRateLimit { get; set; }

        /// <summary>Upload limit of the engine in bytes per second; 0 is unlimited.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long UploadRateLimit { get; set; }

        /// <summary>Most peer connections of the engine (default 200); connections over a lowered limit stay open.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int MaxConnections { get; set; }

        /// <summary>Most peer connections of one torrent (default 20).</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int MaxConnectionsPerTorrent { get; set; }

        /// <summary>-DownloadRateLimit if given, else null.</summary>
        internal long? GivenDownloadRateLimit => Given(nameof(DownloadRateLimit)) ? DownloadRateLimit : (long?)null;

        /// <summary>-UploadRateLimit if given, else null.</summary>
        internal long? GivenUploadRateLimit => Given(nameof(UploadRateLimit)) ? UploadRateLimit : (long?)null;

        /// <summary>-MaxConnections if given, else null.</summary>
        internal int? GivenMaxConnections => Given(nameof(MaxConnections)) ? MaxConnections : (int?)null;

        /// <summary>-MaxConnectionsPerTorrent if given, else null.</summary>
        internal int? GivenMaxConnectionsPerTorrent => Given(nameof(MaxConnectionsPerTorrent)) ? MaxConnectionsPerTorrent : (int?)null;

        private bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
    }
}
