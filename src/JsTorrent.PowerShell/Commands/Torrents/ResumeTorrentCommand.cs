using System;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Resumes suspended torrents, and retries torrents stopped by an error.</para>
    /// <para type="description">
    /// Returns once each torrent runs; when its content must be checked first, that check shows progress (Ctrl+C stops
    /// waiting; the torrent goes on). Resuming a running torrent is not an error.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "Torrent", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Torrent))]
    public sealed class ResumeTorrentCommand : TorrentTargetCmdlet
    {
        private const int ProgressActivityId = 0x4A56;

        /// <summary>Output each torrent after resuming it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            if (!ShouldProcess(torrent.Name + " (" + torrent.InfoHash + ")", torrent.State == TorrentState.Error ? "Retry" : "Resume"))
            {
                return;
            }

            string status = "Checking '" + torrent.Name + "'";
            bool shown = false;
            bool resumed = TorrentOperation.Try(this, torrent, "ResumeTorrentFailed", ErrorCategory.InvalidOperation, () =>
            {
                WaitFor(
                    EngineCmdlet.AsBool(torrent.Engine.StartAsync(CancellationToken)),
                    () =>
                    {
                        if (torrent.State == TorrentState.Checking)
                        {
                            int percent = (int)Math.Max(0, Math.Min(100, torrent.Engine.CheckProgress * 100));
                            WriteProgress(new ProgressRecord(ProgressActivityId, "Resuming torrent", status) { PercentComplete = percent });
                            shown = true;
                        }
                    },
                    TimeSpan.FromMilliseconds(200));
            });

            if (shown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, "Resuming torrent", status) { RecordType = ProgressRecordType.Completed });
            }

            if (resumed && PassThru)
            {
                WriteObject(torrent);
            }
        }
    }
}
