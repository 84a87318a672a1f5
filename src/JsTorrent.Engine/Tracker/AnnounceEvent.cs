namespace JsTorrent.Engine.Tracker
{
    /// <summary>The event an announce reports (BEP 3 <c>event</c>; BEP 15 numbers them 0 to 3 in this order).</summary>
    public enum AnnounceEvent
    {
        /// <summary>A regular announce at the tracker's interval.</summary>
        None = 0,

        /// <summary>The download finished (sent once, when it completes while running).</summary>
        Completed = 1,

        /// <summary>The torrent started.</summary>
        Started = 2,

        /// <summary>The torrent stopped; the tracker may forget us.</summary>
        Stopped = 3,
    }
}
