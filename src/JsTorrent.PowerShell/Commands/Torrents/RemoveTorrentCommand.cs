using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Removes torrents from this runspace's engine, and with -DeleteData their downloaded files.</para>
    /// <para type="description">
    /// -DeleteData deletes only the torrent's own files and the folders on their paths that are left empty: other files
    /// in the storage root, and files another torrent of the same root also uses, stay. Asks for confirmation unless -Force.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "Torrent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Torrent))]
    public sealed class RemoveTorrentCommand : TorrentTargetCmdlet
    {
        /// <summary>Also delete the torrent's downloaded files.</summary>
        [Parameter]
        public SwitchParameter DeleteData { get; set; }

        /// <summary>Remove without asking for confirmation (-WhatIf still only tells).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Output each removed torrent (it no longer belongs to the engine).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            string target = torrent.Name + " (" + torrent.InfoHash + ")";
            string action = DeleteData ? "Remove the torrent and delete its files" : "Remove the torrent (its files stay)";
            if (!Confirmed(target, action))
            {
                return;
            }

            var engine = torrent.Owner.Engine;
            bool removed = TorrentOperation.Try(
                this,
                torrent,
                DeleteData ? "DeleteTorrentDataFailed" : "RemoveTorrentFailed",
                DeleteData ? ErrorCategory.WriteError : ErrorCategory.InvalidOperation,
                () => Await(engine.RemoveTorrentAsync(torrent.Engine, DeleteData, CancellationToken)));

            // A failed deletion still removed the torrent (the error says which file stayed).
            if (PassThru && (removed || engine.GetTorrent(torrent.Engine.InfoHash) is null))
            {
                WriteObject(torrent);
            }
        }

        /// <summary>-Force skips the prompt that ConfirmImpact High brings, unless -Confirm asks for it; -WhatIf is honoured either way.</summary>
        private bool Confirmed(string target, string action)
        {
            var bound = MyInvocation.BoundParameters;
            bool askedToConfirm = bound.TryGetValue("Confirm", out object? confirm) && confirm is SwitchParameter c && c.IsPresent;
            bool whatIf = bound.TryGetValue("WhatIf", out object? w)
                ? w is SwitchParameter s && s.IsPresent
                : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
            if (Force && !askedToConfirm && !whatIf)
            {
                return true;
            }

            return ShouldProcess(target, action);
        }
    }
}
