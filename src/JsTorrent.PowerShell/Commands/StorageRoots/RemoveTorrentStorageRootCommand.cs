using System;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Storage;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.StorageRoots
{
    /// <summary>
    /// <para type="synopsis">Unregisters storage roots (download folders); no file is deleted.</para>
    /// <para type="description">A root that torrents use is refused (StorageRootInUse) unless -Force: then those torrents stop, keep
    /// their files where they are, and wait for a root (state NeedsStorageRoot) until Set-TorrentStorageRoot gives them one.</para>
    /// </summary>
    /// <remarks>
    /// ConfirmImpact Medium, not High: removing a root deletes no file and is undone by registering the folder again; the one
    /// case that disturbs running torrents needs -Force, which already says the admin means it.
    /// </remarks>
    [Cmdlet(VerbsCommon.Remove, "TorrentStorageRoot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(StorageRoot))]
    public sealed class RemoveTorrentStorageRootCommand : EngineCmdlet
    {
        /// <summary>Labels or tokens of the roots; bound by property name (Token) from Get-TorrentStorageRoot.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Token")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StorageRootCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Remove a root even while torrents use it; they stop and wait for another root.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Output each removed root (as it was just before removal).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var engine = Engine;
            foreach (string name in Name)
            {
                var root = StorageRootLookup.Find(engine, name, out var error);
                if (root is null)
                {
                    WriteError(error!);
                    continue;
                }

                var before = StorageRootLookup.Describe(engine, root);
                string action = Force && before.TorrentCount > 0
                    ? "Remove storage root; its " + before.TorrentCount + " torrent(s) stop and wait for another root"
                    : "Remove storage root";
                if (!ShouldProcess(root.ToString(), action))
                {
                    continue;
                }

                try
                {
                    var stranded = Await(engine.Engine.RemoveStorageRootAsync(root.Token, Force, CancellationToken));
                    if (before.IsDefault)
                    {
                        WriteWarning("'" + root.Label + "' was the default storage root; new torrents wait for a root until Set-TorrentStorageRoot -Default names one.");
                    }

                    if (stranded.Count > 0)
                    {
                        WriteWarning(stranded.Count + " torrent(s) now wait for a storage root: " + string.Join(", ", stranded.Select(t => t.Name))
                            + ". Give them one with Set-TorrentStorageRoot -Name <root>.");
                    }
                }
                catch (StorageRootInUseException e)
                {
                    var record = new ErrorRecord(e, "StorageRootInUse", ErrorCategory.ResourceBusy, before);
                    record.ErrorDetails = new ErrorDetails(e.Message)
                    {
                        RecommendedAction = "Move the torrents with Get-Torrent | Set-TorrentStorageRoot -Name <other root>, or add -Force to leave them waiting for a root.",
                    };
                    WriteError(record);
                    continue;
                }
                catch (ArgumentException e)
                {
                    // Removed (or renamed) since it was looked up, e.g. by another pipeline of this runspace.
                    WriteError(StorageRootLookup.NotFound(name, e));
                    continue;
                }

                if (PassThru)
                {
                    WriteObject(before);
                }
            }
        }
    }
}
