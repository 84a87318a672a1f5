using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Core
{
    /// <content>Moving a torrent between storage roots, and waiting for one.</content>
    public sealed partial class Torrent
    {
        /// <summary>Stores the content in another file system from now on; a running torrent stops for it and starts again.</summary>
        internal async Task AssignStorageOnLoopAsync(string? token, IFileSystem fileSystem)
        {
            ThrowIfRemoved();
            if (ReferenceEquals(fileSystem, FileSystem))
            {
                StorageRootToken = token;
                SaveProgress();
                return;
            }

            bool wasRunning = Swarm.Running || IsChecking;
            if (Storage != null)
            {
                await DeactivateAsync("storage root changed").ConfigureAwait(true);
            }

            await _lifecycle.WaitAsync().ConfigureAwait(true);
            try
            {
                ThrowIfRemoved();
                await ReleaseStorageHeldAsync().ConfigureAwait(true);
                FileSystem = fileSystem;
                StorageRootToken = token;
                CreateStorage();
                if (ErrorMessage != null && _errorFromRestoreCheck)
                {
                    // The root that was missing is replaced: the restore's complaint no longer holds.
                    ErrorMessage = null;
                    _errorFromRestoreCheck = false;
                }

                SaveProgress();
                UpdateState();
            }
            finally
            {
                _lifecycle.Release();
            }

            if (wasRunning || UserState == TorrentUserState.Active)
            {
                await ActivateAsync().ConfigureAwait(true);
            }
        }

        /// <summary>The torrent's root was removed by force: it stops and waits for another root. Its files stay where they are.</summary>
        internal async Task DetachStorageOnLoopAsync()
        {
            if (_removed)
            {
                return;
            }

            await DeactivateAsync("storage root removed").ConfigureAwait(true);
            await _lifecycle.WaitAsync().ConfigureAwait(true);
            try
            {
                await ReleaseStorageHeldAsync().ConfigureAwait(true);
                FileSystem = null;
                StorageRootToken = null;
                SaveProgress();
                UpdateState();
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <summary>Closes the content storage; what was verified there no longer counts (the next root is checked afresh).</summary>
        private async Task ReleaseStorageHeldAsync()
        {
            if (Storage != null)
            {
                await Storage.DisposeAsync().ConfigureAwait(true);
                Storage = null;
                Io = null;
            }

            if (Picker != null)
            {
                Picker.ResetAll();
                MarkPaddingPiecesVerified();
                RefreshVerifiedBytes();
            }

            _checkedOnce = false;
            _resume = null;
            _durable = null;
            _stamps = null;
            _bitfieldDirty = true;
        }
    }
}
