using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Sets the download priority of files of torrents (Skip leaves a file out).</para>
    /// <para type="description">
    /// Selects the files of each torrent by -Index and -Path (wildcards; as Get-TorrentFile -Path), or every file when
    /// neither is given. Get-TorrentFile's output can be piped in: its InfoHash and Index bind by property name.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TorrentFile", SupportsShouldProcess = true, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TorrentFile))]
    public sealed class SetTorrentFileCommand : TorrentTargetCmdlet
    {
        /// <summary>The new priority.</summary>
        [Parameter(Mandatory = true)]
        public FilePriority Priority { get; set; }

        /// <summary>Indexes of files in the torrent, from 0 (Get-TorrentFile's Index; bound by property name with InfoHash).</summary>
        /// <remarks>By property name only in the InfoHash set: bound in every set, it would keep the binder in the default set.</remarks>
        [Parameter(ParameterSetName = InfoHashSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = NameSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, int.MaxValue)]
        public int[]? Index { get; set; }

        /// <summary>Paths of files ('torrent/sub/file.ext' or 'sub/file.ext'); wildcards allowed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <summary>Output the changed files.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            if (!torrent.HasMetadata)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException(torrent.Name + " has no metadata yet: its files are not known."),
                    "TorrentHasNoMetadata",
                    ErrorCategory.InvalidOperation,
                    torrent));
                return;
            }

            // Only the engine calls go through TorrentOperation: the prompts, errors and output around them are not the
            // torrent's failures and must reach the pipeline as they are.
            if (!TorrentOperation.Try(this, torrent, "TorrentFilesUnavailable", ErrorCategory.ReadError, () => Await(torrent.Engine.GetFilesAsync()), out var files))
            {
                return;
            }

            var changed = new HashSet<int>();
            foreach (var file in Select(torrent, files))
            {
                if (ShouldProcess(file.Path + " of " + torrent.Name, "Set priority " + Priority)
                    && TorrentOperation.Try(this, torrent, "SetFilePriorityFailed", ErrorCategory.InvalidOperation, () => Await(torrent.Engine.SetFilePriorityAsync(file.Index, Priority))))
                {
                    changed.Add(file.Index);
                }
            }

            if (PassThru && changed.Count > 0
                && TorrentOperation.Try(this, torrent, "TorrentFilesUnavailable", ErrorCategory.ReadError, () => Await(torrent.Engine.GetFilesAsync()), out var updated))
            {
                foreach (var file in updated.Where(f => changed.Contains(f.Index)))
                {
                    WriteObject(TorrentFilePaths.Wrap(torrent, file));
                }
            }
        }

        /// <summary>The files named by -Index and -Path (every file when neither), each once, in order; an error for each name that is not there.</summary>
        private List<TorrentFileStatus> Select(Torrent torrent, IReadOnlyList<TorrentFileStatus> files)
        {
            if (Index is null && Path is null)
            {
                return files.ToList();
            }

            var chosen = new SortedDictionary<int, TorrentFileStatus>();
            foreach (int index in Index ?? Array.Empty<int>())
            {
                var file = files.FirstOrDefault(f => f.Index == index);
                if (file is null)
                {
                    WriteError(new ErrorRecord(
                        new ArgumentOutOfRangeException(nameof(Index), index, torrent.Name + " has no file " + index + " (it has " + files.Count + ")."),
                        "FileIndexOutOfRange",
                        ErrorCategory.InvalidArgument,
                        index));
                    continue;
                }

                chosen[index] = file;
            }

            if (Path != null)
            {
                var paths = new TorrentFilePaths(Path);
                foreach (var file in files.Where(f => paths.IsMatch(f, torrent.Name)))
                {
                    chosen[file.Index] = file;
                }

                foreach (string path in paths.Unmatched)
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException(torrent.Name + " has no file with the path '" + path + "'."),
                        "TorrentFileNotFound",
                        ErrorCategory.ObjectNotFound,
                        path));
                }
            }

            return chosen.Values.ToList();
        }
    }
}
