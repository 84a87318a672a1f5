namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>One connected peer as the choker sees it at a rechoke.</summary>
    internal readonly struct ChokeCandidate
    {
        public ChokeCandidate(object peer, bool isInterested, long downloadRateFromPeer, long uploadRateToPeer, long connectedAtMs, bool isSeed = false)
        {
            Peer = peer;
            IsInterested = isInterested;
            DownloadRateFromPeer = downloadRateFromPeer;
            UploadRateToPeer = uploadRateToPeer;
            ConnectedAtMs = connectedAtMs;
            IsSeed = isSeed;
        }

        /// <summary>The caller's peer object, handed back in the unchoke set (compared with <see cref="object.Equals(object, object)"/>).</summary>
        public object Peer { get; }

        /// <summary>Whether the peer wants data from us; only interested peers take slots.</summary>
        public bool IsInterested { get; }

        /// <summary>Bytes per second we receive from the peer (the leeching rank).</summary>
        public long DownloadRateFromPeer { get; }

        /// <summary>Bytes per second we send to the peer (the seeding rank).</summary>
        public long UploadRateToPeer { get; }

        /// <summary>When the connection was established (monotonic ms).</summary>
        public long ConnectedAtMs { get; }

        /// <summary>Whether the peer has every piece; a seed needs nothing from us and never gets a slot.</summary>
        public bool IsSeed { get; }
    }
}
