namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// The component names the engine logs under, so producers and readers (filters,
    /// per-component levels, Get-TorrentLog) spell them the same way.
    /// </summary>
    public static class LogComponents
    {
        /// <summary>The engine itself (start, stop, configuration).</summary>
        public const string Engine = "engine";

        /// <summary>A torrent; the instance value is its info-hash in hex.</summary>
        public const string Torrent = "torrent";

        /// <summary>A peer connection; the instance value is the peer's endpoint, e.g. "1.2.3.4:6881".</summary>
        public const string Peer = "peer";

        /// <summary>Trackers: a torrent's tracker manager (the instance value is the torrent's info-hash in hex, the messages name the URL) or a tracker client (the instance value is the tracker URL).</summary>
        public const string Tracker = "tracker";

        /// <summary>The storage layer (reads, writes, hashing).</summary>
        public const string Storage = "storage";

        /// <summary>The session: saving and restoring resume data, storage roots.</summary>
        public const string Session = "session";
    }
}
