using System;
using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Base of cmdlets that act on torrents of the engine (suspend, remove, wait, ...): the torrents come from the
    /// pipeline, or are named by -Name (wildcards) or -InfoHash; one of them must be given.
    /// </summary>
    public abstract class TorrentTargetCmdlet : TorrentSelectingCmdlet
    {
        /// <summary>Names of torrents; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TorrentNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override string[]? NamePatterns => Name;
    }
}
