using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Gets the files of torrents, with their size, progress and priority.</para>
    /// <para type="description">
    /// Every torrent's files when no torrent is named. -Path filters by the file's path ('torrent/sub/file.ext', or
    /// 'sub/file.ext' inside the torrent's folder; wildcards allowed); a path without wildcards that matches no file of
    /// any of the torrents is a 'TorrentFileNotFound' error. A torrent without metadata has no files yet.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TorrentFile", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TorrentFile))]
    public sealed class GetTorrentFileCommand : TorrentQueryCmdlet
    {
        private TorrentFilePaths? _paths;
        private bool _anyTorrent;

        /// <summary>Only files whose path matches one of these; wildcards allowed.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Path { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _paths = new TorrentFilePaths(Path);
        }

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            _anyTorrent = true;
            if (!TorrentOperation.Try(this, torrent, "TorrentFilesUnavailable", ErrorCategory.ReadError, () => Await(torrent.Engine.GetFilesAsync()), out var files))
            {
                return;
            }

            foreach (var file in files)
            {
                if (_paths!.IsMatch(file, torrent.Name))
                {
                    WriteObject(TorrentFilePaths.Wrap(torrent, file));
                }
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            // With no torrent found, the lookup already said why.
            foreach (string path in _anyTorrent ? _paths!.Unmatched : System.Linq.Enumerable.Empty<string>())
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException("No file of the torrents has the path '" + path + "'."),
                    "TorrentFileNotFound",
                    ErrorCategory.ObjectNotFound,
                    path));
            }
        }
    }
}
