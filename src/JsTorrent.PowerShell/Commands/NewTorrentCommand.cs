using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
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

        // Windows file systems ignore case; elsewhere two spellings are two paths.
        private static readonly StringComparison PathComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

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
            string? sourcePath = ResolveFileSystemPath(Path, "SourceNotFound", "InvalidTorrentSource");
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

            string? destination = ResolveFileSystemPath(Destination ?? (source.Name + ".torrent"), "DestinationFolderNotFound", "InvalidDestination");
            if (destination is null || !CheckDestination(destination, sourcePath, source.IsSingleFile))
            {
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

        /// <summary>
        /// The full file-system path of a -Path or -Destination argument; null (with the error written)
        /// when its drive does not exist or it is not a file-system path at all (Env:, HKLM:, ...).
        /// </summary>
        private string? ResolveFileSystemPath(string path, string notFoundErrorId, string invalidErrorId)
        {
            Exception error;
            try
            {
                string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                if (provider.Name == "FileSystem")
                {
                    return System.IO.Path.GetFullPath(resolved);
                }

                error = new PSArgumentException("'" + path + "' is not a file-system path (its provider is " + provider.Name + ").");
            }
            catch (System.Management.Automation.DriveNotFoundException e)
            {
                WriteError(new ErrorRecord(e, notFoundErrorId, ErrorCategory.ObjectNotFound, path));
                return null;
            }
            catch (Exception e) when (e is ProviderNotFoundException || e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                // An unknown provider, or characters or a length the file system cannot take.
                error = e;
            }

            WriteError(new ErrorRecord(error, invalidErrorId, ErrorCategory.InvalidArgument, path));
            return null;
        }

        /// <summary>Reports (and returns false for) a destination that cannot be written, before any hashing.</summary>
        private bool CheckDestination(string destination, string sourceFullPath, bool sourceIsFile)
        {
            string? folder = System.IO.Path.GetDirectoryName(destination);
            if (folder is not null && !Directory.Exists(folder))
            {
                WriteError(new ErrorRecord(
                    new DirectoryNotFoundException("The folder '" + folder + "' of the destination does not exist."),
                    "DestinationFolderNotFound",
                    ErrorCategory.ObjectNotFound,
                    destination));
                return false;
            }

            if (Directory.Exists(destination))
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException("'" + destination + "' is a folder; -Destination names the .torrent file to write."),
                    "DestinationIsFolder",
                    ErrorCategory.InvalidArgument,
                    destination));
                return false;
            }

            // A .torrent written into the shared folder would be hashed into the next torrent made from
            // it (and -Force would then replace a file that is part of the content); over a shared
            // file it would destroy the content itself.
            string source = sourceFullPath.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
            bool inside = sourceIsFile
                ? string.Equals(destination, source, PathComparison)
                : destination.StartsWith(source + System.IO.Path.DirectorySeparatorChar, PathComparison);
            if (inside)
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException(
                        "The destination '" + destination + "' is inside the content being shared ('" + source
                        + "'), so it would become part of the torrent; use -Destination to write the .torrent somewhere else."),
                    "DestinationInsideSource",
                    ErrorCategory.InvalidArgument,
                    destination));
                return false;
            }

            if (File.Exists(destination) && !Force)
            {
                WriteError(new ErrorRecord(
                    new IOException("'" + destination + "' already exists; use -Force to overwrite it."),
                    "DestinationExists",
                    ErrorCategory.ResourceExists,
                    destination));
                return false;
            }

            return true;
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
            var progress = new HashProgress();
            var record = new ProgressRecord(ProgressActivityId, "Creating torrent", "Hashing '" + sourcePath + "'");
            try
            {
                var task = TorrentCreator.CreateAsync(source, options, progress, CancellationToken);
                return WaitFor(task, () => WriteProgress(Describe(record, progress.Value, total)), TimeSpan.FromMilliseconds(250));
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
                    Describe(record, progress.Value, total);
                    record.RecordType = ProgressRecordType.Completed;
                    WriteProgress(record);
                }
            }
        }

        private static ProgressRecord Describe(ProgressRecord record, long hashed, long total)
        {
            // The engine counts content bytes only, so hashed never passes total; clamp anyway so a
            // miscount can never make PowerShell reject the record (PercentComplete must be -1..100).
            long done = Math.Max(0, Math.Min(hashed, total));
            record.PercentComplete = total > 0 ? (int)(done * 100 / total) : 0;
            record.StatusDescription = FormatProgress(done, total) + " hashed";
            return record;
        }

        /// <summary>"12.5 of 80.4 KiB": both numbers in the unit that suits the total, so small sources don't read "0 of 0 MiB".</summary>
        internal static string FormatProgress(long done, long total)
        {
            if (total < 1024)
            {
                return done.ToString(CultureInfo.CurrentCulture) + " of " + total.ToString(CultureInfo.CurrentCulture) + " bytes";
            }

            string[] units = { "KiB", "MiB", "GiB", "TiB", "PiB" };
            int unit = 0;
            double scale = 1024;
            while (unit < units.Length - 1 && total >= scale * 1024)
            {
                scale *= 1024;
                unit++;
            }

            return (done / scale).ToString("0.0", CultureInfo.CurrentCulture) + " of "
                + (total / scale).ToString("0.0", CultureInfo.CurrentCulture) + " " + units[unit];
        }

        private void WriteAtomically(string destination, byte[] bytes)
        {
            // Write beside the target and swap it into place, so a crash never leaves half a .torrent.
            string temporary = destination + ".partial";
            bool placed = false;
            try
            {
                File.WriteAllBytes(temporary, bytes);
                if (File.Exists(destination))
                {
                    // One rename over the old file: there is no moment without a destination file.
                    File.Replace(temporary, destination, null);
                }
                else
                {
                    File.Move(temporary, destination);
                }

                placed = true;
            }
            finally
            {
                if (!placed)
                {
                    RemovePartial(temporary);
                }
            }
        }

        private void RemovePartial(string temporary)
        {
            // Runs while the write's own exception propagates: a failure here is reported, not thrown over it.
            try
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteWarning("Could not remove the incomplete file '" + temporary + "': " + e.Message);
            }
        }

        /// <summary>Keeps the highest count reported: workers report from several threads, and out of order.</summary>
        private sealed class HashProgress : IProgress<long>
        {
            private long _hashed;

            public long Value => Interlocked.Read(ref _hashed);

            public void Report(long value)
            {
                long seen = Interlocked.Read(ref _hashed);
                while (value > seen)
                {
                    long previous = Interlocked.CompareExchange(ref _hashed, value, seen);
                    if (previous == seen)
                    {
                        return;
                    }

                    seen = previous;
                }
            }
        }
    }
}
