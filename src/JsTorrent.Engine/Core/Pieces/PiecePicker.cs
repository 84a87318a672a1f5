using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// Decides which blocks to request from which peer, and tracks what is requested,
    /// received and verified. Pure state: no I/O, no clock (time is passed in), no locks
    /// (one engine loop thread owns it). Peers are opaque objects compared by reference.
    /// </summary>
    /// <remarks>
    /// <para>Request policy, in order: a peer that chokes us is only asked for its allowed-fast
    /// pieces; pieces already in progress that the peer has are continued (those it already
    /// has requests in first, so fewer pieces are open at once); then new pieces are
    /// started, highest priority first, rarest first within a priority, ties at random;
    /// finally, when everything the peer could give us is already requested, endgame:
    /// blocks requested from other peers are requested again, from at most
    /// <see cref="ActivePiece.MaxRequesters"/> peers per block and never twice from one.</para>
    /// <para>Costs (A = pieces in progress, B = blocks per piece, P = pieces):
    /// <see cref="PickBlocks"/> is O(A + A·B on the pieces it takes from) plus, per piece
    /// started, O(1) expected for a peer with many pieces and at worst O(P / 64 + the
    /// peer's candidate pieces) (see <see cref="CandidateBuckets"/>); endgame adds O(A·B).
    /// <see cref="OnBlockReceived"/> and <see cref="CancelRequest"/> are O(1) in A
    /// (O(B) when a piece goes idle or back to the candidates). <see cref="AddPeer"/> and
    /// <see cref="RemovePeer"/> are O(P / 64 + pieces the peer has); HAVE and seeds are O(1).
    /// <see cref="ExpireRequests"/> and <see cref="RemovePeerRequests"/> are O(A·B).
    /// Nothing allocates per call once pools and lists have grown.</para>
    /// </remarks>
    internal sealed class PiecePicker
    {
        private readonly PieceLayout _layout;
        private readonly InFlightPieces _inFlight;
        private readonly WantedPieces _wants;
        private readonly BlockSelector _selector;

        /// <summary>Creates a picker with every piece missing, at <see cref="FilePriority.Normal"/>, on no peer.</summary>
        /// <param name="layout">The torrent's layout.</param>
        /// <param name="random">The tie-break source (seed it in tests).</param>
        public PiecePicker(PieceLayout layout, Random random)
        {
            _layout = layout ?? throw new ArgumentNullException(nameof(layout));
            _inFlight = new InFlightPieces(layout);
            _wants = new WantedPieces(layout, _inFlight, random ?? throw new ArgumentNullException(nameof(random)));
            _selector = new BlockSelector(layout, _inFlight, _wants);
        }

        /// <summary>The layout.</summary>
        public PieceLayout Layout => _layout;

        /// <summary>Pieces we have verified. Read it; change it only through the Mark methods.</summary>
        public Bitfield Verified => _wants.Verified;

        /// <summary>Bytes of wanted pieces not yet verified (padding excluded; received but unverified blocks still count).</summary>
        public long WantedBytesRemaining => _wants.BytesRemaining;

        /// <summary>Number of wanted pieces not yet verified.</summary>
        public int WantedPiecesRemaining => _wants.PiecesRemaining;

        /// <summary>True when every wanted piece is verified.</summary>
        public bool IsCompleteForWanted => _wants.PiecesRemaining == 0;

        /// <summary>Pieces with requested or received blocks, not yet verified or failed.</summary>
        public int ActivePieceCount => _inFlight.Count;

        /// <summary>Peers counted as having every piece (HAVE ALL).</summary>
        public int SeedCount => _wants.SeedCount;

        /// <summary>
        /// True when no wanted block is left that nobody has been asked for, while some
        /// are still missing: the endgame, where blocks are requested from several peers.
        /// </summary>
        public bool IsEndgame
        {
            get
            {
                if (_wants.PiecesRemaining == 0 || _wants.CandidateCount > 0)
                {
                    return false;
                }

                for (int i = 0; i < _inFlight.Count; i++)
                {
                    var active = _inFlight.At(i);
                    if (active.UnrequestedCount > 0 && _wants.IsWanted(active.Piece))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>True when a piece is to be downloaded: its priority is not Skip and it is not all padding.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>Wanted.</returns>
        public bool IsWanted(int piece)
        {
            CheckPiece(piece);
            return _wants.IsWanted(piece);
        }

        /// <summary>A piece's priority.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The priority.</returns>
        public FilePriority GetPiecePriority(int piece)
        {
            CheckPiece(piece);
            return _wants.GetPriority(piece);
        }

        /// <summary>Sets a piece's priority. A piece in progress keeps what it has; set to Skip, it is no longer requested.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="priority">The priority.</param>
        public void SetPiecePriority(int piece, FilePriority priority)
        {
            CheckPiece(piece);
            _wants.SetPriority(piece, priority);
        }

        /// <summary>Sets every piece's priority from file priorities (see <see cref="FilePiecePriorities.Compute"/>).</summary>
        /// <param name="files">Every file's byte range in torrent order, padding files flagged.</param>
        /// <param name="priorities">One priority per file.</param>
        public void SetFilePriorities(IReadOnlyList<(long Offset, long Length, bool IsPadding)> files, IReadOnlyList<FilePriority> priorities) =>
            _wants.SetFilePriorities(files, priorities);

        /// <summary>Sets every piece's priority from the priorities of a torrent's files (padding files included, in order).</summary>
        /// <param name="files">The torrent's files (<see cref="Metainfo.Files"/>).</param>
        /// <param name="priorities">One priority per file.</param>
        public void SetFilePriorities(IReadOnlyList<MetainfoFile> files, IReadOnlyList<FilePriority> priorities)
        {
            if (files is null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            var ranges = new (long Offset, long Length, bool IsPadding)[files.Count];
            for (int i = 0; i < ranges.Length; i++)
            {
                ranges[i] = (files[i].Offset, files[i].Length, files[i].IsPadding);
            }

            _wants.SetFilePriorities(ranges, priorities);
        }

        /// <summary>Counts a peer's pieces (its BITFIELD). Pair with <see cref="RemovePeer"/> at disconnect. A HAVE ALL peer is better counted with <see cref="AddSeed"/>.</summary>
        /// <param name="peerPieces">The peer's pieces.</param>
        public void AddPeer(Bitfield peerPieces)
        {
            CheckBitfield(peerPieces);
            _wants.AddPeer(peerPieces);
        }

        /// <summary>Uncounts a peer's pieces (its bitfield as it is now, HAVEs included).</summary>
        /// <param name="peerPieces">The peer's pieces.</param>
        public void RemovePeer(Bitfield peerPieces)
        {
            CheckBitfield(peerPieces);
            _wants.RemovePeer(peerPieces);
        }

        /// <summary>Counts one piece of a peer (a HAVE for a piece it did not have).</summary>
        /// <param name="piece">The piece.</param>
        public void AddPeerPiece(int piece)
        {
            CheckPiece(piece);
            _wants.AddPeerPiece(piece);
        }

        /// <summary>Counts a peer that has everything (HAVE ALL) once, not per piece.</summary>
        public void AddSeed() => _wants.AddSeed();

        /// <summary>Uncounts a seed.</summary>
        public void RemoveSeed() => _wants.RemoveSeed();

        /// <summary>
        /// Whether a peer has a piece we want and lack (our interest in it): a piece not yet
        /// started, or one in progress and still wanted.
        /// </summary>
        /// <param name="peerPieces">The peer's pieces.</param>
        /// <returns>True when the peer can give us something.</returns>
        public bool PeerHasWanted(Bitfield peerPieces) => _wants.PeerHasWanted(peerPieces);

        /// <summary>Peers known to have a piece, seeds included.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The count.</returns>
        public int GetAvailability(int piece)
        {
            CheckPiece(piece);
            return _wants.GetAvailability(piece);
        }

        /// <summary>Records a piece as verified (hash checked, or found good on recheck); anything in flight for it is forgotten.</summary>
        /// <param name="piece">The piece.</param>
        public void MarkVerified(int piece)
        {
            CheckPiece(piece);
            var active = _inFlight.Get(piece);
            if (active != null)
            {
                _inFlight.Release(active);
            }

            _wants.SetVerified(piece, true);
        }

        /// <summary>A piece failed its hash check: every block is missing again and the piece can be picked again.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="contributors">Receives the peers that sent its blocks (to find one that alone sent it), or null.</param>
        public void MarkFailed(int piece, List<object>? contributors)
        {
            CheckPiece(piece);
            var active = _inFlight.Get(piece);
            if (active != null)
            {
                contributors?.AddRange(active.Contributors);
                _inFlight.Release(active);
            }

            _wants.SetVerified(piece, false);
        }

        /// <summary>A piece failed its hash check (see <see cref="MarkFailed(int, List{object})"/>).</summary>
        /// <param name="piece">The piece.</param>
        public void MarkFailed(int piece) => MarkFailed(piece, null);

        /// <summary>A recheck found a piece bad or missing: it is missing again.</summary>
        /// <param name="piece">The piece.</param>
        public void MarkNotVerified(int piece) => MarkFailed(piece, null);

        /// <summary>Forgets every verified piece and everything in flight (before a full recheck). Priorities and availability stay.</summary>
        public void ResetAll()
        {
            for (int i = _inFlight.Count - 1; i >= 0; i--)
            {
                _inFlight.Release(_inFlight.At(i));
            }

            for (int piece = 0; piece < _layout.PieceCount; piece++)
            {
                _wants.SetVerified(piece, false);
            }
        }

        /// <summary>
        /// Chooses up to <paramref name="maxRequests"/> blocks to request from a peer, writes
        /// them to <paramref name="destination"/> and records them as requested at
        /// <paramref name="nowMs"/>. Padding blocks, verified, skipped and received blocks are
        /// never chosen. See the class remarks for the policy and costs.
        /// </summary>
        /// <param name="peer">The peer (by reference).</param>
        /// <param name="peerPieces">The peer's pieces (all set for a HAVE ALL peer).</param>
        /// <param name="peerIsChokingUs">True when the peer chokes us: only allowed-fast pieces are asked for.</param>
        /// <param name="allowedFast">Pieces the peer allows while choking (BEP 6), or null.</param>
        /// <param name="maxRequests">Most requests to make now.</param>
        /// <param name="destination">Receives the requests.</param>
        /// <param name="nowMs">The current time, for expiry.</param>
        /// <returns>Requests written.</returns>
        public int PickBlocks(object peer, Bitfield peerPieces, bool peerIsChokingUs, IReadOnlyCollection<int>? allowedFast, int maxRequests, Span<BlockRequest> destination, long nowMs)
        {
            if (peer is null)
            {
                throw new ArgumentNullException(nameof(peer));
            }

            CheckBitfield(peerPieces);
            int limit = Math.Min(maxRequests, destination.Length);
            if (limit <= 0 || peerPieces.IsEmpty || _wants.PiecesRemaining == 0)
            {
                return 0;
            }

            int written = _selector.Select(peer, peerPieces, peerIsChokingUs, allowedFast, destination.Slice(0, limit), nowMs);
            if (written > 0)
            {
                _inFlight.AddRequests(peer, written);
            }

            return written;
        }

        /// <summary>
        /// Takes in a block from a peer. Valid new data is accepted even when nobody
        /// requested it; its other requesters are listed for CANCEL and forgotten.
        /// </summary>
        /// <param name="peer">The sender.</param>
        /// <param name="piece">The piece index.</param>
        /// <param name="begin">Offset in the piece.</param>
        /// <param name="length">Length of the data.</param>
        /// <param name="cancelFrom">Receives the other peers that had requested the block (send them CANCEL).</param>
        /// <param name="pieceComplete">True when this block completed the piece: write and verify it.</param>
        /// <returns>What to do with the block.</returns>
        public BlockReceiveResult OnBlockReceived(object peer, int piece, int begin, int length, List<object> cancelFrom, out bool pieceComplete)
        {
            if (peer is null)
            {
                throw new ArgumentNullException(nameof(peer));
            }

            if (cancelFrom is null)
            {
                throw new ArgumentNullException(nameof(cancelFrom));
            }

            pieceComplete = false;
            if (!TryGetBlock(piece, begin, out int block) || length != _layout.GetBlockSize(piece, block))
            {
                return BlockReceiveResult.Invalid;
            }

            if (Verified[piece])
            {
                return BlockReceiveResult.Duplicate;
            }

            var active = _inFlight.Get(piece);
            if (active is null)
            {
                if (_layout.HasPadding && _layout.IsPaddingBlock(piece, block))
                {
                    return BlockReceiveResult.Duplicate;
                }

                if (!IsWanted(piece))
                {
                    return BlockReceiveResult.NotRequested;
                }

                active = Activate(piece);
            }

            if (active.IsReceived(block))
            {
                return BlockReceiveResult.Duplicate;
            }

            int first = cancelFrom.Count;
            if (active.MarkReceived(block, peer, cancelFrom))
            {
                _inFlight.RemoveRequests(peer, 1);
            }

            for (int i = first; i < cancelFrom.Count; i++)
            {
                _inFlight.RemoveRequests(cancelFrom[i], 1);
            }

            pieceComplete = active.IsComplete;
            return BlockReceiveResult.Accepted;
        }

        /// <summary>Forgets one request (the peer rejected it, or we cancelled it); the block can be requested again.</summary>
        /// <param name="peer">The peer.</param>
        /// <param name="piece">The piece index.</param>
        /// <param name="begin">Offset in the piece.</param>
        /// <returns>False when no such request was outstanding (including nonsense values from a peer).</returns>
        public bool CancelRequest(object peer, int piece, int begin)
        {
            if (peer is null || !TryGetBlock(piece, begin, out int block))
            {
                return false;
            }

            var active = _inFlight.Get(piece);
            if (active is null || !active.RemoveRequest(block, peer))
            {
                return false;
            }

            _inFlight.RemoveRequests(peer, 1);
            ReleaseIfIdle(active);
            return true;
        }

        /// <summary>Forgets every request of a peer (it choked us without the fast extension, or disconnected).</summary>
        /// <param name="peer">The peer.</param>
        public void RemovePeerRequests(object peer)
        {
            if (peer is null || _inFlight.CountRequests(peer) == 0)
            {
                return;
            }

            for (int i = _inFlight.Count - 1; i >= 0; i--)
            {
                var active = _inFlight.At(i);
                int removed = active.RemoveRequestsOf(peer);
                if (removed > 0)
                {
                    _inFlight.RemoveRequests(peer, removed);
                    ReleaseIfIdle(active);
                }
            }
        }

        /// <summary>Outstanding requests of a peer.</summary>
        /// <param name="peer">The peer.</param>
        /// <returns>The count.</returns>
        public int CountRequests(object peer) => peer is null ? 0 : _inFlight.CountRequests(peer);

        /// <summary>Drops requests made <paramref name="timeoutMs"/> or longer ago; their blocks can be requested again.</summary>
        /// <param name="nowMs">The current time.</param>
        /// <param name="timeoutMs">How long a request may stay unanswered.</param>
        /// <param name="expired">Receives each dropped request with its peer.</param>
        /// <returns>Requests dropped.</returns>
        public int ExpireRequests(long nowMs, long timeoutMs, List<(object Peer, BlockRequest Request)> expired)
        {
            if (expired is null)
            {
                throw new ArgumentNullException(nameof(expired));
            }

            long deadline = nowMs - timeoutMs;
            int total = 0;
            for (int i = _inFlight.Count - 1; i >= 0; i--)
            {
                var active = _inFlight.At(i);
                int first = expired.Count;
                int removed = active.ExpireRequests(deadline, _layout, expired);
                if (removed == 0)
                {
                    continue;
                }

                for (int j = first; j < expired.Count; j++)
                {
                    _inFlight.RemoveRequests(expired[j].Peer, 1);
                }

                total += removed;
                ReleaseIfIdle(active);
            }

            return total;
        }

        /// <summary>Peers that sent blocks of a piece in progress. A live view, valid until the piece is verified, failed or reset.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The peers (empty when the piece is not in progress).</returns>
        public IReadOnlyCollection<object> GetContributors(int piece)
        {
            CheckPiece(piece);
            return (IReadOnlyCollection<object>?)_inFlight.Get(piece)?.Contributors ?? Array.Empty<object>();
        }

        /// <summary>Blocks of a piece counted as received, padding blocks included (all of them once verified).</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The count.</returns>
        public int ReceivedBlockCount(int piece)
        {
            CheckPiece(piece);
            if (Verified[piece])
            {
                return _layout.GetBlockCount(piece);
            }

            return _inFlight.Get(piece)?.ReceivedCount ?? _layout.GetPaddingBlockCount(piece);
        }

        /// <summary>Number of peers a block is requested from right now.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="block">The block.</param>
        /// <returns>0..3.</returns>
        public int GetRequesterCount(int piece, int block)
        {
            _ = _layout.GetBlockSize(piece, block);
            return _inFlight.Get(piece)?.GetRequesterCount(block) ?? 0;
        }

        private ActivePiece Activate(int piece)
        {
            var active = _inFlight.Activate(piece);
            _wants.Refresh(piece);
            return active;
        }

        private void ReleaseIfIdle(ActivePiece active)
        {
            if (active.IsIdle)
            {
                int piece = active.Piece;
                _inFlight.Release(active);
                _wants.Refresh(piece);
            }
        }

        private bool TryGetBlock(int piece, int begin, out int block)
        {
            block = -1;
            if ((uint)piece >= (uint)_layout.PieceCount || begin < 0 || begin % PieceLayout.BlockSize != 0)
            {
                return false;
            }

            block = begin / PieceLayout.BlockSize;
            return block < _layout.GetBlockCount(piece);
        }

        private void CheckPiece(int piece)
        {
            if ((uint)piece >= (uint)_layout.PieceCount)
            {
                throw new ArgumentOutOfRangeException(nameof(piece), piece, "Piece out of range 0.." + (_layout.PieceCount - 1) + ".");
            }
        }

        private void CheckBitfield(Bitfield bitfield)
        {
            if (bitfield is null)
            {
                throw new ArgumentNullException(nameof(bitfield));
            }

            if (bitfield.Length != _layout.PieceCount)
            {
                throw new ArgumentException("The bitfield has " + bitfield.Length + " bits for " + _layout.PieceCount + " pieces.", nameof(bitfield));
            }
        }
    }
}
