using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates a .torrent file from a file or a folder.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "Torrent", SupportsShouldProcess = true)]
    [OutputType(typeof(TorrentInfo))]
    public sealed class NewTorrentCommand : CancellableCmdlet
    {
        private const int ProgressActivityId = 0x4A53;

        /// <summary>The file or folder to share.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Where to write the .torrent; defaults to <c>&lt;name&gt;.torrent</c> in the current folder.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        /// <summary>Tracker announce URLs; each is its own tier, in order.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Tracker { get; set; } = Array.Empty<string>();

        /// <summary>Web seed URLs (BEP 19).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] WebSeed { get; set; } = Array.Empty<string>();

        /// <summary>Bytes per piece: a power of two from 16KB to 64MB; chosen from the size when omitted.</summary>
        [Parameter]
        [ValidateRange(0, TorrentCreator.MaxPieceLength)]
        public int PieceSize { get; set; }

        /// <summary>Mark the torrent private: peers come from its trackers only.</summary>
        [Parameter]
        public SwitchParameter Private { get; set; }

        /// <summary>A comment stored in the torrent.</summary>
        [Parameter]
        public string? Comment { get; set; }

        /// <summary>A source tag stored in the info dictionary (private trackers use it; it changes the info-hash).</summary>
        [Parameter]
        public string? Source { get; set; }

        /// <summary>Leave out the creation date, so the same content always gives a byte-identical file.</summary>
        [Parameter]
        public SwitchParameter NoCreationDate { get; set; }

        /// <summary>Align every file to a piece boundary with BEP 47 padding files.</summary>
        [Parameter]
        public SwitchParameter AlignFiles { get; set; }

        /// <summary>Overwrite an existing destination file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string sourcePath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            TorrentSource source;
            try
            {
                source = NativeTorrentSource.FromPath(sourcePath);
            }
            catch (FileNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "SourceNotFound", ErrorCategory.ObjectNotFound, Path));
                return;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "SourceUnreadable", ErrorCategory.ReadError, Path));
                return;
            }

            string destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination ?? (source.Name + ".torrent"));
            if (File.Exists(destination) && !Force)
            {
                WriteError(new ErrorRecord(
                    new IOException("'" + destination + "' already exists; use -Force to overwrite it."),
                    "DestinationExists",
                    ErrorCategory.ResourceExists,
                    destination));
                return;
            }

            if (!ShouldProcess(destination, "Create torrent of '" + sourcePath + "'"))
            {
                return;
            }

            Metainfo? metainfo = Create(source, sourcePath);
            if (metainfo is null)
            {
                return;
            }

            try
            {
                WriteAtomically(destination, metainfo.TorrentBytes!);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "DestinationUnwritable", ErrorCategory.WriteError, destination));
                return;
            }

            WriteObject(TorrentInfo.FromMetainfo(metainfo, destination));
        }

        private Metainfo? Create(TorrentSource source, string sourcePath)
        {
            var options = new TorrentCreationOptions
            {
                PieceLength = PieceSize,
                IsPrivate = Private,
                Comment = Comment,
                Source = Source,
                CreatedBy = "JsTorrent " + typeof(NewTorrentCommand).Assembly.GetName().Version?.ToString(3),
                CreationDate = NoCreationDate ? (DateTimeOffset?)null : DateTimeOffset.UtcNow,
                AlignFilesWithPadding = AlignFiles,
            };
            foreach (string tracker in Tracker)
            {
                options.Trackers.Add(new List<string> { tracker });
            }

            foreach (string seed in WebSeed)
            {
                options.WebSeeds.Add(seed);
            }

            long total = source.Files.Sum(f => f.Length);
            long hashed = 0;
            var progress = new Progress(v => Interlocked.Exchange(ref hashed, Math.Max(Interlocked.Read(ref hashed), v)));
            var record = new ProgressRecord(ProgressActivityId, "Creating torrent", "Hashing '" + sourcePath + "'");
            try
            {
                var task = TorrentCreator.CreateAsync(source, options, progress, CancellationToken);
                var metainfo = WaitFor(task, () => ShowProgress(record, Interlocked.Read(ref hashed), total), TimeSpan.FromMilliseconds(250));
                return metainfo;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the pipeline is stopping, which is the outcome the user asked for.
                return null;
            }
            catch (ArgumentException e)
            {
                WriteError(new ErrorRecord(e, "InvalidTorrentSource", ErrorCategory.InvalidArgument, sourcePath));
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "SourceUnreadable", ErrorCategory.ReadError, sourcePath));
                return null;
            }
            finally
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }

        private void ShowProgress(ProgressRecord record, long hashed, long total)
        {
            record.PercentComplete = total > 0 ? (int)Math.Min(100, hashed * 100 / total) : 0;
            record.StatusDescription = (hashed >> 20) + " of " + (total >> 20) + " MiB hashed";
            WriteProgress(record);
        }

        private static void WriteAtomically(string destination, byte[] bytes)
        {
            // Write beside the target and move into place, so a crash never leaves half a .torrent.
            string temporary = destination + ".partial";
            File.WriteAllBytes(temporary, bytes);
            if (File.Exists(destination))
            {
                File.Delete(destination);
            }

            File.Move(temporary, destination);
        }

        private sealed class Progress : IProgress<long>
        {
            private readonly Action<long> _report;

            public Progress(Action<long> report) => _report = report;

            public void Report(long value) => _report(value);
        }
    }
}
