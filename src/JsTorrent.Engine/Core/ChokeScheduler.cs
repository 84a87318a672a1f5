using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// When and whom a torrent unchokes: runs the <see cref="Choker"/> on its interval, or sooner
    /// when a slot frees up or a peer becomes interested while one is free, and sends the chokes
    /// and unchokes that follow. Loop-owned.
    /// </summary>
    internal sealed class ChokeScheduler
    {
        private readonly Choker _choker;
        private readonly int _uploadSlots;
        private readonly List<ChokeCandidate> _candidates = new List<ChokeCandidate>();
        private readonly HashSet<object> _unchoke = new HashSet<object>();
        private bool _soon;

        public ChokeScheduler(EngineOptions options, Random random)
        {
            _uploadSlots = options.UploadSlots;
            _choker = new Choker(
                new ChokerOptions
                {
                    UploadSlots = options.UploadSlots,
                    RechokeIntervalMs = (long)options.RechokeInterval.TotalMilliseconds,
                    OptimisticIntervalMs = (long)options.OptimisticUnchokeInterval.TotalMilliseconds,
                },
                random);
        }

        /// <summary>Re-rank at the next tick (the swarm started, or an unchoked or interested peer left).</summary>
        public void RechokeSoon() => _soon = true;

        /// <summary>A peer became interested: re-rank at the next tick if an upload slot is free.</summary>
        public void OnPeerInterested(IReadOnlyList<PeerConnection> peers)
        {
            int unchoked = 0;
            foreach (var peer in peers)
            {
                unchoked += peer.AmChoking ? 0 : 1;
            }

            _soon |= unchoked < _uploadSlots;
        }

        /// <summary>Re-ranks when due; <paramref name="onChoked"/> runs for each peer that loses its slot.</summary>
        public void RechokeIfDue(List<PeerConnection> peers, bool seeding, long nowMs, Action<PeerConnection> onChoked)
        {
            if (!_soon && !_choker.IsRechokeDue(nowMs))
            {
                return;
            }

            _soon = false;
            _candidates.Clear();
            foreach (var peer in peers)
            {
                _candidates.Add(new ChokeCandidate(
                    peer,
                    peer.PeerInterested,
                    peer.DownloadRate.GetBytesPerSecond(nowMs),
                    peer.UploadRate.GetBytesPerSecond(nowMs),
                    peer.ConnectedAtMs,
                    peer.IsSeed));
            }

            _unchoke.Clear();
            _choker.Rechoke(_candidates, seeding, nowMs, _unchoke);

            // Sends may fail and close a peer (removing it from the list) mid-loop: walk backwards, re-checking the bound.
            for (int i = peers.Count - 1; i >= 0; i--)
            {
                if (i >= peers.Count)
                {
                    continue;
                }

                var peer = peers[i];
                bool unchoke = _unchoke.Contains(peer);
                if (unchoke && peer.AmChoking)
                {
                    peer.SendUnchoke();
                }
                else if (!unchoke && !peer.AmChoking)
                {
                    peer.SendChoke();
                    onChoked(peer);
                }

                peer.Flush();
            }
        }
    }
}
