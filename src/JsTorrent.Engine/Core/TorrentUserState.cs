namespace JsTorrent.Engine.Core
{
    /// <summary>What the user asked a torrent to do (persisted; the derived activity is <see cref="TorrentState"/>).</summary>
    public enum TorrentUserState
    {
        /// <summary>Transfer when the engine runs.</summary>
        Active,

        /// <summary>Do not transfer until started.</summary>
        Stopped,

        /// <summary>Waiting for a free slot (transfers once a queue admits it).</summary>
        Queued,
    }
}
