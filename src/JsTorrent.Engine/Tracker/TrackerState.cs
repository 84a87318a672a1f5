namespace JsTorrent.Engine.Tracker
{
    /// <summary>Where one tracker of a torrent stands, as <see cref="TrackerStatus.State"/> reports it.</summary>
    public enum TrackerState
    {
        /// <summary>Not asked yet (the torrent has not started, or another tracker of its tier is in use).</summary>
        NotContacted,

        /// <summary>An announce is in progress.</summary>
        Announcing,

        /// <summary>The last announce succeeded.</summary>
        Working,

        /// <summary>The last announce failed; it is retried after a back-off (see <see cref="TrackerStatus.LastError"/>).</summary>
        Error,

        /// <summary>The URL is not one the engine can speak to (unknown scheme or malformed); it is never contacted.</summary>
        Unsupported,
    }
}
