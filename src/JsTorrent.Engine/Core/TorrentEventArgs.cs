using System;

namespace JsTorrent.Engine.Core
{
    /// <summary>An event about one torrent (added, removed, metadata received, completed).</summary>
    public class TorrentEventArgs : EventArgs
    {
        /// <summary>Creates the arguments.</summary>
        /// <param name="torrent">The torrent concerned.</param>
        public TorrentEventArgs(Torrent torrent)
        {
            Torrent = torrent;
        }

        /// <summary>The torrent concerned.</summary>
        public Torrent Torrent { get; }
    }
}
