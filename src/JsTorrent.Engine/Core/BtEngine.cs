using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// The BitTorrent engine (the design's <c>BtEngine</c>): a set of torrents sharing one loop
    /// thread, one listening port, connection limits and rate limits. Public members may be called
    /// from any thread; they run on the engine's loop. Events are raised on the loop thread, so a
    /// handler must return quickly (queue the event and handle it elsewhere, as the cmdlets do).
    /// Housekeeping and incoming connections are in the <c>Network</c> part.
    /// </summary>
    public sealed partial class BtEngine : IAsyncDisposable
    {
        private readonly EngineContext _context;
        private readonly EngineLoop _loop;
        private readonly Logger _log;
        private readonly CancellationTokenSource _shutdown = new CancellationTokenSource();
        private readonly Dictionary<InfoHash, Torrent> _torrents = new Dictionary<InfoHash, Torrent>();

        // Removals under way: gone from _torrents, but shutdown must wait for them (see ShutdownOnLoopAsync).
        private readonly List<Task> _removals = new List<Task>();
        private volatile Torrent[] _snapshot = Array.Empty<Torrent>();
        private bool _started;
        private int _disposed;

        /// <summary>Creates an engine; call <see cref="StartAsync"/> before use (presets do).</summary>
        /// <param name="options">Adapters and limits.</param>
        public BtEngine(EngineOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            Log = new EngineLog(options.LogCapacity);
            Log.MinimumLevel = options.LogLevel;
            foreach (var level in options.ComponentLogLevels)
            {
                Log.SetComponentLevel(level.Key, level.Value);
            }

            if (options.OnLog != null)
            {
                Log.Subscribe(options.OnLog);
            }

            _loop = new EngineLoop("JsTorrent engine", ex => _log!.Error("Unhandled error on the engine loop: " + ex.Message, ex));
            _context = new EngineContext(options, _loop, Log);
            _log = Log.CreateLogger(LogComponents.Engine);
            _roots = CreateRootManager();
        }

        /// <summary>A torrent was added.</summary>
        public event EventHandler<TorrentEventArgs>? TorrentAdded;

        /// <summary>A torrent was removed.</summary>
        public event EventHandler<TorrentEventArgs>? TorrentRemoved;

        /// <summary>A torrent's state changed.</summary>
        public event EventHandler<TorrentStateChangedEventArgs>? StateChanged;

        /// <summary>A magnet's metadata arrived.</summary>
        public event EventHandler<TorrentEventArgs>? MetadataReceived;

        /// <summary>A downloaded piece passed or failed its hash check.</summary>
        public event EventHandler<PieceVerifiedEventArgs>? PieceVerified;

        /// <summary>Every wanted piece of a torrent is verified.</summary>
        public event EventHandler<TorrentEventArgs>? TorrentCompleted;

        /// <summary>A torrent stopped on an error.</summary>
        public event EventHandler<TorrentErrorEventArgs>? TorrentError;

        /// <summary>This engine's log: levels, the ring buffer of recent entries, subscriptions.</summary>
        public EngineLog Log { get; }

        /// <summary>Our peer id.</summary>
        public PeerId PeerId => _context.LocalPeerId;

        /// <summary>The TCP port peers can reach us on; 0 when not listening.</summary>
        public int ListenPort { get; private set; }

        /// <summary>True while the engine is suspended (every torrent stopped, user intent kept).</summary>
        public bool IsSuspended => _context.Suspended;

        /// <summary>The torrents, in the order they were added (a snapshot).</summary>
        public IReadOnlyList<Torrent> Torrents => _snapshot;

        /// <summary>Payload download rate over all torrents, bytes per second.</summary>
        public long DownloadRate { get; private set; }

        /// <summary>Payload upload rate over all torrents, bytes per second.</summary>
        public long UploadRate { get; private set; }

        /// <summary>Download rate of everything received from peers (payload, messages, handshakes), bytes per second.</summary>
        public long ProtocolDownloadRate { get; private set; }

        /// <summary>Upload rate of everything sent to peers (payload, messages, handshakes), bytes per second.</summary>
        public long ProtocolUploadRate { get; private set; }

        /// <summary>Peer connections open or closing (for diagnostics and tests).</summary>
        internal int LiveConnections => _context.Connections.Count;

        /// <summary>Buffers lent by the engine's pool and not yet returned (for diagnostics and tests).</summary>
        internal long OutstandingBuffers => _context.Buffers.Outstanding;

        internal EngineContext Context => _context;

        /// <summary>Starts listening and the housekeeping tick.</summary>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>Completes when the engine is ready.</returns>
        /// <exception cref="NetworkException">The listen port is taken.</exception>
        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            return _loop.InvokeAsync(StartOnLoopAsync).WaitAsync(cancellationToken);
        }

        /// <summary>Adds a torrent from the bytes of a .torrent file; adding one already present returns that one.</summary>
        /// <param name="torrentBytes">The .torrent file's bytes.</param>
        /// <param name="options">Where to store it and whether to start it.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>The torrent.</returns>
        /// <exception cref="MetainfoFormatException">The bytes are not a valid torrent.</exception>
        public Task<Torrent> AddTorrentAsync(byte[] torrentBytes, AddTorrentOptions? options = null, CancellationToken cancellationToken = default) =>
            AddTorrentAsync(Metainfo.Parse(torrentBytes), options, cancellationToken);

        /// <summary>Adds a torrent from parsed metadata; adding one already present returns that one.</summary>
        /// <param name="metainfo">The metadata.</param>
        /// <param name="options">Where to store it and whether to start it.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>The torrent.</returns>
        public Task<Torrent> AddTorrentAsync(Metainfo metainfo, AddTorrentOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (metainfo is null)
            {
                throw new ArgumentNullException(nameof(metainfo));
            }

            ThrowIfDisposed();
            return _loop.InvokeAsync(() => Task.FromResult(AddOnLoop(metainfo.InfoHash, metainfo, null, options))).WaitAsync(cancellationToken);
        }

        /// <summary>Adds a torrent from a magnet link; it downloads its metadata from peers first.</summary>
        /// <param name="magnet">The magnet link.</param>
        /// <param name="options">Where to store it and whether to start it.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>The torrent.</returns>
        public Task<Torrent> AddTorrentAsync(MagnetLink magnet, AddTorrentOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (magnet is null)
            {
                throw new ArgumentNullException(nameof(magnet));
            }

            ThrowIfDisposed();
            return _loop.InvokeAsync(() => Task.FromResult(AddOnLoop(magnet.SwarmInfoHash, null, magnet, options))).WaitAsync(cancellationToken);
        }

        /// <summary>Finds a torrent by info-hash.</summary>
        /// <param name="infoHash">The info-hash.</param>
        /// <returns>The torrent, or null.</returns>
        public Torrent? GetTorrent(InfoHash infoHash)
        {
            foreach (var torrent in _snapshot)
            {
                if (torrent.InfoHash.Equals(infoHash))
                {
                    return torrent;
                }
            }

            return null;
        }

        /// <summary>Removes a torrent: closes its connections and files, and optionally deletes its content.</summary>
        /// <param name="torrent">The torrent.</param>
        /// <param name="deleteData">
        /// Also delete the torrent's files and the folders on their paths left empty; files another torrent of the same
        /// storage root also uses, and everything else in the root, stay.
        /// </param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>Completes when it is gone.</returns>
        /// <exception cref="Interfaces.StorageException">A file could not be deleted; the torrent is removed all the same.</exception>
        public Task RemoveTorrentAsync(Torrent torrent, bool deleteData = false, CancellationToken cancellationToken = default)
        {
            if (torrent is null)
            {
                throw new ArgumentNullException(nameof(torrent));
            }

            ThrowIfDisposed();
            return _loop.InvokeAsync(() => RemoveOnLoopAsync(torrent, deleteData)).WaitAsync(cancellationToken);
        }

        /// <summary>Stops every torrent without changing what the user asked of each.</summary>
        /// <returns>Completes when all have stopped.</returns>
        public Task SuspendAsync()
        {
            ThrowIfDisposed();
            return _loop.InvokeAsync(async () =>
            {
                _context.Suspended = true;
                var trackersStopped = StopAllTrackers();
                foreach (var torrent in _snapshot)
                {
                    await torrent.DeactivateAsync("engine suspended").ConfigureAwait(true);
                }

                await trackersStopped.ConfigureAwait(true);
            });
        }

        /// <summary>Restarts every torrent whose user state is active.</summary>
        /// <returns>Completes when they are starting.</returns>
        public Task ResumeAsync()
        {
            ThrowIfDisposed();
            return _loop.InvokeAsync(() =>
            {
                _context.Suspended = false;
                foreach (var torrent in _snapshot)
                {
                    ActivateInBackground(torrent);
                }

                return Task.CompletedTask;
            });
        }

        /// <summary>Stops everything: every connection, file, task and the loop thread; nothing is left running.</summary>
        /// <returns>Completes when the engine is gone.</returns>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _context.ShuttingDown = true;
            try
            {
                await _loop.InvokeAsync(ShutdownOnLoopAsync).ConfigureAwait(false);
            }
            finally
            {
                // Whatever the shutdown met, the workers and the loop thread end.
                await _context.DiskWorker.DisposeAsync().ConfigureAwait(false);

                // Completions the workers posted run before this marker; then the loop may end.
                await _loop.InvokeAsync(() => Task.CompletedTask).ConfigureAwait(false);
                _loop.Stop();
                await _loop.Exited.ConfigureAwait(false);
                _shutdown.Dispose();
                await CloseSessionAsync().ConfigureAwait(false);
            }
        }

        internal void RaiseStateChanged(Torrent torrent, TorrentState previous, TorrentState current) =>
            Raise(StateChanged, new TorrentStateChangedEventArgs(torrent, previous, current));

        internal void RaisePieceVerified(Torrent torrent, int piece, bool passed)
        {
            if (PieceVerified != null)
            {
                Raise(PieceVerified, new PieceVerifiedEventArgs(torrent, piece, passed));
            }
        }

        internal void RaiseCompleted(Torrent torrent) => Raise(TorrentCompleted, new TorrentEventArgs(torrent));

        internal void RaiseMetadataReceived(Torrent torrent) => Raise(MetadataReceived, new TorrentEventArgs(torrent));

        internal void RaiseError(Torrent torrent, string message, Exception? exception) =>
            Raise(TorrentError, new TorrentErrorEventArgs(torrent, message, exception));

        private Torrent AddOnLoop(InfoHash infoHash, Metainfo? metainfo, MagnetLink? magnet, AddTorrentOptions? options)
        {
            if (_torrents.TryGetValue(infoHash, out var existing))
            {
                return existing;
            }

            // Chosen first: what the caller's function throws fails the add before anything changed.
            var choose = options?.FilePriorities;
            var priorities = metainfo != null && choose != null ? FilePrioritySelection.Choose(metainfo, choose) : null;
            var fileSystem = ResolveStorage(infoHash, options, out string? token);
            var torrent = new Torrent(this, _context, infoHash, metainfo, magnet, fileSystem, token, priorities);
            if (metainfo is null)
            {
                torrent.ChoosePrioritiesOnMetadata(choose);
            }

            if (magnet != null)
            {
                foreach (var peer in magnet.Peers)
                {
                    torrent.Swarm.Connector.AddPeer(peer.Host, peer.Port);
                }
            }

            _torrents.Add(infoHash, torrent);
            _snapshot = new List<Torrent>(_snapshot) { torrent }.ToArray();
            _log.Info("Added " + torrent.Name + " (" + infoHash + ")" + (fileSystem is null ? ": it waits for a storage root" : string.Empty));
            if (options?.Stopped == true)
            {
                torrent.InitializeStopped();
            }

            torrent.SaveAdded();
            Raise(TorrentAdded, new TorrentEventArgs(torrent));
            if (options?.Stopped != true)
            {
                ActivateInBackground(torrent);
            }

            return torrent;
        }

        private async Task RemoveOnLoopAsync(Torrent torrent, bool deleteData)
        {
            if (!_torrents.TryGetValue(torrent.InfoHash, out var known) || !ReferenceEquals(known, torrent))
            {
                return;
            }

            _torrents.Remove(torrent.InfoHash);
            var list = new List<Torrent>(_snapshot);
            list.Remove(torrent);
            _snapshot = list.ToArray();
            var removal = torrent.RemoveOnLoopAsync(deleteData, deleteData ? PathsSharedWith(torrent) : null);
            _removals.Add(removal);
            try
            {
                await removal.ConfigureAwait(true);
            }
            finally
            {
                // The torrent is out of the engine even when deleting its files failed (the caller sees why):
                // its session record must go too, or the next start would bring it back.
                _removals.Remove(removal);
                torrent.DeleteSession();
                Roots.ClearRootForTorrent(torrent.InfoHash.ToString());
                if (_context.Limits.CountFor(torrent) == 0)
                {
                    // A connection attempt still unwinding keeps its slot (and this record) until it ends.
                    _context.Limits.Forget(torrent);
                }

                Raise(TorrentRemoved, new TorrentEventArgs(torrent));
            }

            _log.Info("Removed " + torrent.Name + (deleteData ? " and its data" : string.Empty));
        }

        /// <summary>
        /// The file paths that the other torrents in the same storage root use (two torrents of the same content with
        /// different piece sizes share files): deleting a torrent's data keeps them. Compared ignoring case, since on
        /// some disks two spellings are one file.
        /// </summary>
        private HashSet<string>? PathsSharedWith(Torrent torrent)
        {
            HashSet<string>? shared = null;
            foreach (var other in _snapshot)
            {
                bool sameRoot = torrent.FileSystem != null
                    && (ReferenceEquals(other.FileSystem, torrent.FileSystem)
                        || (other.StorageRootToken != null && string.Equals(other.StorageRootToken, torrent.StorageRootToken, StringComparison.Ordinal)));
                if (ReferenceEquals(other, torrent) || !sameRoot || other.Metainfo is null)
                {
                    continue;
                }

                shared ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var file in other.Metainfo.Files)
                {
                    if (!file.IsPadding)
                    {
                        shared.Add(string.Join("/", file.PathElements));
                    }
                }
            }

            return shared;
        }

        /// <summary>Every torrent's stopped announces go out together, so stopping them one by one afterwards waits one deadline, not one per torrent.</summary>
        /// <returns>Completes when all have ended or their deadline passed; never faults.</returns>
        private Task StopAllTrackers()
        {
            var stops = new List<Task>(_snapshot.Length);
            foreach (var torrent in _snapshot)
            {
                stops.Add(torrent.StopTrackers());
            }

            return Task.WhenAll(stops);
        }

        private void ActivateInBackground(Torrent torrent) => _ = ActivateLoggedAsync(torrent);

        /// <remarks>Starting runs a check and opens files; its failures end in the torrent's error state, never in a lost task.</remarks>
        private async Task ActivateLoggedAsync(Torrent torrent)
        {
            try
            {
                await torrent.ActivateAsync().ConfigureAwait(true);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                torrent.Fail("Could not start: " + ex.Message, ex);
            }
        }

        private void Raise<T>(EventHandler<T>? handler, T args)
            where T : EventArgs
        {
            if (handler is null)
            {
                return;
            }

            foreach (EventHandler<T> single in handler.GetInvocationList())
            {
                try
                {
                    single(this, args);
                }
                catch (Exception ex)
                {
                    // A subscriber's bug must not stop the engine; it is logged with its stack.
                    _log.Error("An event handler for " + typeof(T).Name + " threw: " + ex.Message, ex);
                }
            }
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(BtEngine));
            }
        }
    }
}
