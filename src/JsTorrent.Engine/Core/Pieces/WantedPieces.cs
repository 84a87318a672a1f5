using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// What we want and who has it: piece priorities, verified pieces, availability, the
    /// remaining wanted bytes, and the candidates (wanted, unverified pieces not in
    /// progress) that new pieces are started from.
    /// </summary>
    internal sealed class WantedPieces
    {
        private readonly PieceLayout _layout;
        private readonly InFlightPieces _inFlight;
        private readonly FilePriority[] _priority;
        private readonly FilePriority[] _scratchPriority;
        private readonly int[] _availability;
        private readonly Bitfield? _paddingPieces;
        private readonly CandidateBuckets _candidates;

        /// <summary>Every piece missing and <see cref="FilePriority.Normal"/>, on no peer.</summary>
        /// <param name="layout">The layout.</param>
        /// <param name="inFlight">The pieces in progress (never candidates).</param>
        /// <param name="random">The tie-break source.</param>
        public WantedPieces(PieceLayout layout, InFlightPieces inFlight, Random random)
        {
            _layout = layout;
            _inFlight = inFlight;
            int count = layout.PieceCount;
            Verified = new Bitfield(count);
            _priority = new FilePriority[count];
            _scratchPriority = new FilePriority[count];
            _availability = new int[count];
            _candidates = new CandidateBuckets(count, random);
            if (layout.HasPadding)
            {
                _paddingPieces = new Bitfield(count);
                for (int piece = 0; piece < count; piece++)
                {
                    _paddingPieces[piece] = layout.IsPaddingPiece(piece);
                }
            }

            for (int piece = 0; piece < count; piece++)
            {
                _priority[piece] = FilePriority.Normal;
                Account(piece, false);
                Refresh(piece);
            }
        }

        /// <summary>Pieces we have verified.</summary>
        public Bitfield Verified { get; }

        /// <summary>Bytes of wanted, unverified pieces (padding excluded).</summary>
        public long BytesRemaining { get; private set; }

        /// <summary>Wanted, unverified pieces.</summary>
        public int PiecesRemaining { get; private set; }

        /// <summary>Peers counted as having every piece.</summary>
        public int SeedCount { get; private set; }

        /// <summary>Pieces that can be started.</summary>
        public int CandidateCount => _candidates.Count;

        /// <summary>True when the piece has a priority other than Skip and is not all padding.</summary>
        /// <param name="piece">The piece (in range).</param>
        /// <returns>Wanted.</returns>
        public bool IsWanted(int piece) => _priority[piece] != FilePriority.Skip && (_paddingPieces is null || !_paddingPieces[piece]);

        /// <summary>A piece's priority.</summary>
        /// <param name="piece">The piece (in range).</param>
        /// <returns>The priority.</returns>
        public FilePriority GetPriority(int piece) => _priority[piece];

        /// <summary>Sets a piece's priority.</summary>
        /// <param name="piece">The piece (in range).</param>
        /// <param name="priority">The priority.</param>
        public void SetPriority(int piece, FilePriority priority)
        {
            if ((uint)priority > (uint)FilePriority.High)
            {
                throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority.");
            }

            if (_priority[piece] == priority)
            {
                return;
            }

            bool before = IsMissing(piece);
            _priority[piece] = priority;
            Account(piece, before);
            Refresh(piece);
        }

        /// <summary>Sets every piece's priority from file priorities (see <see cref="FilePiecePriorities.Compute"/>).</summary>
        /// <param name="files">Every file's byte range in torrent order, padding files flagged.</param>
        /// <param name="priorities">One priority per file.</param>
        public void SetFilePriorities(IReadOnlyList<(long Offset, long Length, bool IsPadding)> files, IReadOnlyList<FilePriority> priorities)
        {
            FilePiecePriorities.Compute(_layout, files, priorities, _scratchPriority);
            for (int piece = 0; piece < _scratchPriority.Length; piece++)
            {
                SetPriority(piece, _scratchPriority[piece]);
            }
        }

        /// <summary>Marks a piece verified or not.</summary>
        /// <param name="piece">The piece (in range).</param>
        /// <param name="verified">The new state.</param>
        public void SetVerified(int piece, bool verified)
        {
            bool before = IsMissing(piece);
            Verified[piece] = verified;
            Account(piece, before);
            Refresh(piece);
        }

        /// <summary>Counts a peer's pieces.</summary>
        /// <param name="peerPieces">The peer's pieces (right length).</param>
        public void AddPeer(Bitfield peerPieces)
        {
            for (int piece = peerPieces.NextSet(0); piece >= 0; piece = peerPieces.NextSet(piece + 1))
            {
                _candidates.SetAvailability(piece, ++_availability[piece]);
            }
        }

        /// <summary>Uncounts a peer's pieces.</summary>
        /// <param name="peerPieces">The peer's pieces (right length).</param>
        public void RemovePeer(Bitfield peerPieces)
        {
            for (int piece = peerPieces.NextSet(0); piece >= 0; piece = peerPieces.NextSet(piece + 1))
            {
                if (_availability[piece] > 0)
                {
                    _candidates.SetAvailability(piece, --_availability[piece]);
                }
            }
        }

        /// <summary>Counts one piece of a peer.</summary>
        /// <param name="piece">The piece (in range).</param>
        public void AddPeerPiece(int piece) => _candidates.SetAvailability(piece, ++_availability[piece]);

        /// <summary>Counts a seed.</summary>
        public void AddSeed() => SeedCount++;

        /// <summary>Uncounts a seed.</summary>
        public void RemoveSeed()
        {
            if (SeedCount > 0)
            {
                SeedCount--;
            }
        }

        /// <summary>Peers having a piece, seeds included.</summary>
        /// <param name="piece">The piece (in range).</param>
        /// <returns>The count.</returns>
        public int GetAvailability(int piece) => _availability[piece] + SeedCount;

        /// <summary>The best candidate the peer has (see <see cref="CandidateBuckets.FindBest"/>), or -1.</summary>
        /// <param name="peerPieces">The peer's pieces.</param>
        /// <returns>A piece, or -1.</returns>
        public int FindBestCandidate(Bitfield peerPieces) => _candidates.FindBest(peerPieces);

        /// <summary>Whether the peer has a wanted piece not yet verified: one not started, or one in progress.</summary>
        /// <param name="peerPieces">The peer's pieces.</param>
        /// <returns>True when the peer can give us something.</returns>
        public bool PeerHasWanted(Bitfield peerPieces)
        {
            if (FindBestCandidate(peerPieces) >= 0)
            {
                return true;
            }

            for (int i = 0; i < _inFlight.Count; i++)
            {
                int piece = _inFlight.At(i).Piece;
                if (peerPieces[piece] && IsWanted(piece))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Re-evaluates whether a piece is a candidate (after it started or stopped being in progress).</summary>
        /// <param name="piece">The piece (in range).</param>
        public void Refresh(int piece)
        {
            if (_inFlight.Get(piece) is null && !Verified[piece] && IsWanted(piece))
            {
                _candidates.Set(piece, _priority[piece], _availability[piece]);
            }
            else
            {
                _candidates.Remove(piece);
            }
        }

        private bool IsMissing(int piece) => IsWanted(piece) && !Verified[piece];

        private void Account(int piece, bool wasMissing)
        {
            bool isMissing = IsMissing(piece);
            if (isMissing != wasMissing)
            {
                int sign = isMissing ? 1 : -1;
                PiecesRemaining += sign;
                BytesRemaining += sign * (long)_layout.GetContentSize(piece);
            }
        }
    }
}
