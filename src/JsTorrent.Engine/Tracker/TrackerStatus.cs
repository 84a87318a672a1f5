using System;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>A snapshot of one tracker of a torrent (see <c>Torrent.GetTrackersAsync</c>); it does not change afterwards.</summary>
    public sealed class TrackerStatus
    {
        internal TrackerStatus(string url, int tier, TrackerState state)
        {
            Url = url;
            Tier = tier;
            State = state;
        }

        /// <summary>The announce URL as the torrent, magnet or user gave it.</summary>
        public string Url { get; }

        /// <summary>The tier (BEP 12), from 0; trackers of one tier stand in for each other, tiers are announced to in parallel.</summary>
        public int Tier { get; }

        /// <summary>Where the tracker stands.</summary>
        public TrackerState State { get; }

        /// <summary>When the last announce to it ended (successfully or not); null when never.</summary>
        public DateTimeOffset? LastAnnounce { get; internal set; }

        /// <summary>When it will be announced to next; null when it is not scheduled (torrent stopped, another tracker of the tier in use, unsupported).</summary>
        public DateTimeOffset? NextAnnounce { get; internal set; }

        /// <summary>Why the last announce failed; null after a success.</summary>
        public string? LastError { get; internal set; }

        /// <summary>The <c>warning message</c> of the last successful announce, if it had one.</summary>
        public string? WarningMessage { get; internal set; }

        /// <summary>Seeders the tracker reported (announce or scrape); null when unknown.</summary>
        public int? Seeders { get; internal set; }

        /// <summary>Leechers the tracker reported (announce or scrape); null when unknown.</summary>
        public int? Leechers { get; internal set; }

        /// <summary>Finished downloads the tracker reported (scrape only); null when unknown.</summary>
        public int? Completed { get; internal set; }

        /// <summary>Peers the last successful announce handed out.</summary>
        public int PeersReceived { get; internal set; }

        /// <summary>Failed announces in a row (they set the back-off); 0 after a success.</summary>
        public int ConsecutiveFailures { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => Url + " (tier " + Tier + ", " + State + ")";
    }
}
