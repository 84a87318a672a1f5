using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>
    /// One BEP 12 tier: trackers that stand in for each other. One of them is in use at a time;
    /// on failure the next one is tried, and the one that answers moves to the front.
    /// </summary>
    internal sealed class TrackerTier
    {
        private readonly List<TrackerEntry> _entries = new List<TrackerEntry>();
        private int _current;

        public IReadOnlyList<TrackerEntry> Entries => _entries;

        /// <summary>The tracker in use, or null when none of the tier is usable.</summary>
        public TrackerEntry? Current
        {
            get
            {
                if (_current < _entries.Count && _entries[_current].IsUsable)
                {
                    return _entries[_current];
                }

                for (int i = 0; i < _entries.Count; i++)
                {
                    if (_entries[i].IsUsable)
                    {
                        _current = i;
                        return _entries[i];
                    }
                }

                return null;
            }
        }

        /// <summary>True while an announce of this tier is outstanding (one at a time per tier).</summary>
        public bool Busy
        {
            get
            {
                foreach (var entry in _entries)
                {
                    if (entry.InFlight)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public void Add(TrackerEntry entry) => _entries.Add(entry);

        public bool Remove(TrackerEntry entry)
        {
            int index = _entries.IndexOf(entry);
            if (index < 0)
            {
                return false;
            }

            _entries.RemoveAt(index);
            if (_current > index || _current >= _entries.Count)
            {
                _current = Math.Max(0, _current - 1);
            }

            return true;
        }

        /// <summary>BEP 12: each tier is shuffled once, when it is made.</summary>
        public void Shuffle(Random random)
        {
            for (int i = _entries.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                var swap = _entries[i];
                _entries[i] = _entries[j];
                _entries[j] = swap;
            }

            _current = 0;
        }

        /// <summary>BEP 12: a tracker that answered moves to the front of its tier and stays in use.</summary>
        public void Promote(TrackerEntry entry)
        {
            int index = _entries.IndexOf(entry);
            if (index > 0)
            {
                _entries.RemoveAt(index);
                _entries.Insert(0, entry);
            }

            _current = 0;
        }

        /// <summary>
        /// After the tracker in use failed: the next usable one, going round the tier from it, whose
        /// back-off ends first. Trackers never tried (or not failing) are due at once, so a fresh
        /// one is tried right away; once all have failed, the tier waits for the first back-off to end.
        /// </summary>
        public void FailOver()
        {
            int count = _entries.Count;
            int best = -1;
            for (int step = 1; step <= count; step++)
            {
                int i = (_current + step) % count;
                var candidate = _entries[i];
                if (candidate.IsUsable && (best < 0 || candidate.NextAnnounceMs < _entries[best].NextAnnounceMs))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                _current = best;
            }
        }
    }
}
