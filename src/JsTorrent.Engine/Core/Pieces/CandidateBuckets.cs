using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// The pieces that may be started (wanted, not verified, nothing in flight), bucketed
    /// by priority and availability so "the best piece this peer has" is usually found
    /// by looking at a handful of entries instead of every piece. Within a bucket the
    /// order is random (each insertion swaps with a random position) and a search starts
    /// at a random position, which gives the random tie-break among equally rare pieces.
    /// </summary>
    /// <remarks>
    /// Add, remove and re-key are O(1). <see cref="FindBest"/> visits buckets from the
    /// highest priority and lowest availability; for a peer that has everything it is
    /// O(buckets). For a peer holding few of the candidates the bucket walk could visit
    /// many pieces it lacks, so after a budget of one entry per bitfield word it falls
    /// back to a word-wise scan of (peer AND candidates): O(pieces / 64 + matches).
    /// </remarks>
    internal sealed class CandidateBuckets
    {
        private const int MinimumBudget = 64;

        // Index (int)FilePriority; Skip (0) is never a candidate.
        private readonly List<PieceBucket>[] _byPriority;
        private readonly int[] _countByPriority;
        private readonly int[] _position;
        private readonly byte[] _priority;
        private readonly int[] _availability;
        private readonly Bitfield _members;
        private readonly Random _random;

        /// <summary>Creates an empty set.</summary>
        /// <param name="pieceCount">Number of pieces.</param>
        /// <param name="random">The tie-break source.</param>
        public CandidateBuckets(int pieceCount, Random random)
        {
            _random = random;
            _byPriority = new List<PieceBucket>[(int)FilePriority.High + 1];
            _countByPriority = new int[_byPriority.Length];
            for (int p = 0; p < _byPriority.Length; p++)
            {
                _byPriority[p] = new List<PieceBucket>();
            }

            _position = new int[pieceCount];
            _priority = new byte[pieceCount];
            _availability = new int[pieceCount];
            _members = new Bitfield(pieceCount);
            for (int i = 0; i < pieceCount; i++)
            {
                _position[i] = -1;
            }
        }

        /// <summary>Number of candidate pieces.</summary>
        public int Count => _members.CountSet;

        /// <summary>True when a piece is a candidate.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>Membership.</returns>
        public bool Contains(int piece) => _position[piece] >= 0;

        /// <summary>Adds a piece, or moves it when its priority or availability changed.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="priority">Its priority (not Skip).</param>
        /// <param name="availability">Peers known to have it (seeds aside).</param>
        public void Set(int piece, FilePriority priority, int availability)
        {
            if (_position[piece] >= 0)
            {
                if (_priority[piece] == (byte)priority && _availability[piece] == availability)
                {
                    return;
                }

                Remove(piece);
            }

            var bucket = Bucket((int)priority, availability);
            int position = bucket.Add(piece);
            int swapWith = _random.Next(position + 1);
            if (swapWith != position)
            {
                bucket.Swap(swapWith, position);
                _position[bucket[position]] = position;
                position = swapWith;
            }

            _position[piece] = position;
            _priority[piece] = (byte)priority;
            _availability[piece] = availability;
            _countByPriority[(int)priority]++;
            _members[piece] = true;
        }

        /// <summary>Re-keys a candidate whose availability changed; no-op for a non-candidate.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="availability">The new availability.</param>
        public void SetAvailability(int piece, int availability)
        {
            if (_position[piece] >= 0)
            {
                Set(piece, (FilePriority)_priority[piece], availability);
            }
        }

        /// <summary>Removes a piece; no-op when it is not a candidate.</summary>
        /// <param name="piece">The piece.</param>
        public void Remove(int piece)
        {
            int position = _position[piece];
            if (position < 0)
            {
                return;
            }

            int priority = _priority[piece];
            int moved = _byPriority[priority][_availability[piece]].RemoveAt(position);
            if (moved >= 0)
            {
                _position[moved] = position;
            }

            _position[piece] = -1;
            _countByPriority[priority]--;
            _members[piece] = false;
        }

        /// <summary>
        /// The candidate the peer has with the highest priority, then the lowest
        /// availability, ties broken at random; -1 when the peer has no candidate.
        /// </summary>
        /// <param name="peer">The peer's pieces.</param>
        /// <returns>A piece, or -1.</returns>
        public int FindBest(Bitfield peer)
        {
            if (_members.IsEmpty || peer.IsEmpty)
            {
                return -1;
            }

            bool hasAll = peer.IsAllSet;
            int budget = Math.Max(MinimumBudget, _members.WordCount);
            for (int priority = _byPriority.Length - 1; priority > 0; priority--)
            {
                if (_countByPriority[priority] == 0)
                {
                    continue;
                }

                var buckets = _byPriority[priority];
                for (int availability = 0; availability < buckets.Count; availability++)
                {
                    var bucket = buckets[availability];
                    int count = bucket.Count;
                    if (count == 0)
                    {
                        continue;
                    }

                    if (hasAll)
                    {
                        return bucket[_random.Next(count)];
                    }

                    int position = _random.Next(count);
                    for (int i = 0; i < count; i++)
                    {
                        int piece = bucket[position];
                        if (peer[piece])
                        {
                            return piece;
                        }

                        if (--budget == 0)
                        {
                            return ScanAll(peer);
                        }

                        if (++position == count)
                        {
                            position = 0;
                        }
                    }
                }
            }

            return -1;
        }

        private int ScanAll(Bitfield peer)
        {
            int best = -1;
            int bestPriority = -1;
            int bestAvailability = int.MaxValue;
            int ties = 0;
            for (int w = 0; w < _members.WordCount; w++)
            {
                ulong word = _members.GetWord(w) & peer.GetWord(w);
                while (word != 0)
                {
                    int piece = (w << 6) + BitMath.TrailingZeroCount(word);
                    word &= word - 1;
                    int priority = _priority[piece];
                    int availability = _availability[piece];
                    if (priority > bestPriority || (priority == bestPriority && availability < bestAvailability))
                    {
                        best = piece;
                        bestPriority = priority;
                        bestAvailability = availability;
                        ties = 1;
                    }
                    else if (priority == bestPriority && availability == bestAvailability && _random.Next(++ties) == 0)
                    {
                        // Reservoir sampling: each of the tied pieces ends up chosen with equal chance.
                        best = piece;
                    }
                }
            }

            return best;
        }

        private PieceBucket Bucket(int priority, int availability)
        {
            var buckets = _byPriority[priority];
            while (buckets.Count <= availability)
            {
                buckets.Add(new PieceBucket());
            }

            return buckets[availability];
        }
    }
}
