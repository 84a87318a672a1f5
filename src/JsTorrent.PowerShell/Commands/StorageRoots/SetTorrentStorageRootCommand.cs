using System;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Interfaces;
using JsTorrent.PowerShell.Internal;
using EngineStorageRoot = JsTorrent.Engine.Storage.StorageRoot;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Commands.StorageRoots
{
    /// <summary>
    /// <para type="synopsis">Registers or updates a storage root (download folder), makes a root the default, or moves torrents to a root.</para>
    /// <para type="description">-Path registers a folder as a root (or updates the label of the root of that folder); -Default also makes
    /// it the default. -Name with -Default makes an existing root the default. Torrents piped in with -Name are put in that root: each
    /// running torrent stops, the new root is checked for its files (they are not moved), and it starts again.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TorrentStorageRoot", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(StorageRoot), ParameterSetName = new[] { PathSet, DefaultSet })]
    [OutputType(typeof(Torrent), ParameterSetName = new[] { InputObjectSet, InfoHashSet })]
    public sealed class SetTorrentStorageRootCommand : EngineCmdlet
    {
        private const string PathSet = "Path";
        private const string DefaultSet = "Default";
        private const string InputObjectSet = "InputObject";
        private const string InfoHashSet = "InfoHash";

        private EngineStorageRoot? _target;

        /// <summary>The root's label or token: the root to make the default, or to put the piped torrents in.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DefaultSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InfoHashSet)]
        [Alias("Token")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StorageRootCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>The folder to register (native preset; relative to the current location), or the root's name (memory preset).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The root's label (default: the folder's name; an existing root keeps its label).</summary>
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Label { get; set; }

        /// <summary>Make the root the default: torrents added without a root go there, and torrents waiting for a root start there.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
        public SwitchParameter Default { get; set; }

        /// <summary>Create the folder when it does not exist (native preset).</summary>
        [Parameter(ParameterSetName = PathSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>Torrents to put in the root, as Get-Torrent outputs them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Torrent[] InputObject { get; set; } = Array.Empty<Torrent>();

        /// <summary>Info-hashes of torrents to put in the root; bound by property name from piped objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InfoHashSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InfoHashCompleter))]
        public string[] InfoHash { get; set; } = Array.Empty<string>();

        /// <summary>Output the root (-Path, -Default) or each torrent (piped torrents) after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var engine = Engine;
            switch (ParameterSetName)
            {
                case PathSet:
                    Register();
                    break;
                case DefaultSet:
                    MakeDefault();
                    break;
                default:
                    foreach (var torrent in TorrentLookup.Piped(this, engine, ParameterSetName == InputObjectSet ? InputObject : null, InfoHash))
                    {
                        Assign(torrent);
                    }

                    break;
            }
        }

        private void Register()
        {
            var engine = Engine;
            var root = StorageRootFactory.Create(this, engine, Path, Label);
            if (root is null)
            {
                return;
            }

            var existing = engine.Engine.StorageRoots.FirstOrDefault(r => r.Token == root.Token);
            if (existing != null && Label is null)
            {
                root = new EngineStorageRoot(root.Token, existing.Label, root.Path);
            }

            string action = (existing is null ? "Register storage root" : "Update storage root") + (Default ? " as the default" : string.Empty);
            if (!ShouldProcess(root.ToString(), action) || !StorageRootFactory.EnsureFolder(this, engine, root, Force))
            {
                return;
            }

            var sameLabel = engine.Engine.StorageRoots.Where(r => r.Token != root.Token && string.Equals(r.Label, root.Label, StringComparison.OrdinalIgnoreCase)).ToList();
            if (sameLabel.Count > 0)
            {
                WriteWarning("The label '" + root.Label + "' is also the label of " + string.Join(", ", sameLabel.Select(r => r.Path))
                    + "; name these roots by token (" + root.Token + ") or give this one another -Label.");
            }

            Await(engine.Engine.AddStorageRootAsync(root, Default, CancellationToken));
            WritePassThruRoot(root);
        }

        private void MakeDefault()
        {
            var root = StorageRootLookup.Find(Engine, Name, out var error);
            if (root is null)
            {
                WriteError(error!);
                return;
            }

            if (!ShouldProcess(root.ToString(), "Make the default storage root"))
            {
                return;
            }

            Await(Engine.Engine.SetDefaultStorageRootAsync(root.Token, CancellationToken));
            WritePassThruRoot(root);
        }

        private void Assign(EngineTorrent? torrent)
        {
            if (torrent is null)
            {
                return;
            }

            var root = Target();
            if (torrent.StorageRootToken == root.Token)
            {
                WriteVerbose("The torrent '" + torrent.Name + "' is already in the storage root " + root + ".");
            }
            else if (ShouldProcess(torrent.Name + " (" + torrent.InfoHash + ")", "Put in storage root " + root))
            {
                try
                {
                    Await(Engine.Engine.SetTorrentStorageRootAsync(torrent, root.Token, CancellationToken));
                }
                catch (Exception e) when (e is StorageException || e is ArgumentException || e is InvalidOperationException)
                {
                    WriteError(new ErrorRecord(
                        e,
                        e is StorageException ? "StorageRootUnavailable" : e is ArgumentException ? "StorageRootNotFound" : "StorageRootAssignFailed",
                        e is StorageException ? ErrorCategory.ResourceUnavailable : e is ArgumentException ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidOperation,
                        Engine.Wrap(torrent)));
                    return;
                }
            }
            else
            {
                return;
            }

            if (PassThru)
            {
                WriteObject(Engine.Wrap(torrent));
            }
        }

        // -Name is resolved once for all piped torrents; a root that is not there stops the cmdlet.
        private EngineStorageRoot Target()
        {
            if (_target != null)
            {
                return _target;
            }

            _target = StorageRootLookup.Find(Engine, Name, out var error);
            if (_target is null)
            {
                ThrowTerminatingError(error!);
            }

            return _target!;
        }

        private void WritePassThruRoot(EngineStorageRoot root)
        {
            if (PassThru)
            {
                var current = Engine.Engine.StorageRoots.FirstOrDefault(r => r.Token == root.Token) ?? root;
                WriteObject(StorageRootLookup.Describe(Engine, current));
            }
        }
    }
}
