using System.Collections.Generic;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>What a <see cref="TrackerManager"/> needs from its torrent (the torrent implements it; tests fake it).</summary>
    internal interface ITrackerOwner
    {
        /// <summary>The torrent's info-hash (for scrapes).</summary>
        InfoHash InfoHash { get; }

        /// <summary>True when the swarm has too few peers: regular announces then come sooner (never before a tracker's minimum interval).</summary>
        bool NeedsPeers { get; }

        /// <summary>A request carrying the torrent's info-hash, the engine's peer id and listen port, and the current totals and bytes left.</summary>
        AnnounceRequest CreateAnnounceRequest();

        /// <summary>Peers a tracker handed out (port 0 already dropped).</summary>
        void OnPeersReceived(IReadOnlyList<TrackerPeer> peers);
    }
}
