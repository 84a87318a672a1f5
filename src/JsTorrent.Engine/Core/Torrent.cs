using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// One torrent in a <see cref="BtEngine"/>. Its properties are snapshots that any thread may
    /// read (refreshed by the engine loop several times a second); its methods may be called from
    /// any thread and run on the engine loop. The lifecycle is in the <c>Lifecycle</c> part, the
    /// handling of verified pieces in the <c>Pieces</c> part.
    /// </summary>
    public sealed partial class Torrent : EngineComponent
    {
        private readonly BtEngine _engine;
        private readonly EngineContext _context;
        private readonly RateMeter _downloadMeter = new RateMeter();
        private readonly RateMeter _uploadMeter = new RateMeter();
        private FilePriority[] _filePriorities = Array.Empty<FilePriority>();
        private volatile TorrentState _state = TorrentState.Stopped;

        /// <summary>A torrent added, or restored; <paramref name="filePriorities"/> gives the files of <paramref name="metainfo"/> their first priorities (null: all normal).</summary>
        internal Torrent(BtEngine engine, EngineContext context, InfoHash infoHash, Metainfo? metainfo, MagnetLink? magnet, IFileSystem? fileSystem, string? storageRootToken, FilePriority[]? filePriorities = null)
            : base(context.Log, LogComponents.Torrent, infoHash.ToString())
        {
            _engine = engine;
            _context = context;
            InfoHash = infoHash;
            Magnet = magnet;
            FileSystem = fileSystem;
            StorageRootToken = storageRootToken;
            DownloadLimit = new RateLimitSetting(context.Loop, 0);
            UploadLimit = new RateLimitSetting(context.Loop, 0);
            Swarm = new TorrentSwarm(this, context);
            AddedAt = DateTimeOffset.UtcNow;
            if (metainfo != null)
            {
                SetMetadata(metainfo, filePriorities);
            }
            else
            {
                _metadataFetcher = new MetadataFetcher(infoHash);
            }

            _trackers = CreateTrackerManager(metainfo, magnet);
        }

        /// <summary>The info-hash: the torrent's identity.</summary>
        public InfoHash InfoHash { get; }

        /// <summary>The torrent's name (from the metadata, else the magnet's display name, else the info-hash).</summary>
        public string Name => Metainfo?.Name ?? Magnet?.DisplayName ?? InfoHash.ToString();

        /// <summary>The metadata; null while a magnet's metadata is still being fetched.</summary>
        public Metainfo? Metainfo { get; private set; }

        /// <summary>The magnet link it was added from, if any.</summary>
        public MagnetLink? Magnet { get; }

        /// <summary>True once the metadata is known.</summary>
        public bool HasMetadata => Metainfo != null;

        /// <summary>What the torrent is doing now.</summary>
        public TorrentState State => _state;

        /// <summary>What the user asked for.</summary>
        public TorrentUserState UserState { get; private set; } = TorrentUserState.Active;

        /// <summary>Why the torrent is in <see cref="TorrentState.Error"/>; null otherwise.</summary>
        public string? ErrorMessage { get; private set; }

        /// <summary>When it was added to the engine (first added, for a torrent restored from the session).</summary>
        public DateTimeOffset AddedAt { get; private set; }

        /// <summary>When every wanted piece was first verified; null before.</summary>
        public DateTimeOffset? CompletedAt { get; private set; }

        /// <summary>Bytes of content (padding excluded); 0 until the metadata is known.</summary>
        public long TotalSize => Metainfo?.ContentSize ?? 0;

        /// <summary>Bytes of the pieces that are wanted (not skipped), padding included.</summary>
        public long WantedSize { get; private set; }

        /// <summary>Bytes of wanted pieces that are verified.</summary>
        public long VerifiedBytes { get; private set; }

        /// <summary>Verified share of the wanted bytes, 0 to 1.</summary>
        public double Progress => WantedSize == 0 ? (HasMetadata ? 1 : 0) : (double)VerifiedBytes / WantedSize;

        /// <summary>Share of the pieces checked so far while <see cref="State"/> is <see cref="TorrentState.Checking"/>.</summary>
        public double CheckProgress { get; private set; }

        /// <summary>Number of pieces; 0 until the metadata is known.</summary>
        public int PieceCount => Layout?.PieceCount ?? 0;

        /// <summary>Number of verified pieces.</summary>
        public int VerifiedPieceCount { get; private set; }

        /// <summary>Payload bytes received from peers (every accepted block, before verification).</summary>
        public long BytesDownloaded { get; private set; }

        /// <summary>Payload bytes sent to peers.</summary>
        public long BytesUploaded { get; private set; }

        /// <summary>Every byte received from this torrent's peers: payload, messages and handshakes.</summary>
        public long ProtocolBytesReceived { get; private set; }

        /// <summary>Every byte sent to this torrent's peers: payload, messages and handshakes.</summary>
        public long ProtocolBytesSent { get; private set; }

        /// <summary>Bytes received that were not used (duplicates, unrequested) or failed their hash.</summary>
        public long WastedBytes { get; internal set; }

        /// <summary>Payload download rate in bytes per second (a sliding window of a few seconds).</summary>
        public long DownloadRate { get; private set; }

        /// <summary>Payload upload rate in bytes per second.</summary>
        public long UploadRate { get; private set; }

        /// <summary>Estimated time to finish the wanted pieces at the current rate; null when unknown.</summary>
        public TimeSpan? EstimatedTimeRemaining =>
            DownloadRate <= 0 || !HasMetadata ? (TimeSpan?)null : TimeSpan.FromSeconds((WantedSize - VerifiedBytes) / (double)DownloadRate);

        /// <summary>Connected peers.</summary>
        public int ConnectedPeers { get; private set; }

        /// <summary>Connected peers that have every piece.</summary>
        public int ConnectedSeeds { get; private set; }

        /// <summary>Known peer addresses (connected or not).</summary>
        public int KnownPeers { get; private set; }

        /// <summary>Payload download limit for this torrent in bytes per second; 0 is unlimited.</summary>
        public long DownloadRateLimit
        {
            get => DownloadLimit.BytesPerSecond;
            set => DownloadLimit.BytesPerSecond = value;
        }

        /// <summary>Payload upload limit for this torrent in bytes per second; 0 is unlimited.</summary>
        public long UploadRateLimit
        {
            get => UploadLimit.BytesPerSecond;
            set => UploadLimit.BytesPerSecond = value;
        }

        /// <summary>The file system the content is stored in; null while the torrent needs a storage root.</summary>
        public IFileSystem? FileSystem { get; private set; }

        /// <summary>Token of the storage root the content is stored in; null when it has none (a file system given directly, or none yet).</summary>
        public string? StorageRootToken { get; private set; }

        /// <summary>
        /// The last thing worth an admin's attention that did not stop the torrent (e.g. files changed on disk
        /// since the session was saved); null when there is none.
        /// </summary>
        public string? LastWarning { get; private set; }

        internal TorrentSwarm Swarm { get; }

        internal PieceLayout? Layout { get; private set; }

        internal PiecePicker? Picker { get; private set; }

        internal TorrentContentStorage? Storage { get; private set; }

        internal PieceIo? Io { get; private set; }

        internal RateLimitSetting DownloadLimit { get; }

        internal RateLimitSetting UploadLimit { get; }

        internal bool IsChecking { get; private set; }

        internal bool IsSeeding => _state == TorrentState.Seeding;

        /// <summary>Starts (or resumes) the torrent; idempotent.</summary>
        /// <param name="cancellationToken">Cancels waiting; the start itself still happens.</param>
        /// <returns>Completes when the torrent is running (after a check, if one was needed).</returns>
        public Task StartAsync(CancellationToken cancellationToken = default) =>
            _context.Loop.InvokeAsync(() => StartOnLoopAsync()).WaitAsync(cancellationToken);

        /// <summary>Stops the torrent: closes its connections and files; idempotent.</summary>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>Completes when it has stopped.</returns>
        public Task StopAsync(CancellationToken cancellationToken = default) =>
            _context.Loop.InvokeAsync(() => StopOnLoopAsync(TorrentUserState.Stopped)).WaitAsync(cancellationToken);

        /// <summary>Re-verifies every piece on disk, then carries on as before.</summary>
        /// <param name="progress">Receives the checked share, 0 to 1.</param>
        /// <param name="cancellationToken">
        /// Cancels the check: the pieces hashed so far keep their result and the torrent is left stopped (its content is
        /// only partly verified; starting it checks again). The task is cancelled once the torrent has stopped.
        /// </param>
        /// <returns>Completes when the check has finished.</returns>
        public Task RecheckAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            _context.Loop.InvokeAsync(() => RecheckOnLoopAsync(progress, cancellationToken));

        /// <summary>Adds a peer address to try (as a tracker or the user would).</summary>
        /// <param name="host">Host name or address.</param>
        /// <param name="port">TCP port.</param>
        /// <returns>Completes when the address is known (the connection follows).</returns>
        public Task AddPeerAsync(string host, int port) => _context.Loop.InvokeAsync(() =>
        {
            Swarm.Connector.AddPeer(host, port);
            Swarm.Connector.ConnectMore();
            return Task.CompletedTask;
        });

        /// <summary>Sets a file's priority; <see cref="FilePriority.Skip"/> stops fetching pieces only that file needs.</summary>
        /// <param name="fileIndex">Index into the metadata's file list.</param>
        /// <param name="priority">The new priority.</param>
        /// <returns>Completes when the piece picker has the new priorities.</returns>
        public Task SetFilePriorityAsync(int fileIndex, FilePriority priority) => _context.Loop.InvokeAsync(() =>
        {
            if (Metainfo is null || fileIndex < 0 || fileIndex >= _filePriorities.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(fileIndex), "No file " + fileIndex + " in " + Name + ".");
            }

            _filePriorities[fileIndex] = priority;
            ApplyFilePriorities();
            SaveProgress();
            return Task.CompletedTask;
        });

        /// <summary>A snapshot of the files with their priorities and verified bytes.</summary>
        /// <returns>One entry per file of the metadata, padding files excluded; empty before the metadata.</returns>
        public Task<IReadOnlyList<TorrentFileStatus>> GetFilesAsync() => _context.Loop.InvokeAsync(() => Task.FromResult(SnapshotFiles()));

        /// <summary>A snapshot of the connected peers.</summary>
        /// <returns>One entry per connected peer.</returns>
        public Task<IReadOnlyList<PeerStatus>> GetPeersAsync() => _context.Loop.InvokeAsync(() => Task.FromResult(SnapshotPeers()));

        /// <inheritdoc/>
        public override string ToString() => Name + " (" + InfoHash + ", " + State + ")";

        internal void OnPayloadReceived(int length, long nowMs)
        {
            BytesDownloaded += length;
            _downloadMeter.Add(length, nowMs);
            _context.DownloadRate.Add(length, nowMs);
        }

        internal void OnPayloadSent(int length, long nowMs)
        {
            BytesUploaded += length;
            _uploadMeter.Add(length, nowMs);
            _context.UploadRate.Add(length, nowMs);
        }

        /// <summary>Engine tick: housekeeping and fresh snapshots for other threads.</summary>
        internal void Tick(long nowMs)
        {
            Swarm.Tick(nowMs);
            _trackers.Tick(nowMs);
            SessionTick(nowMs);
            for (int i = Swarm.Peers.Count - 1; _metadataFetcher != null && i >= 0; i--)
            {
                if (i < Swarm.Peers.Count)
                {
                    RequestMetadata(Swarm.Peers[i]);
                }
            }

            DownloadRate = _downloadMeter.GetBytesPerSecond(nowMs);
            UploadRate = _uploadMeter.GetBytesPerSecond(nowMs);
            ConnectedPeers = Swarm.Peers.Count;
            ConnectedSeeds = Swarm.SeedCount;
            KnownPeers = Swarm.Connector.KnownCount;
            ProtocolBytesReceived = Swarm.ProtocolBytesReceived;
            ProtocolBytesSent = Swarm.ProtocolBytesSent;
        }

        /// <summary>The metadata is known; <paramref name="priorities"/> (one per file, null for all normal) apply before anything can be requested.</summary>
        private void SetMetadata(Metainfo metainfo, FilePriority[]? priorities)
        {
            Metainfo = metainfo;
            Layout = new PieceLayout(metainfo);
            Picker = new PiecePicker(Layout, new Random(_context.Random.Next()));

            MarkPaddingPiecesVerified();
            CreateStorage();
            if (priorities != null && priorities.Length == metainfo.Files.Count)
            {
                _filePriorities = priorities;
            }
            else
            {
                _filePriorities = new FilePriority[metainfo.Files.Count];
                for (int i = 0; i < _filePriorities.Length; i++)
                {
                    _filePriorities[i] = FilePriority.Normal;
                }
            }

            ApplyFilePriorities();
        }

        /// <summary>Content storage exists once both the metadata and a file system are known.</summary>
        private void CreateStorage()
        {
            if (Metainfo is null || FileSystem is null || Storage != null)
            {
                return;
            }

            Storage = new TorrentContentStorage(Metainfo, FileSystem, _context.Options.MaxOpenFilesPerTorrent);
            Io = new PieceIo(_context, this, Storage, Layout!.PieceCount);
        }

        /// <summary>A piece that is all padding holds only zeros we never store: it is ours by definition.</summary>
        private void MarkPaddingPiecesVerified()
        {
            for (int piece = 0; Layout!.HasPadding && piece < Layout.PieceCount; piece++)
            {
                if (Layout.IsPaddingPiece(piece))
                {
                    Picker!.MarkVerified(piece);
                }
            }
        }

        private void ApplyFilePriorities()
        {
            var picker = Picker!;
            picker.SetFilePriorities(Metainfo!.Files, _filePriorities);
            RefreshVerifiedBytes();
            Swarm.RefreshInterest();
            UpdateState();
        }

        private IReadOnlyList<TorrentFileStatus> SnapshotFiles()
        {
            var result = new List<TorrentFileStatus>();
            var metainfo = Metainfo;
            if (metainfo is null)
            {
                return result;
            }

            var verified = Picker!.Verified;
            for (int i = 0; i < metainfo.Files.Count; i++)
            {
                var file = metainfo.Files[i];
                if (file.IsPadding)
                {
                    continue;
                }

                long done = 0;
                for (int piece = file.FirstPiece; file.Length > 0 && piece <= file.LastPiece; piece++)
                {
                    if (verified[piece])
                    {
                        long start = Math.Max(file.Offset, (long)piece * Layout!.PieceLength);
                        long end = Math.Min(file.Offset + file.Length, (long)piece * Layout.PieceLength + Layout.GetPieceSize(piece));
                        done += end - start;
                    }
                }

                result.Add(new TorrentFileStatus(i, file.RelativePath, file.Length, _filePriorities[i], done));
            }

            return result;
        }

        private IReadOnlyList<PeerStatus> SnapshotPeers()
        {
            long now = _context.Clock.NowMs;
            var result = new List<PeerStatus>(Swarm.Peers.Count);
            foreach (var peer in Swarm.Peers)
            {
                double progress = peer.RemoteHasAll ? 1 : (peer.RemotePieces is null || peer.RemotePieces.Length == 0 ? 0 : (double)peer.RemotePieces.CountSet / peer.RemotePieces.Length);
                result.Add(new PeerStatus(
                    peer.Address,
                    peer.Port,
                    peer.RemotePeerId.ClientCode,
                    peer.IsIncoming,
                    peer.AmChoking,
                    peer.AmInterested,
                    peer.PeerChoking,
                    peer.PeerInterested,
                    peer.PayloadDownloaded,
                    peer.PayloadUploaded,
                    peer.DownloadRate.GetBytesPerSecond(now),
                    peer.UploadRate.GetBytesPerSecond(now),
                    progress));
            }

            return result;
        }
    }
}
