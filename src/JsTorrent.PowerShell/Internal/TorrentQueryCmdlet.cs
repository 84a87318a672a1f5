using System;
using System.Management.Automation;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Base of cmdlets that read details of torrents: like <see cref="TorrentTargetCmdlet"/> (pipeline, -Name,
    /// -InfoHash), except that naming no torrent means every torrent of the engine.
    /// </summary>
    public abstract class TorrentQueryCmdlet : EngineCmdlet
    {
        /// <summary>The parameter set of -InputObject.</summary>
        protected const string InputObjectSet = "InputObject";

        /// <summary>The parameter set of -Name (the default).</summary>
        protected const string NameSet = "Name";

        /// <summary>The parameter set of -InfoHash.</summary>
        protected const string InfoHashSet = "InfoHash";

        /// <summary>Torrents, as Get-Torrent and Add-Torrent output them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Torrent[] InputObject { get; set; } = Array.Empty<Torrent>();

        /// <summary>Names of torrents; wildcards allowed. Every torrent when no torrent is named.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TorrentNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Info-hashes of torrents (40 hex digits, any case); bound by property name, so objects with an InfoHash property can be piped in.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InfoHashSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InfoHashCompleter))]
        public string[] InfoHash { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var engine = Engine;
            switch (ParameterSetName)
            {
                case InputObjectSet:
                    foreach (var torrent in InputObject)
                    {
                        Handle(TorrentLookup.ByObject(this, engine, torrent));
                    }

                    break;
                case InfoHashSet:
                    foreach (string hash in InfoHash)
                    {
                        Handle(TorrentLookup.ByInfoHash(this, engine, hash));
                    }

                    break;
                default:
                    foreach (var torrent in Name is null ? engine.Engine.Torrents : TorrentLookup.ByName(this, engine, Name))
                    {
                        Handle(torrent);
                    }

                    break;
            }
        }

        /// <summary>Reads the details of one torrent the parameters named.</summary>
        /// <param name="torrent">The torrent, as a pipeline object of the current engine.</param>
        protected abstract void ProcessTorrent(Torrent torrent);

        private void Handle(EngineTorrent? torrent)
        {
            if (torrent != null)
            {
                ProcessTorrent(Engine.Wrap(torrent));
            }
        }
    }
}
