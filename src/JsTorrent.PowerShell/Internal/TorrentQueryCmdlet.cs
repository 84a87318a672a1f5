using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Base of cmdlets that read details of torrents: like <see cref="TorrentTargetCmdlet"/>, except that naming no
    /// torrent means every torrent of the engine.
    /// </summary>
    public abstract class TorrentQueryCmdlet : TorrentSelectingCmdlet
    {
        /// <summary>Names of torrents; wildcards allowed. Every torrent when no torrent is named.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TorrentNameCompleter))]
        public string[]? Name { get; set; }

        /// <inheritdoc/>
        protected override string[]? NamePatterns => Name;
    }
}
