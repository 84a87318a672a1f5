using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Core
{
    /// <content>
    /// Saving this torrent's session records, and the save half of the crash-safety policy
    /// (docs/session.md): verified pieces are saved at most once per
    /// <see cref="EngineOptions.SessionSaveInterval"/>; a piece counts as durable only once a content
    /// flush (fsync) that started after it was verified has finished, and the file stamps saved with
    /// the bitfield are taken right after that flush. Pieces verified since are saved as unsure, and a
    /// restore hashes them again (see <see cref="ResumeCheck"/>).
    /// </content>
    public sealed partial class Torrent
    {
        // Progress counters change all the time; between state changes they are saved this often.
        private const long ProgressSaveIntervalMs = 60_000;
        private const long PeersSaveIntervalMs = 5 * 60_000;

        private Bitfield? _durable;
        private FileStamp[]? _stamps;
        private bool _bitfieldDirty;
        private bool _syncing;
        private long _bitfieldSavedMs;
        private long _syncedMs;
        private long _progressSavedMs;
        private long _peersSavedMs;
        private IReadOnlyList<SavedPeer> _savedPeers = Array.Empty<SavedPeer>();

        // Nothing is saved until the torrent is fully added or restored, so a restore does not write back
        // half-applied records.
        private bool _sessionReady;

        private SessionWriter? Writer => _sessionReady ? _context.Session : null;

        /// <summary>Saves every record of a torrent just added.</summary>
        internal void SaveAdded()
        {
            _sessionReady = true;
            SaveMetadata();
            SaveProgress();
        }

        /// <summary>A restored torrent is in place: from now on its changes are saved.</summary>
        internal void EndRestore() => _sessionReady = true;

        internal void SaveMetadata() => Writer?.Set(SessionKeys.For(InfoHash, SessionKeys.Metadata), TorrentMetadataRecord.From(Metainfo, Magnet).Encode());

        internal void SaveProgress()
        {
            if (Writer is null || _removed)
            {
                return;
            }

            var record = new TorrentProgressRecord
            {
                UserState = UserState,
                StorageRootToken = StorageRootToken,
                FilePriorities = (FilePriority[])_filePriorities.Clone(),
                BytesDownloaded = BytesDownloaded,
                BytesUploaded = BytesUploaded,
                AddedAt = AddedAt,
                CompletedAt = CompletedAt,
                ErrorMessage = _errorFromRestoreCheck ? null : ErrorMessage,
                DownloadRateLimit = DownloadRateLimit,
                UploadRateLimit = UploadRateLimit,
            };
            _progressSavedMs = _context.Clock.NowMs;
            Writer.Set(SessionKeys.For(InfoHash, SessionKeys.Progress), record.Encode());
        }

        /// <summary>Forgets the torrent in the session (on removal).</summary>
        internal void DeleteSession()
        {
            var writer = Writer;
            if (writer is null)
            {
                return;
            }

            foreach (string part in new[] { SessionKeys.Metadata, SessionKeys.Progress, SessionKeys.Bitfield, SessionKeys.Peers })
            {
                writer.Delete(SessionKeys.For(InfoHash, part));
            }
        }

        /// <summary>The pieces are marked verified: the bitfield is saved at the next tick the interval allows.</summary>
        private void OnVerifiedChanged() => _bitfieldDirty = true;

        private void SessionTick(long nowMs)
        {
            if (Writer is null || _removed || Picker is null)
            {
                return;
            }

            if (_bitfieldDirty && !IsChecking && nowMs - _bitfieldSavedMs >= (long)_context.Options.SessionSaveInterval.TotalMilliseconds)
            {
                SaveBitfield(nowMs);
            }

            // The time test first: comparing bitfields every tick for every torrent is not free.
            if (nowMs - _syncedMs >= (long)_context.Options.ContentSyncInterval.TotalMilliseconds && !_syncing && Storage != null && Swarm.Running && HasUnsyncedPieces())
            {
                _ = SyncContentAsync(nowMs);
            }

            if (nowMs - _progressSavedMs >= ProgressSaveIntervalMs && Swarm.Running)
            {
                SaveProgress();
            }

            if (nowMs - _peersSavedMs >= PeersSaveIntervalMs && Swarm.Running)
            {
                SavePeers(nowMs);
            }
        }

        private void SaveBitfield(long nowMs)
        {
            var picker = Picker!;
            var verified = picker.Verified;
            var durable = new Bitfield(verified.Length);
            var unsure = new Bitfield(verified.Length);
            for (int piece = verified.NextSet(0); piece >= 0; piece = verified.NextSet(piece + 1))
            {
                if (Layout!.IsPaddingPiece(piece))
                {
                    continue;
                }

                (_durable != null && _durable[piece] ? durable : unsure).TrySet(piece);
            }

            var stamps = _stamps ?? MissingStamps();
            _bitfieldDirty = false;
            _bitfieldSavedMs = nowMs;
            Writer!.Set(SessionKeys.For(InfoHash, SessionKeys.Bitfield), new TorrentBitfieldRecord(durable, unsure, stamps).Encode());
        }

        private FileStamp[] MissingStamps()
        {
            var stamps = new FileStamp[Metainfo!.Files.Count];
            for (int i = 0; i < stamps.Length; i++)
            {
                stamps[i] = FileStamp.Missing;
            }

            return stamps;
        }

        private bool HasUnsyncedPieces() => _durable is null ? Picker!.Verified.CountSet > 0 : Picker!.Verified.HasAnyNotIn(_durable);

        /// <summary>Flushes the files while the torrent runs, then records the pieces verified before the flush as durable.</summary>
        private async Task SyncContentAsync(long nowMs)
        {
            _syncing = true;
            _syncedMs = nowMs;
            var storage = Storage!;
            var snapshot = Picker!.Verified.Clone();
            try
            {
                await storage.FlushAsync(default).ConfigureAwait(true);
                var stamps = await FileStamps.TakeAsync(storage, FileSystem!, default).ConfigureAwait(true);
                if (!_removed && ReferenceEquals(storage, Storage))
                {
                    _durable = snapshot;
                    _stamps = stamps;
                    _bitfieldDirty = true;
                }
            }
            catch (Exception ex) when (ex is StorageException || ex is ObjectDisposedException)
            {
                // The pieces stay unsure in the session; a failing disk shows up in the torrent's own writes.
                Log.Warning("Could not flush the files for the session: " + ex.Message, ex);
            }
            finally
            {
                _syncing = false;
            }
        }

        /// <summary>
        /// After a stop has flushed and quiesced the files: everything verified is durable, saved with fresh
        /// stamps, with the progress and the peers.
        /// </summary>
        private async Task SaveStoppedAsync()
        {
            if (Writer is null || _removed)
            {
                return;
            }

            long now = _context.Clock.NowMs;
            if (Storage != null && Picker != null && !IsChecking && _resume is null)
            {
                try
                {
                    _stamps = await FileStamps.TakeAsync(Storage, FileSystem!, default).ConfigureAwait(true);
                    _durable = Picker.Verified.Clone();
                }
                catch (StorageException ex)
                {
                    Log.Warning("Could not read the files' stamps for the session: " + ex.Message, ex);
                }

                SaveBitfield(now);
            }

            SaveProgress();
            SavePeers(now);
        }

        private void SavePeers(long nowMs)
        {
            _peersSavedMs = nowMs;
            long seen = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var peers = new List<SavedPeer>(TorrentPeersRecord.MaxPeers);
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var peer in Swarm.Peers)
            {
                if (peer.ListenPort is int port && peers.Count < TorrentPeersRecord.MaxPeers && keys.Add(peer.Address + "|" + port))
                {
                    peers.Add(new SavedPeer(peer.Address, port, seen));
                }
            }

            foreach (var old in _savedPeers)
            {
                if (peers.Count < TorrentPeersRecord.MaxPeers && keys.Add(old.Host + "|" + old.Port))
                {
                    peers.Add(old);
                }
            }

            if (peers.Count == 0 && _savedPeers.Count == 0)
            {
                return;
            }

            _savedPeers = peers;
            Writer!.Set(SessionKeys.For(InfoHash, SessionKeys.Peers), new TorrentPeersRecord(peers).Encode());
        }
    }
}
