using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>
    /// The trackers of one torrent, in BEP 12 tiers. Each tier is shuffled once; one tracker per
    /// tier is in use at a time; on failure the next one of the tier is tried, and the one that
    /// answers moves to the front. All tiers are announced to in parallel, as qBittorrent and
    /// uTorrent do (BEP 12 itself walks the tiers in order and stops at the first that answers;
    /// announcing to all gives more peers and keeps every tracker's statistics right).
    /// Scheduling is driven by <see cref="Tick"/>; everything runs on the engine loop, with no
    /// locks and no timers of its own. Scheduling, announcing and scraping are in the
    /// <c>Announcing</c> part, stopping in the <c>Stopping</c> part.
    /// </summary>
    internal sealed partial class TrackerManager
    {
        private readonly ITrackerOwner _owner;
        private readonly ITrackerClientFactory _factory;
        private readonly TrackerOptions _options;
        private readonly Random _random;
        private readonly uint _key;
        private readonly Func<long> _clock;
        private readonly Logger _log;
        private readonly List<TrackerTier> _tiers = new List<TrackerTier>();
        private readonly HashSet<string> _keys = new HashSet<string>(StringComparer.Ordinal);

        /// <param name="owner">The torrent: announce fields, peer sink.</param>
        /// <param name="factory">Makes a client per URL; null for schemes we do not speak.</param>
        /// <param name="options">Intervals, back-off, deadline, numwant.</param>
        /// <param name="random">The engine's random source (tier shuffles).</param>
        /// <param name="key">The engine's announce key.</param>
        /// <param name="clock">Engine milliseconds, read when an announce ends.</param>
        /// <param name="log">Component "tracker", instance the info-hash.</param>
        public TrackerManager(ITrackerOwner owner, ITrackerClientFactory factory, TrackerOptions options, Random random, uint key, Func<long> clock, Logger log)
        {
            _owner = owner;
            _factory = factory;
            _options = options;
            _random = random;
            _key = key;
            _clock = clock;
            _log = log;
        }

        /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
        public bool IsRunning { get; private set; }

        public IReadOnlyList<TrackerTier> Tiers => _tiers;

        /// <summary>Adds tiers (a metainfo's announce-list, or single-URL tiers from a magnet), each shuffled; URLs already known are skipped.</summary>
        /// <returns>How many trackers were added.</returns>
        public int AddTiers(IEnumerable<IEnumerable<string>> tiers)
        {
            int added = 0;
            foreach (var urls in tiers)
            {
                var tier = new TrackerTier();
                foreach (string url in urls)
                {
                    var entry = CreateEntry(url);
                    if (entry != null)
                    {
                        tier.Add(entry);
                    }
                }

                if (tier.Entries.Count > 0)
                {
                    tier.Shuffle(_random);
                    _tiers.Add(tier);
                    added += tier.Entries.Count;
                }
            }

            return added;
        }

        /// <summary>Adds one tracker to tier <paramref name="tier"/>, or in a tier of its own after the others when null or past the last.</summary>
        /// <returns>False when the URL is already there.</returns>
        public bool AddTracker(string url, int? tier)
        {
            var entry = CreateEntry(url);
            if (entry is null)
            {
                return false;
            }

            if (tier is int index && index >= 0 && index < _tiers.Count)
            {
                _tiers[index].Add(entry);
            }
            else
            {
                var single = new TrackerTier();
                single.Add(entry);
                _tiers.Add(single);
            }

            return true;
        }

        /// <summary>Drops every tracker whose URL is not in <paramref name="urls"/> (a private torrent keeps only its metainfo's).</summary>
        /// <returns>How many were dropped.</returns>
        public int RetainOnly(IEnumerable<string> urls)
        {
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (string url in urls)
            {
                keep.Add(Normalize(url, out _));
            }

            int dropped = 0;
            for (int t = _tiers.Count - 1; t >= 0; t--)
            {
                var tier = _tiers[t];
                for (int i = tier.Entries.Count - 1; i >= 0; i--)
                {
                    var entry = tier.Entries[i];
                    if (!keep.Contains(entry.Key))
                    {
                        tier.Remove(entry);
                        _keys.Remove(entry.Key);
                        _log.Info("Dropped tracker " + entry.Url + ": a private torrent uses only its own trackers");
                        dropped++;
                    }
                }

                if (tier.Entries.Count == 0)
                {
                    _tiers.RemoveAt(t);
                }
            }

            return dropped;
        }

        /// <summary>A snapshot for other threads; wall-clock times are derived from engine milliseconds.</summary>
        public IReadOnlyList<TrackerStatus> Snapshot(long nowMs, DateTimeOffset utcNow)
        {
            var result = new List<TrackerStatus>();
            bool needsPeers = IsRunning && _owner.NeedsPeers;
            for (int t = 0; t < _tiers.Count; t++)
            {
                var tier = _tiers[t];
                var current = IsRunning ? tier.Current : null;
                foreach (var entry in tier.Entries)
                {
                    var status = new TrackerStatus(entry.Url, t, entry.State)
                    {
                        LastAnnounce = entry.LastAnnounceMs < 0 ? (DateTimeOffset?)null : At(utcNow, entry.LastAnnounceMs - nowMs),
                        LastError = entry.LastError,
                        WarningMessage = entry.WarningMessage,
                        Seeders = entry.Seeders,
                        Leechers = entry.Leechers,
                        Completed = entry.Completed,
                        PeersReceived = entry.PeersReceived,
                        ConsecutiveFailures = entry.Failures,
                    };
                    if (ReferenceEquals(entry, current) && !entry.InFlight)
                    {
                        status.NextAnnounce = At(utcNow, Math.Max(0, DueMs(entry, needsPeers, nowMs) - nowMs));
                    }

                    result.Add(status);
                }
            }

            return result;
        }

        /// <summary>
        /// <paramref name="utcNow"/> moved by engine milliseconds, kept within a century: an interval
        /// from a tracker or the options may be far longer, and DateTimeOffset would throw past year 9999.
        /// </summary>
        private static DateTimeOffset At(DateTimeOffset utcNow, long deltaMs)
        {
            const long Century = 100L * 366 * 24 * 3600 * 1000;
            return utcNow.AddMilliseconds(Math.Max(-Century, Math.Min(Century, deltaMs)));
        }

        /// <summary>The URL as a duplicate-detection key: absolute URLs in canonical form (scheme and host case-folded), others as given.</summary>
        private static string Normalize(string url, out Uri? uri)
        {
            string trimmed = url.Trim();
            if (Uri.TryCreate(trimmed, UriKind.Absolute, out uri))
            {
                return uri.AbsoluteUri;
            }

            uri = null;
            return trimmed;
        }

        /// <summary>A new entry, or null for a duplicate or an empty URL. A URL we cannot use is kept as unsupported and logged once, here.</summary>
        private TrackerEntry? CreateEntry(string url)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                return null;
            }

            string key = Normalize(url, out var uri);
            if (!_keys.Add(key))
            {
                return null;
            }

            ITrackerClient? client = null;
            string? reason = null;
            if (uri is null)
            {
                reason = "not an absolute URL";
            }
            else
            {
                try
                {
                    client = _factory.Create(uri);
                    reason = client is null ? "the " + uri.Scheme + " scheme is not supported" : null;
                }
                catch (Exception ex) when (ex is TrackerException || ex is ArgumentException || ex is FormatException)
                {
                    reason = ex.Message;
                }
            }

            if (reason != null)
            {
                _log.Warning("Skipping tracker " + url.Trim() + ": " + reason);
            }

            return new TrackerEntry(url.Trim(), key, client, reason);
        }
    }
}
