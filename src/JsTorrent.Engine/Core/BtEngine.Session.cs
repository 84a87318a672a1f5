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
    /// Restoring the session: every torrent in the store comes back with its root, user state,
    /// priorities and counters; its files are compared with the saved stamps; cached peers are
    /// tried; what was active resumes. One bad entry or missing root never stops the rest.
    /// </content>
    public sealed partial class BtEngine
    {
        /// <summary>
        /// Re-adds every torrent saved in the session store. Torrents already in the engine are returned as
        /// they are (restoring twice adds nothing). Unreadable entries are skipped with a logged warning.
        /// </summary>
        /// <param name="cancellationToken">Cancels restoring; torrents restored so far stay.</param>
        /// <returns>The torrents of the session, in the order they were first added.</returns>
        public async Task<IReadOnlyList<Torrent>> RestoreSessionAsync(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            var store = _context.Options.SessionStore;
            var restored = new List<Torrent>();
            if (store is null)
            {
                return restored;
            }

            var saved = await ReadSavedTorrentsAsync(store, cancellationToken).ConfigureAwait(false);
            foreach (var entry in saved)
            {
                cancellationToken.ThrowIfCancellationRequested();
                restored.Add(await _loop.InvokeAsync(() => RestoreOnLoopAsync(entry)).ConfigureAwait(false));
            }

            _log.Info("Restored " + restored.Count + " torrent(s) from the session");
            return restored;
        }

        /// <summary>Reads and decodes every torrent's records, off the loop.</summary>
        private async Task<List<SavedTorrent>> ReadSavedTorrentsAsync(ISessionStore store, CancellationToken cancellationToken)
        {
            var keys = await store.KeysAsync(SessionKeys.TorrentPrefix, cancellationToken).ConfigureAwait(false);
            var hashes = new List<InfoHash>();
            var seen = new HashSet<InfoHash>();
            foreach (string key in keys)
            {
                if (!SessionKeys.TryParse(key, out var infoHash, out _))
                {
                    _log.Warning("Session key '" + key + "' does not name a torrent; it was ignored.");
                }
                else if (seen.Add(infoHash))
                {
                    hashes.Add(infoHash);
                }
            }

            var result = new List<SavedTorrent>(hashes.Count);
            foreach (var infoHash in hashes)
            {
                var entry = await SavedTorrent.ReadAsync(store, infoHash, _log, cancellationToken).ConfigureAwait(false);
                if (entry != null)
                {
                    result.Add(entry);
                }
            }

            // Stable: torrents keep the order they were first added in.
            result.Sort((a, b) => a.Progress.AddedAt.CompareTo(b.Progress.AddedAt));
            return result;
        }

        private async Task<Torrent> RestoreOnLoopAsync(SavedTorrent saved)
        {
            if (_torrents.TryGetValue(saved.InfoHash, out var existing))
            {
                return existing;
            }

            string? rootProblem = null;
            Exception? rootError = null;
            IFileSystem? fileSystem = null;
            string? token = saved.Progress.StorageRootToken;
            if (token != null)
            {
                var root = Roots.GetRoot(token);
                if (root is null)
                {
                    rootProblem = "Its storage root (token " + token + ") is no longer registered. Assign another storage root to it.";
                }
                else
                {
                    try
                    {
                        fileSystem = Roots.GetFileSystem(token);
                        Roots.SetRootForTorrent(saved.InfoHash.ToString(), token);
                    }
                    catch (StorageException ex)
                    {
                        rootProblem = "Its storage root '" + root.Label + "' (" + root.Path + ") is not available: " + ex.Message;
                        rootError = ex;
                    }
                }
            }
            else
            {
                fileSystem = ResolveStorage(saved.InfoHash, null, out token);
            }

            var torrent = new Torrent(this, _context, saved.InfoHash, saved.Metainfo, saved.Magnet, fileSystem, token);
            torrent.ApplyRestored(saved.Progress, saved.Peers);
            _torrents.Add(saved.InfoHash, torrent);
            _snapshot = new List<Torrent>(_snapshot) { torrent }.ToArray();
            try
            {
                if (rootProblem != null)
                {
                    torrent.FailRestore(rootProblem, rootError);
                }
                else
                {
                    await torrent.CheckRestoredFilesAsync(saved.Bitfield).ConfigureAwait(true);
                }
            }
            catch (StorageException ex)
            {
                torrent.FailRestore("Could not check its files: " + ex.Message, ex);
            }
            finally
            {
                torrent.EndRestore();
            }

            torrent.UpdateState();
            Raise(TorrentAdded, new TorrentEventArgs(torrent));
            if (torrent.UserState == TorrentUserState.Active && torrent.ErrorMessage is null)
            {
                ActivateInBackground(torrent);
            }

            return torrent;
        }

        /// <summary>After the loop has ended: the last writes reach the store, which is disposed if the engine owns it.</summary>
        private async Task CloseSessionAsync()
        {
            if (_context.Session != null)
            {
                await _context.Session.FlushAsync().ConfigureAwait(false);
            }

            if (_context.Options.DisposeSessionStore)
            {
                switch (_context.Options.SessionStore)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }
    }
}
