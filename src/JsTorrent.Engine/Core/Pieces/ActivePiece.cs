using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// Per-block state of one piece in progress: which blocks are received, who requested
    /// each missing block and when (at most <see cref="MaxRequesters"/>), how many requests
    /// each peer has in the piece, and which peers sent its data. Instances are pooled
    /// by <see cref="PiecePicker"/> and sized for the largest piece, so starting a piece
    /// allocates nothing.
    /// </summary>
    internal sealed class ActivePiece
    {
        /// <summary>Most peers a block is requested from at once (endgame duplicates).</summary>
        public const int MaxRequesters = 3;

        private readonly bool[] _received;
        private readonly byte[] _requesterCount;
        private readonly object?[] _requesters;
        private readonly long[] _requestedAt;
        private readonly List<object> _contributors = new List<object>();
        private object?[] _peers = new object?[4];
        private int[] _peerCounts = new int[4];
        private int _peerSlots;

        /// <summary>Creates an idle instance for pieces of up to <paramref name="maxBlocks"/> blocks.</summary>
        /// <param name="maxBlocks">Blocks in the largest piece.</param>
        public ActivePiece(int maxBlocks)
        {
            _received = new bool[maxBlocks];
            _requesterCount = new byte[maxBlocks];
            _requesters = new object?[maxBlocks * MaxRequesters];
            _requestedAt = new long[maxBlocks * MaxRequesters];
        }

        /// <summary>The piece index.</summary>
        public int Piece { get; private set; } = -1;

        /// <summary>Blocks in the piece.</summary>
        public int BlockCount { get; private set; }

        /// <summary>Blocks received, padding blocks included.</summary>
        public int ReceivedCount { get; private set; }

        /// <summary>Blocks received from a peer (padding excluded).</summary>
        public int DownloadedCount { get; private set; }

        /// <summary>Missing blocks requested from at least one peer.</summary>
        public int RequestedBlockCount { get; private set; }

        /// <summary>Outstanding requests, duplicates counted.</summary>
        public int RequestCount { get; private set; }

        /// <summary>Missing blocks nobody has been asked for.</summary>
        public int UnrequestedCount => BlockCount - ReceivedCount - RequestedBlockCount;

        /// <summary>True when every block is received.</summary>
        public bool IsComplete => ReceivedCount == BlockCount;

        /// <summary>True when nothing was downloaded and nothing is requested: the piece can go back to the candidates.</summary>
        public bool IsIdle => DownloadedCount == 0 && RequestCount == 0;

        /// <summary>Peers that sent blocks of this piece (each once).</summary>
        public List<object> Contributors => _contributors;

        /// <summary>Takes on a piece: padding blocks start out received.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="layout">The layout.</param>
        public void Start(int piece, PieceLayout layout)
        {
            Piece = piece;
            BlockCount = layout.GetBlockCount(piece);
            int padding = 0;
            for (int b = 0; b < BlockCount; b++)
            {
                bool isPadding = layout.HasPadding && layout.IsPaddingBlock(piece, b);
                _received[b] = isPadding;
                padding += isPadding ? 1 : 0;
            }

            ReceivedCount = padding;
        }

        /// <summary>Forgets the piece (the caller has already removed every request).</summary>
        public void Reset()
        {
            Array.Clear(_requesters, 0, BlockCount * MaxRequesters);
            Array.Clear(_requesterCount, 0, BlockCount);
            Array.Clear(_peers, 0, _peerSlots);
            _peerSlots = 0;
            _contributors.Clear();
            Piece = -1;
            BlockCount = 0;
            ReceivedCount = 0;
            DownloadedCount = 0;
            RequestedBlockCount = 0;
            RequestCount = 0;
        }

        /// <summary>True when a block is received (or padding).</summary>
        /// <param name="block">The block.</param>
        /// <returns>Received.</returns>
        public bool IsReceived(int block) => _received[block];

        /// <summary>Number of peers a block is requested from.</summary>
        /// <param name="block">The block.</param>
        /// <returns>0..<see cref="MaxRequesters"/>.</returns>
        public int GetRequesterCount(int block) => _requesterCount[block];

        /// <summary>True when a block is requested from this peer.</summary>
        /// <param name="block">The block.</param>
        /// <param name="peer">The peer.</param>
        /// <returns>Requested from the peer.</returns>
        public bool IsRequestedFrom(int block, object peer) => SlotOf(block, peer) >= 0;

        /// <summary>Outstanding requests of a peer in this piece.</summary>
        /// <param name="peer">The peer.</param>
        /// <returns>Requests.</returns>
        public int CountRequestsOf(object peer)
        {
            for (int i = 0; i < _peerSlots; i++)
            {
                if (ReferenceEquals(_peers[i], peer))
                {
                    return _peerCounts[i];
                }
            }

            return 0;
        }

        /// <summary>Records a request (the caller checked it is missing, below the limit and not already from this peer).</summary>
        /// <param name="block">The block.</param>
        /// <param name="peer">The peer.</param>
        /// <param name="nowMs">When.</param>
        public void AddRequest(int block, object peer, long nowMs)
        {
            int count = _requesterCount[block];
            int slot = (block * MaxRequesters) + count;
            _requesters[slot] = peer;
            _requestedAt[slot] = nowMs;
            _requesterCount[block] = (byte)(count + 1);
            if (count == 0)
            {
                RequestedBlockCount++;
            }

            RequestCount++;
            AdjustPeer(peer, 1);
        }

        /// <summary>Drops a peer's request for a block.</summary>
        /// <param name="block">The block.</param>
        /// <param name="peer">The peer.</param>
        /// <returns>False when the block was not requested from the peer.</returns>
        public bool RemoveRequest(int block, object peer)
        {
            int slot = SlotOf(block, peer);
            if (slot < 0)
            {
                return false;
            }

            RemoveSlot(block, slot);
            return true;
        }

        /// <summary>Drops every request of a peer in this piece.</summary>
        /// <param name="peer">The peer.</param>
        /// <returns>Requests dropped.</returns>
        public int RemoveRequestsOf(object peer)
        {
            int removed = 0;
            for (int b = 0; b < BlockCount && CountRequestsOf(peer) > 0; b++)
            {
                if (RemoveRequest(b, peer))
                {
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Drops every request; each dropped one is added to <paramref name="dropped"/> when given.</summary>
        /// <param name="dropped">Receives the requesting peers (one entry per request), or null.</param>
        /// <returns>Requests dropped.</returns>
        public int RemoveAllRequests(List<object>? dropped)
        {
            int removed = 0;
            for (int b = 0; b < BlockCount; b++)
            {
                while (_requesterCount[b] > 0)
                {
                    int slot = (b * MaxRequesters) + _requesterCount[b] - 1;
                    dropped?.Add(_requesters[slot]!);
                    RemoveSlot(b, slot);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>
        /// Marks a block received from <paramref name="peer"/>: its other requesters go to
        /// <paramref name="others"/>, and all its requests are dropped.
        /// </summary>
        /// <param name="block">The block (not yet received).</param>
        /// <param name="peer">The sender.</param>
        /// <param name="others">Receives the other requesters.</param>
        /// <returns>True when the sender itself had requested the block.</returns>
        public bool MarkReceived(int block, object peer, List<object> others)
        {
            bool own = false;
            while (_requesterCount[block] > 0)
            {
                int slot = (block * MaxRequesters) + _requesterCount[block] - 1;
                object requester = _requesters[slot]!;
                if (ReferenceEquals(requester, peer))
                {
                    own = true;
                }
                else
                {
                    others.Add(requester);
                }

                RemoveSlot(block, slot);
            }

            _received[block] = true;
            ReceivedCount++;
            DownloadedCount++;
            AddContributor(peer);

            return own;
        }

        /// <summary>Drops requests made at or before <paramref name="deadlineMs"/>, reporting each.</summary>
        /// <param name="deadlineMs">Requests made at or before this time expire.</param>
        /// <param name="layout">The layout (for block lengths).</param>
        /// <param name="expired">Receives the expired requests.</param>
        /// <returns>Requests dropped.</returns>
        public int ExpireRequests(long deadlineMs, PieceLayout layout, List<(object Peer, BlockRequest Request)> expired)
        {
            int removed = 0;
            for (int b = 0; b < BlockCount; b++)
            {
                for (int k = _requesterCount[b] - 1; k >= 0; k--)
                {
                    int slot = (b * MaxRequesters) + k;
                    if (_requestedAt[slot] <= deadlineMs)
                    {
                        var request = new BlockRequest(Piece, b * PieceLayout.BlockSize, layout.GetBlockSize(Piece, b));
                        expired.Add((_requesters[slot]!, request));
                        RemoveSlot(b, slot);
                        removed++;
                    }
                }
            }

            return removed;
        }

        private void AddContributor(object peer)
        {
            foreach (object known in _contributors)
            {
                if (ReferenceEquals(known, peer))
                {
                    return;
                }
            }

            _contributors.Add(peer);
        }

        private int SlotOf(int block, object peer)
        {
            int first = block * MaxRequesters;
            int end = first + _requesterCount[block];
            for (int slot = first; slot < end; slot++)
            {
                if (ReferenceEquals(_requesters[slot], peer))
                {
                    return slot;
                }
            }

            return -1;
        }

        private void RemoveSlot(int block, int slot)
        {
            object peer = _requesters[slot]!;
            int last = (block * MaxRequesters) + _requesterCount[block] - 1;
            _requesters[slot] = _requesters[last];
            _requestedAt[slot] = _requestedAt[last];
            _requesters[last] = null;
            _requesterCount[block]--;
            if (_requesterCount[block] == 0)
            {
                RequestedBlockCount--;
            }

            RequestCount--;
            AdjustPeer(peer, -1);
        }

        private void AdjustPeer(object peer, int delta)
        {
            for (int i = 0; i < _peerSlots; i++)
            {
                if (ReferenceEquals(_peers[i], peer))
                {
                    _peerCounts[i] += delta;
                    if (_peerCounts[i] == 0)
                    {
                        _peerSlots--;
                        _peers[i] = _peers[_peerSlots];
                        _peerCounts[i] = _peerCounts[_peerSlots];
                        _peers[_peerSlots] = null;
                    }

                    return;
                }
            }

            if (_peerSlots == _peers.Length)
            {
                Array.Resize(ref _peers, _peers.Length * 2);
                Array.Resize(ref _peerCounts, _peerCounts.Length * 2);
            }

            _peers[_peerSlots] = peer;
            _peerCounts[_peerSlots] = delta;
            _peerSlots++;
        }
    }
}
