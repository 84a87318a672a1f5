using System;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>One tracker URL of a torrent and what the manager knows of it; times are engine milliseconds. Loop thread only.</summary>
    internal sealed class TrackerEntry
    {
        public TrackerEntry(string url, string key, ITrackerClient? client, string? unsupportedReason)
        {
            Url = url;
            Key = key;
            Client = client;
            if (client is null)
            {
                MarkUnsupported(unsupportedReason ?? "not supported");
            }
        }

        /// <summary>The URL as given.</summary>
        public string Url { get; }

        /// <summary>The URL normalised for duplicate detection.</summary>
        public string Key { get; }

        public ITrackerClient? Client { get; }

        /// <summary>False for URLs the engine cannot speak to; those are never contacted.</summary>
        public bool IsUsable => Client != null && State != TrackerState.Unsupported;

        public TrackerState State { get; set; } = TrackerState.NotContacted;

        public string? LastError { get; set; }

        public string? WarningMessage { get; set; }

        public int? Seeders { get; set; }

        public int? Leechers { get; set; }

        public int? Completed { get; set; }

        public int PeersReceived { get; set; }

        /// <summary>Failed announces in a row; sets the back-off.</summary>
        public int Failures { get; set; }

        /// <summary>When the last announce ended, or -1.</summary>
        public long LastAnnounceMs { get; set; } = -1;

        /// <summary>When the last announce succeeded, or -1.</summary>
        public long LastSuccessMs { get; set; } = -1;

        /// <summary>When the next announce is due: the regular interval after a success, the back-off after a failure.</summary>
        public long NextAnnounceMs { get; set; }

        /// <summary>Earliest time another announce is allowed (the minimum interval after the last success).</summary>
        public long FloorMs { get; set; }

        /// <summary>When to announce if the swarm needs peers (between the floor and the regular time).</summary>
        public long SoonerMs { get; set; }

        /// <summary>The tracker's own <c>min interval</c> from its last answer; retries honour it too.</summary>
        public TimeSpan MinInterval { get; set; }

        /// <summary>The tracker's <c>interval</c> from its last answer.</summary>
        public TimeSpan Interval { get; set; }

        public string? TrackerId { get; set; }

        /// <summary>A <c>started</c> announce succeeded in this run: only such trackers get <c>completed</c> and <c>stopped</c>.</summary>
        public bool StartedOk { get; set; }

        /// <summary>The download completed while this tracker knew us as started: the next announce says <c>completed</c>.</summary>
        public bool CompletedPending { get; set; }

        public bool InFlight { get; set; }

        public AnnounceEvent InFlightEvent { get; set; }

        /// <summary>The last answer carried seeder and leecher counts, so there is no need to scrape.</summary>
        public bool CountsFromAnnounce { get; set; }

        public bool ScrapeInFlight { get; set; }

        public long NextScrapeMs { get; set; }

        public void MarkUnsupported(string reason)
        {
            State = TrackerState.Unsupported;
            LastError = reason;
        }

        /// <summary>Forgets the per-run state when the torrent starts: the first announce is <c>started</c>, at once.</summary>
        public void ResetForStart()
        {
            StartedOk = false;
            CompletedPending = false;
            Failures = 0;
            NextAnnounceMs = 0;
            SoonerMs = 0;
        }

        /// <summary>The state to show when an announce ends without an answer we count (cancelled by a stop).</summary>
        public TrackerState SettledState() =>
            State == TrackerState.Unsupported ? TrackerState.Unsupported
            : Failures > 0 ? TrackerState.Error
            : LastSuccessMs >= 0 ? TrackerState.Working
            : TrackerState.NotContacted;
    }
}
