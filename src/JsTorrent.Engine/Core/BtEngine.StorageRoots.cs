using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Core
{
    /// <content>
    /// Storage roots (the design's <c>StorageRootManager</c>): where content goes. The manager is only
    /// changed on the loop; every change is saved to the session.
    /// </content>
    public sealed partial class BtEngine
    {
        private readonly StorageRootManager _roots;

        /// <summary>The registered storage roots, in the order they were added (a snapshot; any thread).</summary>
        public IReadOnlyList<StorageRoot> StorageRoots => Roots.Roots;

        /// <summary>The root torrents go to when they name none; null when there is no default (any thread).</summary>
        public StorageRoot? DefaultStorageRoot => Roots.DefaultRoot;

        private StorageRootManager Roots => _roots;

        /// <summary>Registers a storage root, or updates the label and path of the root with its token.</summary>
        /// <param name="root">The root.</param>
        /// <param name="makeDefault">Also make it the default root.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>Completes when the root is registered; torrents waiting for a root start if it became the default.</returns>
        public Task AddStorageRootAsync(StorageRoot root, bool makeDefault = false, CancellationToken cancellationToken = default)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            ThrowIfDisposed();
            return _loop.InvokeAsync(async () =>
            {
                Roots.AddRoot(root);
                if (makeDefault)
                {
                    Roots.SetDefaultRoot(root.Token);
                    await AssignDefaultToWaitingAsync().ConfigureAwait(true);
                }
            }).WaitAsync(cancellationToken);
        }

        /// <summary>Makes a root the default (null: no default). Torrents waiting for a root go to it and start.</summary>
        /// <param name="tokenOrLabel">The root's token or label; null clears the default.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>Completes when the default is set.</returns>
        /// <exception cref="ArgumentException">No root has that token or label.</exception>
        public Task SetDefaultStorageRootAsync(string? tokenOrLabel, CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            return _loop.InvokeAsync(async () =>
            {
                Roots.SetDefaultRoot(tokenOrLabel is null ? null : FindRootOrThrow(tokenOrLabel).Token);
                await AssignDefaultToWaitingAsync().ConfigureAwait(true);
            }).WaitAsync(cancellationToken);
        }

        /// <summary>
        /// Unregisters a root. Refused while torrents use it, unless forced: then those torrents stop, keep their
        /// files where they are, and wait for another root.
        /// </summary>
        /// <param name="tokenOrLabel">The root's token or label.</param>
        /// <param name="force">Remove it even while torrents use it.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>The torrents that lost their root.</returns>
        /// <exception cref="StorageRootInUseException">Torrents use the root and <paramref name="force"/> is false.</exception>
        /// <exception cref="ArgumentException">No root has that token or label.</exception>
        public Task<IReadOnlyList<Torrent>> RemoveStorageRootAsync(string tokenOrLabel, bool force = false, CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            return _loop.InvokeAsync(async () =>
            {
                var root = FindRootOrThrow(tokenOrLabel);
                var affected = new List<Torrent>();
                foreach (string hex in Roots.RemoveRoot(root.Token, force))
                {
                    if (InfoHash.TryParse(hex, out var infoHash) && _torrents.TryGetValue(infoHash, out var torrent))
                    {
                        affected.Add(torrent);
                        await torrent.DetachStorageOnLoopAsync().ConfigureAwait(true);
                    }
                }

                return (IReadOnlyList<Torrent>)affected;
            }).WaitAsync(cancellationToken);
        }

        /// <summary>
        /// Puts a torrent's content in another root. The torrent is stopped for the move if it runs (files are not
        /// moved: the new root is checked for them, as for a newly added torrent) and started again if it was.
        /// </summary>
        /// <param name="torrent">The torrent.</param>
        /// <param name="tokenOrLabel">The root's token or label.</param>
        /// <param name="cancellationToken">Cancels waiting.</param>
        /// <returns>Completes when the torrent uses the root (and is starting, if it runs).</returns>
        /// <exception cref="ArgumentException">No root has that token or label.</exception>
        public Task SetTorrentStorageRootAsync(Torrent torrent, string tokenOrLabel, CancellationToken cancellationToken = default)
        {
            if (torrent is null)
            {
                throw new ArgumentNullException(nameof(torrent));
            }

            ThrowIfDisposed();
            return _loop.InvokeAsync(async () =>
            {
                var root = FindRootOrThrow(tokenOrLabel);
                var fileSystem = Roots.GetFileSystem(root.Token);
                Roots.SetRootForTorrent(torrent.InfoHash.ToString(), root.Token);
                await torrent.AssignStorageOnLoopAsync(root.Token, fileSystem).ConfigureAwait(true);
            }).WaitAsync(cancellationToken);
        }

        /// <summary>The root a torrent's content is in; null when it has none.</summary>
        /// <param name="torrent">The torrent.</param>
        /// <returns>The root, or null.</returns>
        public StorageRoot? GetTorrentStorageRoot(Torrent torrent)
        {
            string? token = torrent?.StorageRootToken;
            return token is null ? null : Roots.GetRoot(token);
        }

        /// <summary>Reads the saved roots and registers those of the options (on the loop, at start).</summary>
        private async Task LoadStorageRootsAsync()
        {
            var store = _context.Options.SessionStore;
            if (store != null)
            {
                byte[]? saved = await store.GetAsync(StorageRootsRecord.StoreKey).ConfigureAwait(true);
                if (saved != null)
                {
                    try
                    {
                        Roots.Import(StorageRootsRecord.Decode(saved));
                    }
                    catch (SessionRecordFormatException ex)
                    {
                        _log.Warning("The saved storage roots are unreadable and were ignored: " + ex.Message, ex);
                    }
                }
            }

            foreach (var root in _context.Options.StorageRoots)
            {
                Roots.AddRoot(root);
            }

            if (_context.Options.DefaultStorageRoot is string preferred)
            {
                Roots.SetDefaultRoot(FindRootOrThrow(preferred).Token);
            }
        }

        /// <summary>Where a new torrent's content goes: its named root, else its own file system, else the default root, else the engine's file system.</summary>
        private IFileSystem? ResolveStorage(InfoHash infoHash, AddTorrentOptions? options, out string? token)
        {
            token = null;
            if (options?.StorageRoot is string named)
            {
                var root = FindRootOrThrow(named);
                token = root.Token;
                var fileSystem = Roots.GetFileSystem(token);
                Roots.SetRootForTorrent(infoHash.ToString(), token);
                return fileSystem;
            }

            if (options?.FileSystem != null)
            {
                return options.FileSystem;
            }

            if (Roots.EnsureRootForTorrent(infoHash.ToString()) is StorageRoot fallback)
            {
                token = fallback.Token;
                return Roots.GetFileSystem(token);
            }

            return _context.Options.FileSystem;
        }

        private async Task AssignDefaultToWaitingAsync()
        {
            if (Roots.DefaultRoot is null)
            {
                return;
            }

            foreach (var torrent in _snapshot)
            {
                if (torrent.FileSystem is null && !torrent.IsRemoved && torrent.ErrorMessage is null
                    && Roots.EnsureRootForTorrent(torrent.InfoHash.ToString()) is StorageRoot root)
                {
                    await torrent.AssignStorageOnLoopAsync(root.Token, Roots.GetFileSystem(root.Token)).ConfigureAwait(true);
                }
            }
        }

        private StorageRoot FindRootOrThrow(string tokenOrLabel) =>
            Roots.FindRoot(tokenOrLabel ?? throw new ArgumentNullException(nameof(tokenOrLabel)))
            ?? throw new ArgumentException("No storage root has the token or label '" + tokenOrLabel + "'.", nameof(tokenOrLabel));

        private StorageRootManager CreateRootManager()
        {
            var factory = _context.Options.StorageRootFileSystemFactory;
            var manager = new StorageRootManager(root => factory is null
                ? throw new InvalidOperationException("This engine cannot open storage roots: EngineOptions.StorageRootFileSystemFactory is not set.")
                : factory(root));
            manager.Changed += () => _context.Session?.Set(StorageRootsRecord.StoreKey, manager.Export().Encode());
            return manager;
        }
    }
}
