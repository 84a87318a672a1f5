namespace JsTorrent.Engine.Core
{
    /// <summary>A downloaded piece was hashed: it passed (now verified) or failed (to be fetched again).</summary>
    public sealed class PieceVerifiedEventArgs : TorrentEventArgs
    {
        /// <summary>Creates the arguments.</summary>
        /// <param name="torrent">The torrent.</param>
        /// <param name="piece">The piece index.</param>
        /// <param name="passed">True when the hash matched.</param>
        public PieceVerifiedEventArgs(Torrent torrent, int piece, bool passed)
            : base(torrent)
        {
            Piece = piece;
            Passed = passed;
        }

        /// <summary>The piece index.</summary>
        public int Piece { get; }

        /// <summary>True when the hash matched.</summary>
        public bool Passed { get; }
    }
}
