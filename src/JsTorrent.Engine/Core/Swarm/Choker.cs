using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// Decides which peers we upload to: tit-for-tat for UploadSlots - 1 regular slots and one
    /// optimistic slot that gives a random interested peer a chance to prove itself.
    /// </summary>
    /// <remarks>
    /// Leeching ranks interested peers by how fast they give us data; seeding ranks them by
    /// how fast they take it (the peers that spread pieces best). Ties are broken randomly
    /// through the injected <see cref="Random"/>, so a fixed seed gives a fixed outcome.
    /// Peers that are not interested, and seeds, never hold a slot and stay choked: unchoking
    /// them would only invite a request storm the moment they become interested.
    /// One instance per torrent, owned by the engine loop (no locks); scratch lists are reused
    /// so a rechoke allocates nothing once they have grown to the swarm's size.
    /// </remarks>
    internal sealed class Choker
    {
        private readonly ChokerOptions _options;
        private readonly Random _random;

        // Indices into the candidate list: the regular slots first, then the optimistic pool.
        private readonly List<int> _eligible = new List<int>();
        private long _nextRechokeMs = long.MinValue;
        private long _optimisticSinceMs;
        private bool _rechokeRequested;

        public Choker(ChokerOptions options, Random random)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _random = random ?? throw new ArgumentNullException(nameof(random));
        }

        /// <summary>The peer holding the optimistic slot since the last rechoke, or null.</summary>
        public object? OptimisticPeer { get; private set; }

        /// <summary>When the next periodic rechoke is due (monotonic ms).</summary>
        public long NextRechokeMs => _nextRechokeMs;

        /// <summary>True when the rechoke interval has passed or a rechoke was requested.</summary>
        public bool IsRechokeDue(long nowMs) => _rechokeRequested || nowMs >= _nextRechokeMs;

        /// <summary>
        /// Makes the next <see cref="IsRechokeDue"/> true, for events that should not wait for the
        /// interval (an unchoked peer left or lost interest, a fast peer became interested).
        /// </summary>
        public void RequestRechoke() => _rechokeRequested = true;

        /// <summary>
        /// Clears <paramref name="unchoked"/> and fills it with the peers to unchoke; every other
        /// candidate should be choked. Restarts the rechoke interval.
        /// </summary>
        public void Rechoke(IReadOnlyList<ChokeCandidate> candidates, bool seeding, long nowMs, ICollection<object> unchoked)
        {
            if (candidates == null)
            {
                throw new ArgumentNullException(nameof(candidates));
            }

            if (unchoked == null)
            {
                throw new ArgumentNullException(nameof(unchoked));
            }

            unchoked.Clear();
            _rechokeRequested = false;
            _nextRechokeMs = SwarmTime.AddSaturating(nowMs, Math.Max(0, _options.RechokeIntervalMs));

            _eligible.Clear();
            for (int i = 0; i < candidates.Count; i++)
            {
                if (candidates[i].IsInterested && !candidates[i].IsSeed)
                {
                    _eligible.Add(i);
                }
            }

            int slots = Math.Max(0, _options.UploadSlots);
            if (slots == 0)
            {
                OptimisticPeer = null;
                return;
            }

            int regularCount = Math.Min(slots - 1, _eligible.Count);
            SelectRegular(candidates, seeding, regularCount);
            for (int s = 0; s < regularCount; s++)
            {
                unchoked.Add(candidates[_eligible[s]].Peer);
            }

            UpdateOptimistic(candidates, regularCount, nowMs);
            if (OptimisticPeer != null)
            {
                unchoked.Add(OptimisticPeer);
            }
        }

        private static long Rank(in ChokeCandidate candidate, bool seeding) =>
            seeding ? candidate.UploadRateToPeer : candidate.DownloadRateFromPeer;

        /// <summary>Moves the <paramref name="count"/> best-ranked eligible peers to the front.</summary>
        private void SelectRegular(IReadOnlyList<ChokeCandidate> candidates, bool seeding, int count)
        {
            // Shuffle first so that the "first best wins" selection below breaks ties randomly.
            for (int i = _eligible.Count - 1; i > 0; i--)
            {
                Swap(i, _random.Next(i + 1));
            }

            // A partial selection: only a few slots, so this beats sorting the whole swarm.
            for (int s = 0; s < count; s++)
            {
                int best = s;
                long bestRank = Rank(candidates[_eligible[s]], seeding);
                for (int j = s + 1; j < _eligible.Count; j++)
                {
                    long rank = Rank(candidates[_eligible[j]], seeding);
                    if (rank > bestRank)
                    {
                        best = j;
                        bestRank = rank;
                    }
                }

                Swap(s, best);
            }
        }

        private void UpdateOptimistic(IReadOnlyList<ChokeCandidate> candidates, int poolStart, long nowMs)
        {
            object? current = OptimisticPeer;
            bool currentInPool = current != null && PoolContains(candidates, poolStart, current);
            if (!currentInPool)
            {
                // It left, lost interest, or earned a regular slot: the optimistic slot is free now.
                OptimisticPeer = PickOptimistic(candidates, poolStart, null, nowMs);
                _optimisticSinceMs = nowMs;
                return;
            }

            if (nowMs - _optimisticSinceMs < _options.OptimisticIntervalMs)
            {
                return;
            }

            object? next = PickOptimistic(candidates, poolStart, current, nowMs);
            if (next != null)
            {
                OptimisticPeer = next;
                _optimisticSinceMs = nowMs;
            }

            // With no other candidate the current peer keeps the slot, and the rotation is
            // retried at every rechoke until someone else shows up.
        }

        private bool PoolContains(IReadOnlyList<ChokeCandidate> candidates, int poolStart, object peer)
        {
            for (int k = poolStart; k < _eligible.Count; k++)
            {
                if (Equals(candidates[_eligible[k]].Peer, peer))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A weighted random pool member other than <paramref name="exclude"/>, or null if there is none.</summary>
        private object? PickOptimistic(IReadOnlyList<ChokeCandidate> candidates, int poolStart, object? exclude, long nowMs)
        {
            long total = 0;
            for (int k = poolStart; k < _eligible.Count; k++)
            {
                var candidate = candidates[_eligible[k]];
                if (exclude == null || !Equals(candidate.Peer, exclude))
                {
                    total += Weight(candidate, nowMs);
                }
            }

            if (total == 0)
            {
                return null;
            }

            long ticket = total <= int.MaxValue ? _random.Next((int)total) : Math.Min(total - 1, (long)(_random.NextDouble() * total));
            for (int k = poolStart; k < _eligible.Count; k++)
            {
                var candidate = candidates[_eligible[k]];
                if (exclude != null && Equals(candidate.Peer, exclude))
                {
                    continue;
                }

                ticket -= Weight(candidate, nowMs);
                if (ticket < 0)
                {
                    return candidate.Peer;
                }
            }

            // Unreachable: the tickets sum to total.
            return null;
        }

        private long Weight(in ChokeCandidate candidate, long nowMs)
        {
            // A new peer has had no time to earn a regular slot, so it gets more lottery tickets.
            bool isNew = nowMs - candidate.ConnectedAtMs < _options.NewPeerAgeMs;
            return isNew ? Math.Min(Math.Max(1, _options.NewPeerWeight), 1000) : 1;
        }

        private void Swap(int a, int b)
        {
            int held = _eligible[a];
            _eligible[a] = _eligible[b];
            _eligible[b] = held;
        }
    }
}
