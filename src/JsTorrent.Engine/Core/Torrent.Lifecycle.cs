using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Core
{
    /// <content>Start, stop, check and removal (on the loop), and the one place the state is derived.</content>
    public sealed partial class Torrent
    {
        // Start, stop, recheck and removal take turns through this gate (awaited on the loop), so none
        // of them sees another half done. Interrupt() is what a stop does before queuing at the gate:
        // it cancels a running check and bumps _activation, so a start in progress gives up quickly.
        private readonly SemaphoreSlim _lifecycle = new SemaphoreSlim(1, 1);
        private TorrentChecker? _checker;
        private bool _checkedOnce;
        private bool _removed;
        private int _activation;

        internal bool IsRemoved => _removed;

        /// <summary>The user, the engine and the torrent's own condition all allow transferring.</summary>
        private bool MayRun => !_context.Suspended && !_context.ShuttingDown && UserState == TorrentUserState.Active && ErrorMessage == null && !_removed;

        /// <summary>Added with the stopped option: nothing runs until started.</summary>
        internal void InitializeStopped()
        {
            UserState = TorrentUserState.Stopped;
            UpdateState();
        }

        internal async Task StartOnLoopAsync()
        {
            ThrowIfRemoved();
            UserState = TorrentUserState.Active;
            ErrorMessage = null;
            _errorFromRestoreCheck = false;
            await ActivateAsync().ConfigureAwait(true);
        }

        /// <summary>Starts transferring if the user and the engine both allow it (also used when the engine resumes).</summary>
        internal async Task ActivateAsync()
        {
            await _lifecycle.WaitAsync().ConfigureAwait(true);
            try
            {
                await ActivateHeldAsync().ConfigureAwait(true);
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        internal async Task StopOnLoopAsync(TorrentUserState userState)
        {
            ThrowIfRemoved();
            UserState = userState;
            await DeactivateAsync("stopped").ConfigureAwait(true);
        }

        /// <summary>Closes connections, waits for the disk and closes files; keeps the user's intent.</summary>
        internal async Task DeactivateAsync(string reason)
        {
            Interrupt(reason);
            await _lifecycle.WaitAsync().ConfigureAwait(true);
            try
            {
                await QuiesceHeldAsync(reason).ConfigureAwait(true);
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <param name="deleteData">Also delete the torrent's files.</param>
        /// <param name="keepPaths">Paths (relative to the root) that other torrents of the same root use: never deleted.</param>
        internal async Task RemoveOnLoopAsync(bool deleteData, ISet<string>? keepPaths)
        {
            if (_removed)
            {
                return;
            }

            Interrupt("removed");
            await _lifecycle.WaitAsync().ConfigureAwait(true);
            try
            {
                if (_removed)
                {
                    return;
                }

                _removed = true;
                await QuiesceHeldAsync("removed").ConfigureAwait(true);
                if (deleteData && Storage != null)
                {
                    await Storage.DeleteFilesAsync(keepPaths, default).ConfigureAwait(true);
                }
            }
            finally
            {
                if (Storage != null)
                {
                    await Storage.DisposeAsync().ConfigureAwait(true);
                }

                UpdateState();
                _lifecycle.Release();
            }
        }

        /// <remarks>
        /// Each await is a point where a stop, removal, suspension, failure or shutdown may have
        /// happened; they all bump <see cref="_activation"/>, and the start is abandoned when it moved.
        /// </remarks>
        private async Task ActivateHeldAsync()
        {
            if (!MayRun || Swarm.Running)
            {
                UpdateState();
                return;
            }

            if (Metainfo != null && Storage is null)
            {
                // Nowhere to put the content yet: assigning a storage root starts it.
                UpdateState();
                return;
            }

            int activation = ++_activation;
            if (Metainfo != null)
            {
                try
                {
                    if (!_checkedOnce && _resume != null)
                    {
                        // Restored from the session: only the unsure and changed pieces are hashed.
                        bool complete = await RunCheckAsync(null, _resume.Rehash).ConfigureAwait(true);
                        if (activation != _activation)
                        {
                            UpdateState();
                            return;
                        }

                        _checkedOnce = complete;
                        _resume = complete ? null : _resume;
                    }
                    else if (!_checkedOnce)
                    {
                        bool hasContent = await AnyContentOnDiskAsync().ConfigureAwait(true);
                        bool complete = activation == _activation && (!hasContent || await RunCheckAsync(null, null).ConfigureAwait(true));
                        if (activation != _activation)
                        {
                            UpdateState();
                            return;
                        }

                        _checkedOnce = complete;
                    }

                    if (activation == _activation && MayRun)
                    {
                        await Storage!.PrepareAsync(default).ConfigureAwait(true);
                    }
                }
                catch (StorageException ex)
                {
                    if (activation == _activation)
                    {
                        Fail("Cannot prepare the files: " + ex.Message, ex);
                    }

                    UpdateState();
                    return;
                }
            }

            if (activation == _activation && MayRun)
            {
                Swarm.Start();
                _trackers.Start();
            }

            UpdateState();
        }

        /// <summary>What a stop does at once, before waiting its turn: no new work, and a running start or check gives up.</summary>
        private void Interrupt(string reason)
        {
            _activation++;
            _checker?.Cancel();
            Swarm.Stop(reason);

            // The stopped announces start now; the task never faults, and a quiesce waits for it.
            _ = _trackers.Stop();
            UpdateState();
        }

        /// <remarks>The stopped announces (bounded by their deadline) go out while the disk settles.</remarks>
        private async Task QuiesceHeldAsync(string reason)
        {
            Swarm.Stop(reason);
            var trackersStopped = _trackers.Stop();
            UpdateState();
            if (Io != null)
            {
                await Io.WhenIdleAsync().ConfigureAwait(true);
                await Storage!.FlushAsync(default).ConfigureAwait(true);
            }

            // The files are flushed: everything verified is durable now.
            await SaveStoppedAsync().ConfigureAwait(true);
            if (Io != null)
            {
                await Storage!.CloseFilesAsync().ConfigureAwait(true);
            }

            await trackersStopped.ConfigureAwait(true);
        }

        /// <summary>Stops the torrent in the error state with a message for people.</summary>
        internal void Fail(string message, Exception? exception)
        {
            if (ErrorMessage != null || _removed)
            {
                return;
            }

            ErrorMessage = message;
            _activation++;
            _checker?.Cancel();
            Log.Error(message, exception ?? new InvalidOperationException(message));
            Swarm.Stop("error");
            _ = _trackers.Stop(); // bounded by its deadline, never faults
            UpdateState();
            if (!_context.ShuttingDown)
            {
                _engine.RaiseError(this, message, exception);
            }
        }

        /// <summary>Derives the state in the documented precedence and reports a change.</summary>
        internal void UpdateState()
        {
            TorrentState next;
            if (_context.Suspended || _removed)
            {
                next = TorrentState.Stopped;
            }
            else if (IsChecking)
            {
                next = TorrentState.Checking;
            }
            else if (UserState != TorrentUserState.Active && !_errorFromRestoreCheck)
            {
                // A stopped torrent stays Stopped through its own errors, but not through a missing root or
                // missing files found on restore: those need the admin whatever the torrent was doing.
                next = TorrentState.Stopped;
            }
            else if (ErrorMessage != null)
            {
                next = TorrentState.Error;
            }
            else if (Metainfo is null)
            {
                next = TorrentState.DownloadingMetadata;
            }
            else if (Storage is null)
            {
                next = TorrentState.NeedsStorageRoot;
            }
            else if (Picker!.IsCompleteForWanted)
            {
                next = TorrentState.Seeding;
            }
            else
            {
                next = TorrentState.Downloading;
            }

            var previous = _state;
            if (previous != next)
            {
                _state = next;
                Log.Info("State " + previous + " -> " + next);
                SaveProgress();
                _engine.RaiseStateChanged(this, previous, next);
            }
        }

        /// <returns>True when every piece was checked; false when a stop or failure cut the check short.</returns>
        /// <param name="progress">Receives the checked share.</param>
        /// <param name="pieces">Only these pieces, keeping what else is verified; null checks every piece from scratch.</param>
        private async Task<bool> RunCheckAsync(IProgress<double>? progress, IReadOnlyList<int>? pieces)
        {
            IsChecking = true;
            CheckProgress = 0;
            UpdateState();
            if (pieces is null)
            {
                Picker!.ResetAll();
                MarkPaddingPiecesVerified();
            }

            var checker = new TorrentChecker(this, Io!, Layout!.PieceCount, pieces, _context.Options.DiskWorkers * 2, progress);
            _checker = checker;
            bool finished;
            try
            {
                finished = await checker.RunAsync().ConfigureAwait(true);
            }
            finally
            {
                _checker = null;
                IsChecking = false;
            }

            RefreshVerifiedBytes();
            OnVerifiedChanged();
            if (finished && Picker!.IsCompleteForWanted && CompletedAt is null)
            {
                CompletedAt = DateTimeOffset.UtcNow;
            }

            Swarm.RefreshInterest();
            UpdateState();
            return finished;
        }

        private async Task<bool> AnyContentOnDiskAsync()
        {
            foreach (var file in Metainfo!.Files)
            {
                if (file.IsPadding || file.Length == 0)
                {
                    continue;
                }

                string path = string.Join("/", file.PathElements);
                if (await FileSystem!.ExistsAsync(path).ConfigureAwait(true))
                {
                    return true;
                }
            }

            return false;
        }

        private void ThrowIfRemoved()
        {
            if (_context.ShuttingDown)
            {
                throw new ObjectDisposedException(nameof(BtEngine), "The engine of " + Name + " is shutting down.");
            }

            if (_removed)
            {
                throw new InvalidOperationException("The torrent " + Name + " was removed from the engine.");
            }
        }
    }
}
