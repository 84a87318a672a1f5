namespace JsTorrent.Engine.Core
{
    /// <summary>A torrent's <see cref="TorrentState"/> changed.</summary>
    public sealed class TorrentStateChangedEventArgs : TorrentEventArgs
    {
        /// <summary>Creates the arguments.</summary>
        /// <param name="torrent">The torrent.</param>
        /// <param name="previous">The state before.</param>
        /// <param name="current">The state now.</param>
        public TorrentStateChangedEventArgs(Torrent torrent, TorrentState previous, TorrentState current)
            : base(torrent)
        {
            Previous = previous;
            Current = current;
        }

        /// <summary>The state before.</summary>
        public TorrentState Previous { get; }

        /// <summary>The state now.</summary>
        public TorrentState Current { get; }
    }
}
