using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Checks torrents' data on disk against their piece hashes and tells what is valid, incomplete or missing.</para>
    /// <para type="description">
    /// The torrent then carries on with what the check found (a running torrent fetches again what is bad). Ctrl+C stops
    /// the check and leaves the torrent suspended, since its content is only partly verified; Resume-Torrent checks it again.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "Torrent", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TorrentCheckResult))]
    public sealed class TestTorrentCommand : TorrentTargetCmdlet
    {
        /// <summary>The ActivityId of the progress records (one activity, reused torrent after torrent).</summary>
        public const int ProgressActivityId = 0x4A55;

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            if (!torrent.HasMetadata)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException(torrent.Name + " has no metadata yet: there is nothing to check."),
                    "TorrentHasNoMetadata",
                    ErrorCategory.InvalidOperation,
                    torrent));
                return;
            }

            if (torrent.Engine.FileSystem is null)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException(torrent.Name + " has no storage root: its data is nowhere to check."),
                    "TorrentHasNoStorage",
                    ErrorCategory.ResourceUnavailable,
                    torrent));
                return;
            }

            if (!ShouldProcess(torrent.Name + " (" + torrent.InfoHash + ")", "Check the data on disk against the piece hashes"))
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            bool done = Check(torrent);
            clock.Stop();
            IReadOnlyList<TorrentFileStatus> files = Array.Empty<TorrentFileStatus>();
            var missing = new List<string>();
            if (done && TorrentOperation.Try(this, torrent, "TorrentFilesUnavailable", ErrorCategory.ReadError, () => files = FindMissing(torrent, missing)))
            {
                WriteObject(Summarize(torrent, files, missing, clock.Elapsed));
            }
        }

        private bool Check(Torrent torrent)
        {
            var progress = new FractionProgress();
            WriteProgress(Progress(torrent, 0, ProgressRecordType.Processing));
            bool done = TorrentOperation.Try(this, torrent, "TorrentCheckFailed", ErrorCategory.ReadError, () => WaitFor(
                EngineCmdlet.AsBool(torrent.Engine.RecheckAsync(progress, CancellationToken)),
                () => WriteProgress(Progress(torrent, progress.Percent, ProgressRecordType.Processing)),
                TimeSpan.FromMilliseconds(200)));
            WriteProgress(Progress(torrent, 100, ProgressRecordType.Completed));
            return done;
        }

        /// <remarks>A new record each time: a host may keep the ones written (a PowerShell instance's Streams.Progress does).</remarks>
        private static ProgressRecord Progress(Torrent torrent, int percent, ProgressRecordType type) =>
            new ProgressRecord(ProgressActivityId, "Checking torrent", "Checking '" + torrent.Name + "'") { PercentComplete = percent, RecordType = type };

        /// <summary>The files after the check; the incomplete ones are looked for on disk (a cheap stat each).</summary>
        private IReadOnlyList<TorrentFileStatus> FindMissing(Torrent torrent, List<string> missing)
        {
            var files = Await(torrent.Engine.GetFilesAsync());
            var fileSystem = torrent.Engine.FileSystem;
            foreach (var file in files)
            {
                if (file.BytesCompleted < file.Length && fileSystem != null && !Await(fileSystem.ExistsAsync(file.Path, CancellationToken).AsTask()))
                {
                    missing.Add(file.Path);
                }
            }

            return files;
        }

        private static TorrentCheckResult Summarize(Torrent torrent, IReadOnlyList<TorrentFileStatus> files, List<string> missing, TimeSpan duration)
        {
            long valid = 0;
            long size = 0;
            var incomplete = new List<string>();
            foreach (var file in files)
            {
                valid += file.BytesCompleted;
                size += file.Length;
                if (file.BytesCompleted < file.Length)
                {
                    incomplete.Add(file.Path);
                }
            }

            return new TorrentCheckResult(torrent, torrent.VerifiedPieces, valid, size, duration, incomplete, missing);
        }
    }
}
