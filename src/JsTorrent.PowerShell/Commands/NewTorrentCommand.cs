using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
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

        /// <summary>
        /// Where to write the .torrent; defaults to <c>&lt;name&gt;.torrent</c> in the current folder.
        /// It must not be inside the folder being shared (it would become part of the next torrent made from it).
        /// </summary>
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
            string? sourcePath = PathResolver.ResolveFileSystemPath(this, Path, "SourceNotFound", "InvalidTorrentSource");
            if (sourcePath is null)
            {
                return;
            }

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
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                // A file-system root, or (on .NET Framework) a path with characters it cannot take.
                WriteError(new ErrorRecord(e, "InvalidTorrentSource", ErrorCategory.InvalidArgument, Path));
                return;
            }

            string? destination = PathResolver.ResolveFileSystemPath(this, Destination ?? (source.Name + ".torrent"), "DestinationFolderNotFound", "InvalidDestination");
            if (destination is null)
            {
                return;
            }

            var refusal = TorrentDestination.Check(destination, sourcePath, source.IsSingleFile, Force);
            if (refusal is not null)
            {
                WriteError(refusal);
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
                AtomicFile.Write(destination, metainfo.TorrentBytes!, WriteWarning);
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
            var progress = new HighWaterProgress();
            // A new record per write: hosts that keep the records they get (PowerShell.Streams.Progress) must not
            // see an earlier one change afterwards.
            ProgressRecord NewRecord() => new ProgressRecord(ProgressActivityId, "Creating torrent", "Hashing '" + sourcePath + "'");
            try
            {
                var task = TorrentCreator.CreateAsync(source, options, progress, CancellationToken);
                return WaitFor(task, () => WriteProgress(HashingProgress.Describe(NewRecord(), progress.Value, total)), TimeSpan.FromMilliseconds(250));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the pipeline is stopping, which is the outcome the user asked for.
                return null;
            }
            catch (ArgumentException e) when (e.ParamName == "pieceLength")
            {
                // Not a power of two in range, or too many pieces for the content's size.
                WriteError(new ErrorRecord(e, "InvalidPieceSize", ErrorCategory.InvalidArgument, PieceSize));
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
                // A stopping pipeline refuses every write (PipelineStoppedException would replace the
                // exception on its way out), and the host clears its progress display itself.
                if (!Stopping)
                {
                    var record = HashingProgress.Describe(NewRecord(), progress.Value, total);
                    record.RecordType = ProgressRecordType.Completed;
                    WriteProgress(record);
                }
            }
        }
    }
}
