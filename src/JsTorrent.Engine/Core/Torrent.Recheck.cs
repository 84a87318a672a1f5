using System;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <content>A recheck the user asked for, and its cancellation.</content>
    public sealed partial class Torrent
    {
        /// <remarks>
        /// A cancelled recheck leaves only part of the content verified; carrying on would either check everything
        /// again (so the cancel did nothing) or fetch again what is already on disk. So the torrent stops instead,
        /// and starting it checks again.
        /// </remarks>
        internal async Task RecheckOnLoopAsync(IProgress<double>? progress, CancellationToken cancellationToken)
        {
            ThrowIfRemoved();
            cancellationToken.ThrowIfCancellationRequested();
            if (Io is null)
            {
                return;
            }

            Interrupt("recheck");
            await _lifecycle.WaitAsync().ConfigureAwait(true);
            bool cancelled = false;
            try
            {
                if (_removed || _context.ShuttingDown)
                {
                    return;
                }

                int activation = ++_activation;
                bool ended = false;

                // The token fires on any thread; the loop interrupts the check as a stop would. The flags are only
                // touched on the loop, and a callback that arrives after the check ended does nothing.
                using (cancellationToken.Register(() => _context.Loop.Post(
                    _ =>
                    {
                        if (!ended && activation == _activation)
                        {
                            cancelled = true;
                            Interrupt("recheck cancelled");
                        }
                    },
                    null)))
                {
                    try
                    {
                        await CheckHeldAsync(progress, activation).ConfigureAwait(true);
                    }
                    finally
                    {
                        ended = true;
                    }
                }

                if (cancelled)
                {
                    UserState = TorrentUserState.Stopped;
                    await QuiesceHeldAsync("recheck cancelled").ConfigureAwait(true);
                    UpdateState();
                    Log.Info("Recheck cancelled; the torrent is stopped with " + VerifiedPieceCount + " of " + PieceCount + " pieces verified");
                }
            }
            finally
            {
                _lifecycle.Release();
            }

            if (cancelled)
            {
                throw new OperationCanceledException("The recheck of " + Name + " was cancelled; the torrent is stopped.", cancellationToken);
            }
        }

        /// <summary>The check itself, with the gate held; then carries on as before unless something interrupted it.</summary>
        private async Task CheckHeldAsync(IProgress<double>? progress, int activation)
        {
            await Io!.WhenIdleAsync().ConfigureAwait(true);
            if (activation != _activation)
            {
                return;
            }

            ErrorMessage = null;
            _errorFromRestoreCheck = false;
            _resume = null;

            // The check forgets every verified piece first: cut short by a stop or a cancel, the next start checks again.
            _checkedOnce = false;
            bool complete = await RunCheckAsync(progress, null).ConfigureAwait(true);
            if (activation != _activation)
            {
                UpdateState();
                return;
            }

            _checkedOnce = complete;
            if (MayRun)
            {
                await ActivateHeldAsync().ConfigureAwait(true);
            }
            else
            {
                await Storage!.CloseFilesAsync().ConfigureAwait(true);
                UpdateState();
            }
        }
    }
}
