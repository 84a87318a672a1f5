using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Internal;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Gets the torrents of this runspace's engine, by name, info-hash or state.</para>
    /// <para type="description">Without parameters, every torrent, in the engine's order. It never starts an engine: in a new runspace, Resume-TorrentSession restores the saved torrents. A name or info-hash without wildcards that matches no torrent is a 'TorrentNotFound' error.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Torrent", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Torrent))]
    public sealed class GetTorrentCommand : EngineCmdlet
    {
        private const string NameSet = "Name";
        private const string InfoHashSet = "InfoHash";

        /// <summary>Names of torrents; wildcards allowed. Every torrent when omitted.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TorrentNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Info-hashes (40 hex digits or 32 base32 characters, any case); bound by property name, so Get-TorrentInfo's output can be piped in.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InfoHashSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InfoHashCompleter))]
        public string[] InfoHash { get; set; } = Array.Empty<string>();

        /// <summary>Only torrents in one of these states.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public TorrentState[]? State { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            // Never starts an engine: a new one has no torrents (nothing is restored until Resume-TorrentSession).
            var engine = CurrentEngine;
            var all = engine?.Engine.Torrents ?? Array.Empty<EngineTorrent>();
            IEnumerable<EngineTorrent> found;
            if (ParameterSetName == InfoHashSet)
            {
                found = InfoHash.Select(hash => TorrentLookup.ByInfoHash(this, engine, hash)).Where(t => t != null).Select(t => t!).ToList();
            }
            else if (Name is null)
            {
                found = all;
            }
            else
            {
                // Several patterns may match in any order; the output keeps the engine's.
                var matched = new HashSet<EngineTorrent>(TorrentLookup.ByName(this, engine, Name));
                found = all.Where(matched.Contains).ToList();
            }

            foreach (var torrent in found)
            {
                if (State is null || Array.IndexOf(State, torrent.State) >= 0)
                {
                    WriteObject(engine!.Wrap(torrent));
                }
            }
        }
    }
}
