using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Core
{
    /// <content>Start, stop, check and removal (on the loop), and the one place the state is derived.</content>
    public sealed partial class Torrent
    {
        private TorrentChecker? _checker;
        private bool _checkedOnce;
        private bool _removed;

        internal bool IsRemoved => _removed;

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
            await ActivateAsync().ConfigureAwait(true);
        }

        /// <summary>Starts transferring if the user and the engine both allow it (also used when the engine resumes).</summary>
        internal async Task ActivateAsync()
        {
            if (_context.Suspended || UserState != TorrentUserState.Active || Swarm.Running || IsChecking || ErrorMessage != null || _removed)
            {
                UpdateState();
                return;
            }

            if (Metainfo != null)
            {
                try
                {
                    if (!_checkedOnce)
                    {
                        _checkedOnce = true;
                        if (await AnyContentOnDiskAsync().ConfigureAwait(true))
                        {
                            await RunCheckAsync(null).ConfigureAwait(true);
                            if (UserState != TorrentUserState.Active || _removed || _context.Suspended)
                            {
                                UpdateState();
                                return;
                            }
                        }
                    }

                    await Storage!.PrepareAsync(default).ConfigureAwait(true);
                }
                catch (StorageException ex)
                {
                    Fail("Cannot prepare the files: " + ex.Message, ex);
                    return;
                }
            }

            Swarm.Start();
            UpdateState();
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
            Swarm.Stop(reason);
            UpdateState();
            if (Io != null)
            {
                await Io.WhenIdleAsync().ConfigureAwait(true);
                await Storage!.FlushAsync(default).ConfigureAwait(true);
                await Storage.CloseFilesAsync().ConfigureAwait(true);
            }
        }

        internal async Task RecheckOnLoopAsync(IProgress<double>? progress)
        {
            ThrowIfRemoved();
            if (Io is null || IsChecking)
            {
                return;
            }

            bool wasRunning = Swarm.Running;
            Swarm.Stop("recheck");
            await Io.WhenIdleAsync().ConfigureAwait(true);
            ErrorMessage = null;
            _checkedOnce = true;
            await RunCheckAsync(progress).ConfigureAwait(true);
            if (wasRunning)
            {
                await ActivateAsync().ConfigureAwait(true);
            }
            else
            {
                UpdateState();
            }
        }

        internal async Task RemoveOnLoopAsync(bool deleteData)
        {
            if (_removed)
            {
                return;
            }

            await DeactivateAsync("removed").ConfigureAwait(true);
            _removed = true;
            UpdateState();
            if (Storage != null)
            {
                if (deleteData)
                {
                    await Storage.DeleteFilesAsync(default).ConfigureAwait(true);
                }

                await Storage.DisposeAsync().ConfigureAwait(true);
            }
        }

        /// <summary>Stops the torrent in the error state with a message for people.</summary>
        internal void Fail(string message, Exception? exception)
        {
            if (ErrorMessage != null || _removed)
            {
                return;
            }

            ErrorMessage = message;
            Log.Error(message, exception ?? new InvalidOperationException(message));
            Swarm.Stop("error");
            UpdateState();
            _engine.RaiseError(this, message, exception);
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
            else if (UserState != TorrentUserState.Active)
            {
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
                _engine.RaiseStateChanged(this, previous, next);
            }
        }

        private async Task RunCheckAsync(IProgress<double>? progress)
        {
            IsChecking = true;
            CheckProgress = 0;
            UpdateState();
            Picker!.ResetAll();
            _checker = new TorrentChecker(this, Io!, Layout!.PieceCount, _context.Options.DiskWorkers * 2, progress);
            try
            {
                await _checker.RunAsync().ConfigureAwait(true);
            }
            finally
            {
                _checker = null;
                IsChecking = false;
            }

            RefreshVerifiedBytes();
            if (Picker.IsCompleteForWanted && CompletedAt is null)
            {
                CompletedAt = DateTimeOffset.UtcNow;
            }

            Swarm.RefreshInterest();
            UpdateState();
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
                if (await FileSystem.ExistsAsync(path).ConfigureAwait(true))
                {
                    return true;
                }
            }

            return false;
        }

        private void ThrowIfRemoved()
        {
            if (_removed)
            {
                throw new InvalidOperationException("The torrent " + Name + " was removed from the engine.");
            }
        }
    }
}
