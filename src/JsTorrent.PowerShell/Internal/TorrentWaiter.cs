using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Waits for torrents to complete, for Add-Torrent -Wait and Wait-Torrent. Nothing listens to engine events: each
    /// <see cref="Tick"/> reads the torrents' current values on the pipeline thread and writes progress, the torrents that
    /// completed (as output), and an error for each that failed, was removed or ran out of time.
    /// </summary>
    internal sealed class TorrentWaiter
    {
        /// <summary>How often the torrents are looked at (and the bars redrawn).</summary>
        public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(200);

        private readonly Cmdlet _cmdlet;
        private readonly RunningEngine _engine;
        private readonly IReadOnlyList<Torrent> _all;
        private readonly List<int> _pending = new List<int>();
        private readonly TorrentProgress _progress;
        private readonly bool _any;
        private readonly TimeSpan? _timeout;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _completed;

        /// <param name="cmdlet">Where progress, output and errors go (only ever from the pipeline thread).</param>
        /// <param name="engine">The engine the torrents belong to.</param>
        /// <param name="torrents">The torrents, without duplicates.</param>
        /// <param name="activity">The parent bar's text.</param>
        /// <param name="any">Stop at the first torrent that completes.</param>
        /// <param name="timeout">How long to wait at most; null waits until the end (or Ctrl+C).</param>
        public TorrentWaiter(Cmdlet cmdlet, RunningEngine engine, IReadOnlyList<Torrent> torrents, string activity, bool any, TimeSpan? timeout)
        {
            _cmdlet = cmdlet;
            _engine = engine;
            _all = torrents;
            _progress = new TorrentProgress(activity);
            _any = any;
            _timeout = timeout;
            for (int i = 0; i < torrents.Count; i++)
            {
                _pending.Add(i);
            }
        }

        /// <summary>Ends when the wait is over or Ctrl+C stopped it; never faults.</summary>
        public Task<bool> Completion => _done.Task;

        /// <summary>
        /// Waits: <paramref name="waitFor"/> is the cmdlet's WaitFor, which blocks the pipeline thread on the completion
        /// and calls the tick on it. The torrents keep running in the engine whatever ends the wait.
        /// </summary>
        public void Run(Action<Task<bool>, Action> waitFor, CancellationToken cancellation)
        {
            using (cancellation.Register(() => _done.TrySetResult(false)))
            {
                // A first look at once: torrents already complete (or a set that is empty) need no wait at all.
                Tick();
                if (!_done.Task.IsCompleted)
                {
                    waitFor(_done.Task, Tick);
                }
            }
        }

        /// <summary>One look at every torrent still waited for; on the pipeline thread only.</summary>
        public void Tick()
        {
            if (_done.Task.IsCompleted)
            {
                return;
            }

            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                int index = _pending[i];
                if (Settle(_all[index], index))
                {
                    _pending.RemoveAt(i);
                }
            }

            if (_pending.Count == 0 || (_any && _completed > 0))
            {
                Finish();
                return;
            }

            if (_timeout is TimeSpan limit && _clock.Elapsed >= limit)
            {
                foreach (int index in _pending)
                {
                    var torrent = _all[index];
                    _cmdlet.WriteError(new ErrorRecord(
                        new TimeoutException("'" + torrent.Name + "' did not complete within " + Units.Duration(limit) + " (" + torrent.PercentComplete + "% done, "
                            + torrent.State + "); it keeps running in the engine."),
                        "WaitTimeout",
                        ErrorCategory.OperationTimeout,
                        torrent));
                }

                Finish();
                return;
            }

            _pending.Sort();
            foreach (int index in _pending)
            {
                _cmdlet.WriteProgress(TorrentProgress.Child(_all[index], index));
            }

            _cmdlet.WriteProgress(_progress.Parent(_all, _all.Count - _pending.Count));
        }

        /// <returns>True when the torrent is no longer waited for (complete, failed or removed).</returns>
        private bool Settle(Torrent torrent, int index)
        {
            var engineTorrent = torrent.Engine;
            if (!ReferenceEquals(_engine.Engine.GetTorrent(engineTorrent.InfoHash), engineTorrent))
            {
                _cmdlet.WriteError(new ErrorRecord(
                    new InvalidOperationException("'" + torrent.Name + "' was removed from the engine while waiting for it."),
                    "TorrentRemoved",
                    ErrorCategory.ObjectNotFound,
                    torrent));
                CloseBar(torrent, index, "Removed");
                return true;
            }

            if (engineTorrent.State == TorrentState.Error)
            {
                _cmdlet.WriteError(new ErrorRecord(
                    new InvalidOperationException("'" + torrent.Name + "' failed: " + (engineTorrent.ErrorMessage ?? "no reason given")),
                    "TorrentFailed",
                    ErrorCategory.InvalidResult,
                    torrent));
                CloseBar(torrent, index, "Failed");
                return true;
            }

            if (IsComplete(engineTorrent))
            {
                _completed++;
                CloseBar(torrent, index, "Complete");
                _cmdlet.WriteObject(torrent);
                return true;
            }

            return false;
        }

        /// <summary>Every wanted piece is verified (seeding, or complete and stopped), and no check is rewriting that.</summary>
        public static bool IsComplete(JsTorrent.Engine.Core.Torrent torrent) =>
            torrent.HasMetadata && torrent.State != TorrentState.Checking && torrent.Progress >= 1;

        private void CloseBar(Torrent torrent, int index, string status) =>
            _cmdlet.WriteProgress(TorrentProgress.Completed(TorrentProgress.Child(torrent, index), status));

        private void Finish()
        {
            foreach (int index in _pending)
            {
                CloseBar(_all[index], index, "Stopped waiting");
            }

            _pending.Clear();
            _cmdlet.WriteProgress(TorrentProgress.Completed(_progress.Parent(_all, _completed), _completed + " of " + _all.Count + " complete"));
            _done.TrySetResult(true);
        }
    }
}
