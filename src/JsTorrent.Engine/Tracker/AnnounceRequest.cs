using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>What one announce tells a tracker; the same fields serve HTTP (BEP 3) and UDP (BEP 15).</summary>
    internal sealed class AnnounceRequest
    {
        public AnnounceRequest(InfoHash infoHash, PeerId peerId, int port)
        {
            InfoHash = infoHash;
            PeerId = peerId;
            Port = port;
        }

        public InfoHash InfoHash { get; }

        public PeerId PeerId { get; }

        /// <summary>Our listen port; 0 when we do not listen (trackers then rarely hand us out).</summary>
        public int Port { get; }

        public long Uploaded { get; set; }

        public long Downloaded { get; set; }

        /// <summary>Bytes still wanted; -1 while a magnet has no metadata (sent as a large value, never negative).</summary>
        public long Left { get; set; }

        public AnnounceEvent Event { get; set; }

        /// <summary>Peers asked for; 0 for a stopped announce.</summary>
        public int NumWant { get; set; } = 50;

        /// <summary>A per-engine random value that lets a tracker recognise us when our address changes.</summary>
        public uint Key { get; set; }

        /// <summary>The <c>tracker id</c> the tracker gave us last time, echoed back (HTTP only).</summary>
        public string? TrackerId { get; set; }
    }
}
