using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// The request policy of <see cref="PiecePicker.PickBlocks"/>: allowed-fast pieces
    /// for a choking peer; otherwise pieces in progress (the peer's own first), then new
    /// pieces by priority and rarity, then endgame duplicates. It records the requests in
    /// the pieces; the caller counts them per peer.
    /// </summary>
    internal sealed class BlockSelector
    {
        private readonly PieceLayout _layout;
        private readonly InFlightPieces _inFlight;
        private readonly WantedPieces _wants;

        /// <summary>Creates the selector over the picker's state.</summary>
        /// <param name="layout">The layout.</param>
        /// <param name="inFlight">Pieces in progress.</param>
        /// <param name="wants">Priorities, verified pieces and candidates.</param>
        public BlockSelector(PieceLayout layout, InFlightPieces inFlight, WantedPieces wants)
        {
            _layout = layout;
            _inFlight = inFlight;
            _wants = wants;
        }

        /// <summary>Fills <paramref name="destination"/> with blocks to request from a peer.</summary>
        /// <param name="peer">The peer.</param>
        /// <param name="peerPieces">Its pieces (right length).</param>
        /// <param name="peerIsChokingUs">True when only allowed-fast pieces may be asked for.</param>
        /// <param name="allowedFast">Its allowed-fast pieces, or null.</param>
        /// <param name="destination">Receives the requests; its length is the limit.</param>
        /// <param name="nowMs">The request time.</param>
        /// <returns>Requests written.</returns>
        public int Select(object peer, Bitfield peerPieces, bool peerIsChokingUs, IReadOnlyCollection<int>? allowedFast, Span<BlockRequest> destination, long nowMs)
        {
            var pick = new PickContext(peer, peerPieces, destination.Length, nowMs);
            if (peerIsChokingUs)
            {
                if (allowedFast is null || allowedFast.Count == 0)
                {
                    return 0;
                }

                for (int round = 0; round < ActivePiece.MaxRequesters && pick.Written < pick.Limit; round++)
                {
                    PickAllowedFast(ref pick, allowedFast, round, destination);
                }
            }
            else
            {
                ContinueActive(ref pick, destination, ownPiecesFirst: true);
                ContinueActive(ref pick, destination, ownPiecesFirst: false);
                StartNewPieces(ref pick, destination);
                for (int round = 1; round < ActivePiece.MaxRequesters && pick.Written < pick.Limit; round++)
                {
                    for (int i = 0; i < _inFlight.Count && pick.Written < pick.Limit; i++)
                    {
                        var active = _inFlight.At(i);
                        if (pick.PeerPieces[active.Piece] && _wants.IsWanted(active.Piece))
                        {
                            TakeDuplicates(active, ref pick, round, destination);
                        }
                    }
                }
            }

            return pick.Written;
        }

        private void PickAllowedFast(ref PickContext pick, IReadOnlyCollection<int> allowedFast, int round, Span<BlockRequest> destination)
        {
            // Typed loops: enumerating through the interface would box an enumerator per call.
            if (allowedFast is IReadOnlyList<int> list)
            {
                for (int i = 0; i < list.Count && pick.Written < pick.Limit; i++)
                {
                    PickAllowedFastPiece(ref pick, list[i], round, destination);
                }
            }
            else if (allowedFast is HashSet<int> set)
            {
                foreach (int piece in set)
                {
                    PickAllowedFastPiece(ref pick, piece, round, destination);
                }
            }
            else
            {
                foreach (int piece in allowedFast)
                {
                    PickAllowedFastPiece(ref pick, piece, round, destination);
                }
            }
        }

        private void PickAllowedFastPiece(ref PickContext pick, int piece, int round, Span<BlockRequest> destination)
        {
            if (pick.Written == pick.Limit || (uint)piece >= (uint)_layout.PieceCount || !pick.PeerPieces[piece] || _wants.Verified[piece] || !_wants.IsWanted(piece))
            {
                return;
            }

            var active = _inFlight.Get(piece);
            if (round == 0)
            {
                TakeUnrequested(active ?? Activate(piece), ref pick, destination);
            }
            else if (active != null)
            {
                TakeDuplicates(active, ref pick, round, destination);
            }
        }

        private void ContinueActive(ref PickContext pick, Span<BlockRequest> destination, bool ownPiecesFirst)
        {
            for (int i = 0; i < _inFlight.Count && pick.Written < pick.Limit; i++)
            {
                var active = _inFlight.At(i);
                if (active.UnrequestedCount == 0 || !pick.PeerPieces[active.Piece] || !_wants.IsWanted(active.Piece))
                {
                    continue;
                }

                if (!ownPiecesFirst || active.CountRequestsOf(pick.Peer) > 0)
                {
                    TakeUnrequested(active, ref pick, destination);
                }
            }
        }

        private void StartNewPieces(ref PickContext pick, Span<BlockRequest> destination)
        {
            while (pick.Written < pick.Limit)
            {
                int piece = _wants.FindBestCandidate(pick.PeerPieces);
                if (piece < 0)
                {
                    return;
                }

                var active = Activate(piece);
                TakeUnrequested(active, ref pick, destination);
                if (active.IsIdle)
                {
                    // Cannot happen for a candidate (it has a non-padding block); guards against looping forever.
                    _inFlight.Release(active);
                    _wants.Refresh(piece);
                    return;
                }
            }
        }

        private void TakeUnrequested(ActivePiece active, ref PickContext pick, Span<BlockRequest> destination)
        {
            int piece = active.Piece;
            for (int b = 0; b < active.BlockCount && active.UnrequestedCount > 0 && pick.Written < pick.Limit; b++)
            {
                if (!active.IsReceived(b) && active.GetRequesterCount(b) == 0)
                {
                    active.AddRequest(b, pick.Peer, pick.NowMs);
                    destination[pick.Written++] = new BlockRequest(piece, b * PieceLayout.BlockSize, _layout.GetBlockSize(piece, b));
                }
            }
        }

        // Endgame: blocks requested from exactly `requesters` other peers, never from this one, so
        // the first round spreads duplicates before any block gets a third requester.
        private void TakeDuplicates(ActivePiece active, ref PickContext pick, int requesters, Span<BlockRequest> destination)
        {
            if (active.IsComplete)
            {
                return;
            }

            int piece = active.Piece;
            for (int b = 0; b < active.BlockCount && pick.Written < pick.Limit; b++)
            {
                if (!active.IsReceived(b) && active.GetRequesterCount(b) == requesters && !active.IsRequestedFrom(b, pick.Peer))
                {
                    active.AddRequest(b, pick.Peer, pick.NowMs);
                    destination[pick.Written++] = new BlockRequest(piece, b * PieceLayout.BlockSize, _layout.GetBlockSize(piece, b));
                }
            }
        }

        private ActivePiece Activate(int piece)
        {
            var active = _inFlight.Activate(piece);
            _wants.Refresh(piece);
            return active;
        }
    }
}
