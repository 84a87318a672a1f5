using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Tracker
{
    /// <content>
    /// Stopping: announces in progress are cancelled and <c>stopped</c> goes to every tracker that
    /// had a successful <c>started</c>, in parallel and within a deadline, so a dead tracker never
    /// holds up a stop or the engine's shutdown.
    /// </content>
    internal sealed partial class TrackerManager
    {
        /// <summary>Extra time a client that ignores its cancellation gets before a stop stops waiting for it.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

        /// <summary>The stopped-announce deadline as a usable time-out: a negative value is none, a huge one a day.</summary>
        private TimeSpan StoppedDeadline =>
            _options.StoppedAnnounceDeadline < TimeSpan.Zero ? TimeSpan.Zero
            : _options.StoppedAnnounceDeadline > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1)
            : _options.StoppedAnnounceDeadline;

        /// <summary>
        /// The torrent stops: announces in progress are cancelled and every tracker that got a
        /// successful <c>started</c> in this run is sent <c>stopped</c>, all in parallel, within
        /// <see cref="TrackerOptions.StoppedAnnounceDeadline"/>. Calling it again returns the same task, and so
        /// does a stop with nothing to send while an earlier stop's announces are still under way.
        /// </summary>
        /// <returns>Completes when the stopped announces have ended or the deadline passed; never faults.</returns>
        public Task Stop()
        {
            if (!IsRunning)
            {
                return _stopping;
            }

            IsRunning = false;
            _run++;
            _session.Cancel();
            var targets = new List<TrackerEntry>();
            foreach (var tier in _tiers)
            {
                foreach (var entry in tier.Entries)
                {
                    if (entry.StartedOk && entry.IsUsable)
                    {
                        targets.Add(entry);
                    }

                    entry.StartedOk = false;
                    entry.CompletedPending = false;
                }
            }

            // A quick start and stop leaves the previous run's stopped announces under way and gives
            // this one nothing to send: the task keeps covering them, so a restart still waits before
            // its started and the engine's shutdown still waits before closing the UDP socket.
            if (targets.Count > 0)
            {
                var sending = SendStoppedAsync(targets);
                _stopping = _stopping.IsCompleted ? sending : Task.WhenAll(_stopping, sending);
            }

            return _stopping;
        }

        private async Task SendStoppedAsync(List<TrackerEntry> targets)
        {
            var limit = StoppedDeadline;
            using (var deadline = new CancellationTokenSource(limit))
            using (var guard = new CancellationTokenSource())
            {
                var sends = new Task[targets.Count];
                for (int i = 0; i < targets.Count; i++)
                {
                    sends[i] = SendStoppedAsync(targets[i], deadline.Token);
                }

                var all = Task.WhenAll(sends);

                // The clients end by the token; should one not, the stop still ends shortly after the deadline.
                var first = await Task.WhenAny(all, Task.Delay(limit + StopGrace, guard.Token)).ConfigureAwait(true);
                guard.Cancel();
                if (first != all)
                {
                    _log.Warning("Gave up waiting for stopped announces: a tracker client ignored its deadline");
                }
            }
        }

        /// <remarks>Every outcome is handled here, so it never faults.</remarks>
        private async Task SendStoppedAsync(TrackerEntry entry, CancellationToken token)
        {
            var request = _owner.CreateAnnounceRequest();
            request.Event = AnnounceEvent.Stopped;
            request.NumWant = 0;
            request.Key = _key;
            request.TrackerId = entry.TrackerId;
            try
            {
                await entry.Client!.AnnounceAsync(request, token).ConfigureAwait(true);
                _log.Debug("Announced Stopped to " + entry.Url);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                _log.Info("No answer from " + entry.Url + " to the stopped announce within " + StoppedDeadline.TotalSeconds + " s");
            }
            catch (TrackerException ex)
            {
                _log.Info("Stopped announce to " + entry.Url + " failed: " + ex.Message);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                _log.Error("Tracker client for " + entry.Url + " failed unexpectedly: " + ex.Message, ex);
            }
        }
    }
}
