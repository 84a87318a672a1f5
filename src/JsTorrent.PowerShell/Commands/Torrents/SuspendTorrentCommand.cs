using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Suspends torrents: closes their connections and files until Resume-Torrent. The choice is kept in the session.</para>
    /// <para type="description">Suspending a suspended torrent is not an error.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Suspend, "Torrent", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Torrent))]
    public sealed class SuspendTorrentCommand : TorrentTargetCmdlet
    {
        /// <summary>Output each torrent after suspending it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            if (!ShouldProcess(torrent.Name + " (" + torrent.InfoHash + ")", "Suspend"))
            {
                return;
            }

            // Stopping is idempotent in the engine; a queued torrent becomes suspended too.
            if (torrent.Engine.UserState != TorrentUserState.Stopped || torrent.State != TorrentState.Stopped)
            {
                if (!TorrentOperation.Try(this, torrent, "SuspendTorrentFailed", ErrorCategory.InvalidOperation, () => Await(torrent.Engine.StopAsync(CancellationToken))))
                {
                    return;
                }
            }
            else
            {
                WriteVerbose(torrent.Name + " is already suspended.");
            }

            if (PassThru)
            {
                WriteObject(torrent);
            }
        }
    }
}
