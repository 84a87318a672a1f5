namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>The state of one <see cref="PiecePicker.PickBlocks"/> call, passed by reference between its steps.</summary>
    internal struct PickContext
    {
        /// <summary>Starts a pick.</summary>
        /// <param name="peer">The peer asked.</param>
        /// <param name="peerPieces">Its pieces.</param>
        /// <param name="limit">Most requests to write.</param>
        /// <param name="nowMs">The request time.</param>
        public PickContext(object peer, Bitfield peerPieces, int limit, long nowMs)
        {
            Peer = peer;
            PeerPieces = peerPieces;
            Limit = limit;
            NowMs = nowMs;
            Written = 0;
        }

        /// <summary>The peer asked.</summary>
        public object Peer { get; }

        /// <summary>Its pieces.</summary>
        public Bitfield PeerPieces { get; }

        /// <summary>Most requests to write.</summary>
        public int Limit { get; }

        /// <summary>The request time.</summary>
        public long NowMs { get; }

        /// <summary>Requests written so far.</summary>
        public int Written { get; set; }
    }
}
