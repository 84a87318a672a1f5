using System;
using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// What <see cref="TorrentTargetCmdlet"/> and <see cref="TorrentQueryCmdlet"/> share: torrents from the pipeline
    /// (-InputObject, or any object with an InfoHash property) or named by -InfoHash or -Name (declared by each, since
    /// only a query may name none), found in the engine and handed one by one to <see cref="ProcessTorrent"/>.
    /// </summary>
    public abstract class TorrentSelectingCmdlet : EngineCmdlet
    {
        /// <summary>The parameter set of -InputObject.</summary>
        protected const string InputObjectSet = "InputObject";

        /// <summary>The parameter set of -Name.</summary>
        protected const string NameSet = "Name";

        /// <summary>The parameter set of -InfoHash.</summary>
        protected const string InfoHashSet = "InfoHash";

        /// <summary>Torrents, as Get-Torrent and Add-Torrent output them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Torrent[] InputObject { get; set; } = Array.Empty<Torrent>();

        /// <summary>Info-hashes of torrents (40 hex digits, any case); bound by property name, so objects with an InfoHash property can be piped in.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InfoHashSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InfoHashCompleter))]
        public string[] InfoHash { get; set; } = Array.Empty<string>();

        /// <summary>The name patterns given; null means every torrent of the engine.</summary>
        protected abstract string[]? NamePatterns { get; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            // Never starts an engine: a new one has no torrents to act on (nothing is restored until Resume-TorrentSession),
            // and -WhatIf must not take the session file and the port.
            var engine = CurrentEngine;
            var torrents = ParameterSetName == NameSet
                ? NamePatterns is null ? engine?.Engine.Torrents ?? Array.Empty<JsTorrent.Engine.Core.Torrent>() : TorrentLookup.ByName(this, engine, NamePatterns)
                : TorrentLookup.Piped(this, engine, ParameterSetName == InputObjectSet ? InputObject : null, InfoHash);
            foreach (var torrent in torrents)
            {
                ProcessTorrent(engine!.Wrap(torrent));
            }
        }

        /// <summary>Handles one torrent the parameters named.</summary>
        /// <param name="torrent">The torrent, as a pipeline object of the current engine.</param>
        protected abstract void ProcessTorrent(Torrent torrent);
    }
}
