using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>What a tracker answered to an announce. A <c>failure reason</c> is a <see cref="TrackerException"/> instead.</summary>
    internal sealed class AnnounceResponse
    {
        public AnnounceResponse(IReadOnlyList<TrackerPeer> peers, TimeSpan interval)
        {
            Peers = peers;
            Interval = interval;
        }

        /// <summary>Peers from <c>peers</c> (compact or dictionary) and <c>peers6</c>, in the tracker's order.</summary>
        public IReadOnlyList<TrackerPeer> Peers { get; }

        /// <summary>When to announce again.</summary>
        public TimeSpan Interval { get; }

        /// <summary>The tracker's floor for re-announcing, when it gave one.</summary>
        public TimeSpan? MinInterval { get; set; }

        /// <summary>A <c>tracker id</c> to echo on later announces.</summary>
        public string? TrackerId { get; set; }

        /// <summary>A <c>warning message</c>: the announce worked but the tracker wants us to know something.</summary>
        public string? WarningMessage { get; set; }

        /// <summary>Seeders (<c>complete</c>) when the tracker said.</summary>
        public int? Seeders { get; set; }

        /// <summary>Leechers (<c>incomplete</c>) when the tracker said.</summary>
        public int? Leechers { get; set; }
    }
}
