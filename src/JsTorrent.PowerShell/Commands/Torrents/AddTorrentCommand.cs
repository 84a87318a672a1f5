using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.PowerShell.Internal;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Adds torrents to the engine from .torrent files, magnet links or http(s) URLs of .torrent files.</para>
    /// <para type="description">
    /// Content goes under the storage root named by -StorageRoot, under the folder -Destination (registered as a storage
    /// root), or under the engine's default root: a single-file torrent as &lt;root&gt;/&lt;name&gt;, a multi-file one as
    /// &lt;root&gt;/&lt;name&gt;/&lt;path&gt;. Files already there are checked first and only what is missing is downloaded.
    /// A torrent already in the engine is returned as it is, with a warning. With -Wait the cmdlet returns when every torrent
    /// added is complete; without it at once.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "Torrent", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(Torrent))]
    public sealed class AddTorrentCommand : EngineCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UriSet = "Uri";
        private const string InfoSet = "InputObject";

        private readonly List<Torrent> _added = new List<Torrent>();
        private PeerEndpoint[] _peers = Array.Empty<PeerEndpoint>();
        private FileSelector? _selector;
        private string? _storageToken;

        /// <summary>
        /// .torrent files to add; wildcards allowed. An argument that starts with <c>magnet:</c> is taken as a magnet link,
        /// so links can be piped or passed by position (use -LiteralPath for a file named so).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>.torrent files to add, taken literally (no wildcards); Get-ChildItem output binds here by its PSPath.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Magnet links, or http(s) URLs of .torrent files (downloaded: at most 10 MiB, 3 redirects, never from https to http).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
        [Alias("MagnetUri", "Url")]
        [ValidateNotNullOrEmpty]
        public string[] Uri { get; set; } = Array.Empty<string>();

        /// <summary>Torrents read by Get-TorrentInfo (or made by New-Torrent): added from their .torrent file, or from their magnet link.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InfoSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TorrentInfo[] InputObject { get; set; } = Array.Empty<TorrentInfo>();

        /// <summary>Token or label of the storage root the content goes under (default: the engine's default root).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StorageRootCompleter))]
        public string? StorageRoot { get; set; }

        /// <summary>
        /// The folder the content goes under (created if missing), registered as a storage root unless it is one already.
        /// With the memory preset: the name of a memory storage root.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        /// <summary>Add without starting (Resume-Torrent starts it).</summary>
        [Parameter]
        public SwitchParameter Suspended { get; set; }

        /// <summary>Peers to connect to, as host:port, 1.2.3.4:port or [IPv6]:port.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Peer { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Download only the files whose path inside the torrent (e.g. 'sub/file.iso') matches one of these wildcard
        /// patterns; a pattern without '/' also matches the file name. The other files are skipped.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Include { get; set; }

        /// <summary>Skip the files whose path inside the torrent (or, for a pattern without '/', whose name) matches one of these wildcard patterns.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Exclude { get; set; }

        /// <summary>Return only when every torrent added is complete, showing progress; Ctrl+C stops waiting (the torrents keep running).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: how long to wait at most, in seconds or as a TimeSpan (implies -Wait). A WaitTimeout error names each torrent not complete by then.</summary>
        [Parameter]
        [TimeoutTransformation]
        public TimeSpan? Timeout { get; set; }

        private bool Waiting => Wait.IsPresent || Timeout.HasValue;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (StorageRoot != null && Destination != null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("Give -StorageRoot or -Destination, not both."), "StorageRootAndDestination", ErrorCategory.InvalidArgument, Destination));
            }

            if (Suspended && Waiting)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("-Wait waits for the download, which a -Suspended torrent does not do until it is resumed."),
                    "SuspendedWithWait",
                    ErrorCategory.InvalidArgument,
                    null));
            }

            _peers = ParsePeers();
            _selector = FileSelector.Create(Include, Exclude);
            if (StorageRoot != null)
            {
                // Checked before any input, so a mistyped root fails the call before anything is read or added.
                _storageToken = StorageTarget.ByTokenOrLabel(this, Engine, StorageRoot);
            }
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var source in ReadSources())
            {
                AddSource(source);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (!Waiting || _added.Count == 0)
            {
                return;
            }

            var distinct = _added.Distinct().ToList();
            var waiter = new TorrentWaiter(this, Engine, distinct, "Adding " + (distinct.Count == 1 ? distinct[0].Name : distinct.Count + " torrents"), any: false, Timeout);
            waiter.Run((task, tick) => WaitFor(task, tick, TorrentWaiter.TickInterval), CancellationToken);
        }

        private IEnumerable<TorrentToAdd> ReadSources()
        {
            switch (ParameterSetName)
            {
                case UriSet:
                    return Uri.Select(ReadUri).OfType<TorrentToAdd>();
                case InfoSet:
                    return InputObject.Select(i => i.IsMagnet || i.Path is null
                        ? TorrentSourceReader.FromMagnet(this, i.MagnetUri)
                        : TorrentSourceReader.FromFile(this, i.Path)).OfType<TorrentToAdd>();
                case LiteralPathSet:
                    return PathResolver.Resolve(this, LiteralPath, literal: true).Select(f => TorrentSourceReader.FromFile(this, f)).OfType<TorrentToAdd>();
                default:
                    // A magnet link is text, not a path: taken as a path it would only ever be "not found".
                    return Path.SelectMany(p => TorrentSourceReader.IsMagnet(p)
                        ? new[] { TorrentSourceReader.FromMagnet(this, p) }
                        : PathResolver.Resolve(this, new[] { p }, literal: false).Select(f => TorrentSourceReader.FromFile(this, f))).OfType<TorrentToAdd>();
            }
        }

        private TorrentToAdd? ReadUri(string text)
        {
            if (TorrentSourceReader.IsMagnet(text))
            {
                return TorrentSourceReader.FromMagnet(this, text);
            }

            if (!System.Uri.TryCreate(text, UriKind.Absolute, out var uri) || !TorrentDownloader.IsHttp(uri))
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException("'" + text + "' is neither a magnet link nor an http(s) URL."), "UnsupportedUri", ErrorCategory.InvalidArgument, text));
                return null;
            }

            WriteVerbose("Downloading " + uri);
            byte[] bytes;
            try
            {
                bytes = Await(TorrentDownloader.DownloadAsync(uri, TorrentDownloader.DefaultTimeout, CancellationToken));
            }
            catch (TorrentDownloadException e)
            {
                WriteError(new ErrorRecord(e, e.ErrorId, e.Category, text));
                return null;
            }

            return TorrentSourceReader.FromBytes(this, bytes, text);
        }

        private void AddSource(TorrentToAdd source)
        {
            var engine = Engine;
            if (engine.Engine.GetTorrent(source.InfoHash) is EngineTorrent existing)
            {
                WriteWarning("'" + existing.Name + "' (" + existing.InfoHash + ") is already in the engine; returning it as it is.");
                var duplicate = engine.Wrap(existing);
                if (_peers.Length > 0 && ShouldProcess(existing.Name + " (" + existing.InfoHash + ")", "Add peers " + string.Join(", ", _peers.Select(p => p.ToString()))))
                {
                    AddPeers(duplicate);
                }

                Emit(duplicate);
                return;
            }

            if (!ShouldProcess(source.Name + " (" + source.InfoHash + ") from " + source.Origin, "Add torrent"))
            {
                return;
            }

            WarnIfNothingSelected(source);
            var options = new AddTorrentOptions
            {
                StorageRoot = _storageToken ??= Destination is null ? null : StorageTarget.ForDestination(this, Engine, Destination),
                Stopped = Suspended,
                FilePriorities = _selector is null ? null : _selector.Choose,
            };
            EngineTorrent torrent;
            try
            {
                torrent = Await(source.Metainfo != null
                    ? engine.Engine.AddTorrentAsync(source.Metainfo, options, CancellationToken)
                    : engine.Engine.AddTorrentAsync(source.Magnet!, options, CancellationToken));
            }
            catch (Exception e) when (!(e is PipelineStoppedException || e is OperationCanceledException))
            {
                WriteError(AddFailed(e, source.Origin));
                return;
            }

            WriteVerbose("Added '" + torrent.Name + "' (" + torrent.InfoHash + ")" + (Suspended ? ", suspended." : "."));
            var added = engine.Wrap(torrent);
            AddPeers(added);
            Emit(added);
        }

        /// <summary>Gives the torrent the -Peer addresses; a failure is this torrent's error, and the torrent is still output.</summary>
        private void AddPeers(Torrent torrent)
        {
            foreach (var peer in _peers)
            {
                if (TorrentOperation.Try(this, torrent, "AddPeerFailed", ErrorCategory.InvalidOperation, () => Await(torrent.Engine.AddPeerAsync(peer.Host, peer.Port))))
                {
                    WriteVerbose("Peer " + peer + " added to '" + torrent.Name + "'.");
                }
            }
        }

        private void Emit(Torrent torrent)
        {
            if (Waiting)
            {
                _added.Add(torrent);
            }
            else
            {
                WriteObject(torrent);
            }
        }

        private void WarnIfNothingSelected(TorrentToAdd source)
        {
            if (_selector != null && source.Metainfo is { } metainfo && !metainfo.Files.Any(f => !f.IsPadding && _selector.IsWanted(f)))
            {
                WriteWarning("No file of '" + metainfo.Name + "' matches -Include/-Exclude: nothing of it will be downloaded.");
            }
        }

        private static ErrorRecord AddFailed(Exception error, string origin)
        {
            switch (error)
            {
                case StorageException storage:
                    // The root's folder could not be opened (e.g. a drive that is gone).
                    return new ErrorRecord(storage, "StorageRootUnavailable", ErrorCategory.ResourceUnavailable, origin);
                case ObjectDisposedException stopped:
                    return new ErrorRecord(stopped, "EngineStopped", ErrorCategory.ResourceUnavailable, origin);
                case ArgumentException unknownRoot:
                    // The root was removed between the check and the add.
                    return new ErrorRecord(unknownRoot, "StorageRootNotFound", ErrorCategory.ObjectNotFound, origin);
                default:
                    return new ErrorRecord(error, "AddTorrentFailed", ErrorCategory.NotSpecified, origin);
            }
        }

        private PeerEndpoint[] ParsePeers()
        {
            var peers = new List<PeerEndpoint>();
            foreach (string text in Peer)
            {
                if (!PeerEndpoint.TryParse(text, out var peer, out string? problem))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new PSArgumentException("'" + text + "' is not a peer address: " + problem + "."), "InvalidPeerAddress", ErrorCategory.InvalidArgument, text));
                }

                peers.Add(peer!);
            }

            return peers.ToArray();
        }
    }
}
