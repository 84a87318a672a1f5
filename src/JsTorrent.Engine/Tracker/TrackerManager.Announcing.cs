using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Tracker
{
    /// <content>
    /// Scheduling and the announces themselves: <c>started</c> on the first announce of a run,
    /// regular announces at the tracker's interval (sooner when the swarm needs peers, never
    /// before the minimum interval), exponential back-off after failures, <c>completed</c> once
    /// when the download completes, <c>stopped</c> within a deadline, and the occasional scrape.
    /// </content>
    internal sealed partial class TrackerManager
    {
        /// <summary>Scrapes are at most this frequent (and never more than once per announce interval).</summary>
        private static readonly TimeSpan ScrapeInterval = TimeSpan.FromMinutes(30);

        private CancellationTokenSource _session = new CancellationTokenSource();
        private int _run;
        private Task _stopping = Task.CompletedTask;

        /// <summary>The torrent runs: every tier announces <c>started</c> on the next tick. Idempotent.</summary>
        public void Start()
        {
            if (IsRunning)
            {
                return;
            }

            IsRunning = true;
            _run++;
            _session = new CancellationTokenSource();
            foreach (var tier in _tiers)
            {
                foreach (var entry in tier.Entries)
                {
                    entry.ResetForStart();
                }
            }
        }

        /// <summary>The download completed while running: trackers that know us as started hear <c>completed</c> at once.</summary>
        public void OnDownloadCompleted()
        {
            if (!IsRunning)
            {
                return;
            }

            foreach (var tier in _tiers)
            {
                foreach (var entry in tier.Entries)
                {
                    if (entry.IsUsable && (entry.StartedOk || (entry.InFlight && entry.InFlightEvent == AnnounceEvent.Started)))
                    {
                        entry.CompletedPending = true;
                    }
                }
            }
        }

        /// <summary>Re-announces to the tracker in use of every tier now, or at its minimum interval if that is later; retries a failing one at once.</summary>
        public void AnnounceNow(long nowMs)
        {
            if (!IsRunning)
            {
                return;
            }

            foreach (var tier in _tiers)
            {
                var entry = tier.Current;
                if (entry != null && !entry.InFlight)
                {
                    entry.NextAnnounceMs = Math.Max(nowMs, entry.FloorMs);
                    entry.SoonerMs = entry.NextAnnounceMs;
                }
            }
        }

        /// <summary>Starts whatever announce or scrape is due.</summary>
        public void Tick(long nowMs)
        {
            // Announces wait for the previous run's stopped announces (bounded by their deadline), so a tracker never sees started before stopped.
            if (!IsRunning || !_stopping.IsCompleted)
            {
                return;
            }

            int needsPeers = -1;
            foreach (var tier in _tiers)
            {
                var entry = tier.Current;
                if (entry is null || tier.Busy)
                {
                    continue;
                }

                if (needsPeers < 0 && entry.StartedOk && entry.NextAnnounceMs > nowMs)
                {
                    needsPeers = _owner.NeedsPeers ? 1 : 0;
                }

                if (nowMs >= DueMs(entry, needsPeers == 1, nowMs))
                {
                    BeginAnnounce(entry, nowMs);
                }
                else if (entry.Client!.SupportsScrape && !entry.CountsFromAnnounce && entry.LastSuccessMs >= 0 && !entry.ScrapeInFlight && nowMs >= entry.NextScrapeMs)
                {
                    BeginScrape(entry, nowMs);
                }
            }
        }

        /// <summary>When the tracker in use of a tier is due.</summary>
        private static long DueMs(TrackerEntry entry, bool needsPeers, long nowMs)
        {
            if (entry.StartedOk && entry.CompletedPending && entry.Failures == 0)
            {
                // Events go out at once, whatever the interval.
                return nowMs;
            }

            if (entry.StartedOk && needsPeers && entry.Failures == 0)
            {
                return Math.Min(entry.NextAnnounceMs, entry.SoonerMs);
            }

            return entry.NextAnnounceMs;
        }

        private void BeginAnnounce(TrackerEntry entry, long nowMs)
        {
            var request = _owner.CreateAnnounceRequest();
            request.Event = !entry.StartedOk ? AnnounceEvent.Started : entry.CompletedPending ? AnnounceEvent.Completed : AnnounceEvent.None;
            request.NumWant = _options.NumWant;
            request.Key = _key;
            request.TrackerId = entry.TrackerId;
            if (request.Event == AnnounceEvent.Started)
            {
                // The started announce carries the current bytes left; completion is news only to trackers that knew us before it.
                entry.CompletedPending = false;
            }

            entry.InFlight = true;
            entry.InFlightEvent = request.Event;
            entry.State = TrackerState.Announcing;
            _ = AnnounceAsync(entry, request, _run, _session.Token);
        }

        /// <remarks>Every outcome is handled here, so the discarded task never faults.</remarks>
        private async Task AnnounceAsync(TrackerEntry entry, AnnounceRequest request, int run, CancellationToken token)
        {
            AnnounceResponse? response = null;
            Exception? failure = null;
            try
            {
                response = await entry.Client!.AnnounceAsync(request, token).ConfigureAwait(true);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped meanwhile; handled below.
            }
            catch (TrackerException ex)
            {
                failure = ex;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A client must fail with TrackerException; anything else is a bug, logged with its stack, and counted as a failure.
                _log.Error("Tracker client for " + entry.Url + " failed unexpectedly: " + ex.Message, ex);
                failure = ex;
            }

            entry.InFlight = false;
            if (run != _run)
            {
                entry.State = entry.SettledState();
                return;
            }

            long nowMs = _clock();
            var tier = FindTier(entry);
            try
            {
                if (response != null)
                {
                    tier?.Promote(entry);
                    OnAnnounced(entry, request, response, nowMs);
                }
                else
                {
                    OnFailed(entry, request, failure ?? new TrackerException(TrackerErrorKind.TimedOut, "The announce to " + entry.Url + " was cancelled."), nowMs);
                    tier?.FailOver();
                }
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // This task is discarded: a bug in handling the answer (or in the torrent taking the peers) is logged here, not lost.
                _log.Error("Internal error handling the answer of " + entry.Url + ": " + ex.Message, ex);
            }
        }

        private void OnAnnounced(TrackerEntry entry, AnnounceRequest request, AnnounceResponse response, long nowMs)
        {
            entry.Failures = 0;
            entry.State = TrackerState.Working;
            entry.LastError = null;
            entry.WarningMessage = response.WarningMessage;
            entry.LastAnnounceMs = nowMs;
            entry.LastSuccessMs = nowMs;
            entry.TrackerId = response.TrackerId ?? entry.TrackerId;
            entry.CountsFromAnnounce = response.Seeders.HasValue && response.Leechers.HasValue;
            entry.Seeders = response.Seeders ?? entry.Seeders;
            entry.Leechers = response.Leechers ?? entry.Leechers;
            if (request.Event == AnnounceEvent.Started)
            {
                entry.StartedOk = true;
            }
            else if (request.Event == AnnounceEvent.Completed)
            {
                entry.CompletedPending = false;
            }

            entry.Interval = response.Interval > TimeSpan.Zero ? response.Interval : _options.DefaultInterval;
            entry.MinInterval = response.MinInterval ?? TimeSpan.Zero;
            long floor = (long)Max(entry.MinInterval, _options.MinimumInterval).TotalMilliseconds;
            long regular = Math.Max(floor, (long)entry.Interval.TotalMilliseconds);
            entry.FloorMs = nowMs + floor;
            entry.NextAnnounceMs = nowMs + regular;
            entry.SoonerMs = nowMs + Math.Max(floor, regular / 4);

            List<TrackerPeer>? peers = null;
            foreach (var peer in response.Peers)
            {
                if (peer.Port > 0 && peer.Port <= 65535 && !string.IsNullOrEmpty(peer.Host))
                {
                    (peers ??= new List<TrackerPeer>(response.Peers.Count)).Add(peer);
                }
            }

            entry.PeersReceived = peers?.Count ?? 0;
            _log.Debug("Announced " + request.Event + " to " + entry.Url + ": " + entry.PeersReceived + " peer(s), next in " + regular / 1000 + " s");
            if (response.WarningMessage != null)
            {
                _log.Warning("Tracker " + entry.Url + " warns: " + response.WarningMessage);
            }

            if (peers != null)
            {
                _owner.OnPeersReceived(peers);
            }
        }

        private void OnFailed(TrackerEntry entry, AnnounceRequest request, Exception failure, long nowMs)
        {
            entry.Failures++;
            entry.LastAnnounceMs = nowMs;
            entry.LastError = failure.Message;
            if (failure is TrackerException tracker && tracker.Kind == TrackerErrorKind.Unsupported)
            {
                entry.MarkUnsupported(failure.Message);
                _log.Warning("Skipping tracker " + entry.Url + ": " + failure.Message);
                return;
            }

            entry.State = TrackerState.Error;

            // Rejections back off like the rest: a tracker that refuses us now will most likely refuse again soon.
            double backoff = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(entry.Failures - 1, 30));
            long delay = (long)Math.Min(backoff, _options.MaxRetryDelay.TotalMilliseconds);
            delay = Math.Max(delay, (long)entry.MinInterval.TotalMilliseconds);
            entry.NextAnnounceMs = nowMs + delay;
            string message = "Announce " + request.Event + " to " + entry.Url + " failed (" + entry.Failures + " in a row, retry in " + delay / 1000 + " s): " + failure.Message;
            if (entry.Failures == 1)
            {
                _log.Warning(message);
            }
            else
            {
                _log.Debug(message);
            }
        }

        private void BeginScrape(TrackerEntry entry, long nowMs)
        {
            entry.ScrapeInFlight = true;
            entry.NextScrapeMs = nowMs + (long)Max(ScrapeInterval, entry.Interval).TotalMilliseconds;
            _ = ScrapeAsync(entry, _session.Token);
        }

        /// <remarks>Scrapes only add counts; a failure is logged and waits for the next scrape time. Never faults.</remarks>
        private async Task ScrapeAsync(TrackerEntry entry, CancellationToken token)
        {
            try
            {
                var result = await entry.Client!.ScrapeAsync(_owner.InfoHash, token).ConfigureAwait(true);
                entry.Seeders = result.Seeders;
                entry.Leechers = result.Leechers;
                entry.Completed = result.Completed;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped meanwhile.
            }
            catch (TrackerException ex)
            {
                _log.Debug("Scrape of " + entry.Url + " failed: " + ex.Message);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                _log.Error("Tracker client for " + entry.Url + " failed unexpectedly: " + ex.Message, ex);
            }
            finally
            {
                entry.ScrapeInFlight = false;
            }
        }

        private TrackerTier? FindTier(TrackerEntry entry)
        {
            foreach (var tier in _tiers)
            {
                foreach (var candidate in tier.Entries)
                {
                    if (ReferenceEquals(candidate, entry))
                    {
                        return tier;
                    }
                }
            }

            return null;
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }
}
