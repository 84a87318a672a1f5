using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// The pieces in progress (with requested or received blocks), their pooled
    /// <see cref="ActivePiece"/> state, and every peer's count of outstanding requests.
    /// </summary>
    internal sealed class InFlightPieces
    {
        private readonly PieceLayout _layout;
        private readonly ActivePiece?[] _byPiece;
        private readonly List<ActivePiece> _inOrder = new List<ActivePiece>();
        private readonly Stack<ActivePiece> _pool = new Stack<ActivePiece>();
        private readonly Dictionary<object, int> _requestsByPeer = new Dictionary<object, int>(new PeerReferenceComparer());
        private readonly List<object> _scratchPeers = new List<object>();

        /// <summary>Creates an empty set.</summary>
        /// <param name="layout">The layout.</param>
        public InFlightPieces(PieceLayout layout)
        {
            _layout = layout;
            _byPiece = new ActivePiece?[layout.PieceCount];
        }

        /// <summary>Number of pieces in progress.</summary>
        public int Count => _inOrder.Count;

        /// <summary>The in-progress state of a piece, or null.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The state, or null.</returns>
        public ActivePiece? Get(int piece) => _byPiece[piece];

        /// <summary>The piece in progress at a position, oldest first (positions shift when a piece is released).</summary>
        /// <param name="position">0..Count-1.</param>
        /// <returns>The state.</returns>
        public ActivePiece At(int position) => _inOrder[position];

        /// <summary>Starts tracking a piece (padding blocks received, nothing requested).</summary>
        /// <param name="piece">The piece, not already in progress.</param>
        /// <returns>Its state.</returns>
        public ActivePiece Activate(int piece)
        {
            var active = _pool.Count > 0 ? _pool.Pop() : new ActivePiece(_layout.MaxBlocksPerPiece);
            active.Start(piece, _layout);
            _byPiece[piece] = active;
            _inOrder.Add(active);
            return active;
        }

        /// <summary>Stops tracking a piece: its remaining requests are forgotten and its state goes back to the pool.</summary>
        /// <param name="active">The piece's state.</param>
        public void Release(ActivePiece active)
        {
            _scratchPeers.Clear();
            active.RemoveAllRequests(_scratchPeers);
            foreach (object peer in _scratchPeers)
            {
                RemoveRequests(peer, 1);
            }

            _scratchPeers.Clear();
            _inOrder.Remove(active);
            _byPiece[active.Piece] = null;
            active.Reset();
            _pool.Push(active);
        }

        /// <summary>Outstanding requests of a peer.</summary>
        /// <param name="peer">The peer.</param>
        /// <returns>The count.</returns>
        public int CountRequests(object peer) => _requestsByPeer.TryGetValue(peer, out int count) ? count : 0;

        /// <summary>Counts new requests of a peer (already recorded in the pieces).</summary>
        /// <param name="peer">The peer.</param>
        /// <param name="count">How many.</param>
        public void AddRequests(object peer, int count)
        {
            _requestsByPeer.TryGetValue(peer, out int current);
            _requestsByPeer[peer] = current + count;
        }

        /// <summary>Uncounts requests of a peer (already removed from the pieces).</summary>
        /// <param name="peer">The peer.</param>
        /// <param name="count">How many.</param>
        public void RemoveRequests(object peer, int count)
        {
            if (_requestsByPeer.TryGetValue(peer, out int current))
            {
                if (current <= count)
                {
                    // Dropping the key lets a disconnected peer object be collected.
                    _requestsByPeer.Remove(peer);
                }
                else
                {
                    _requestsByPeer[peer] = current - count;
                }
            }
        }
    }
}
