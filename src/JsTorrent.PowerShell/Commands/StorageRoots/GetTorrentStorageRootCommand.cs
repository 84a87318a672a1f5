using System;
using System.Collections.Generic;
using System.Management.Automation;
using JsTorrent.PowerShell.Internal;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Commands.StorageRoots
{
    /// <summary>
    /// <para type="synopsis">Lists the storage roots (download folders) of this runspace's engine, or the roots of the torrents piped in.</para>
    /// <para type="description">Without parameters, every root in the order they were registered. -Name picks roots by label or token
    /// (wildcards); -Default the default root; torrents piped in (Get-Torrent, or anything with an InfoHash property) give the roots
    /// their content is in, each root once.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TorrentStorageRoot", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(StorageRoot))]
    public sealed class GetTorrentStorageRootCommand : EngineCmdlet
    {
        private const string NameSet = "Name";
        private const string DefaultSet = "Default";
        private const string InputObjectSet = "InputObject";
        private const string InfoHashSet = "InfoHash";

        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Labels or tokens of roots; wildcards allowed. All roots when omitted.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(StorageRootCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only the default root (where new torrents go).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
        public SwitchParameter Default { get; set; }

        /// <summary>Torrents whose root is wanted, as Get-Torrent outputs them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Torrent[] InputObject { get; set; } = Array.Empty<Torrent>();

        /// <summary>Info-hashes of torrents whose root is wanted; bound by property name, so any object with an InfoHash property can be piped in.</summary>
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
                case DefaultSet:
                    if (Default && engine.Engine.DefaultStorageRoot is { } defaultRoot)
                    {
                        Write(defaultRoot);
                    }

                    break;
                case InputObjectSet:
                case InfoHashSet:
                    foreach (var torrent in TorrentLookup.Piped(this, engine, ParameterSetName == InputObjectSet ? InputObject : null, InfoHash))
                    {
                        WriteRootOf(torrent);
                    }

                    break;
                default:
                    var roots = Name is null ? engine.Engine.StorageRoots : StorageRootLookup.Match(this, engine, Name);
                    foreach (var root in roots)
                    {
                        Write(root);
                    }

                    break;
            }
        }

        private void WriteRootOf(EngineTorrent? torrent)
        {
            if (torrent is null)
            {
                return;
            }

            var root = Engine.Engine.GetTorrentStorageRoot(torrent);
            if (root is null)
            {
                WriteVerbose("The torrent '" + torrent.Name + "' has no storage root; it waits for one (Set-TorrentStorageRoot).");
                return;
            }

            Write(root);
        }

        // Several torrents usually share a root: each root is output once.
        private void Write(JsTorrent.Engine.Storage.StorageRoot root)
        {
            if (_written.Add(root.Token))
            {
                WriteObject(StorageRootLookup.Describe(Engine, root));
            }
        }
    }
}
