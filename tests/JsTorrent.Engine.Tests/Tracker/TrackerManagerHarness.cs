using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>A tracker manager over fake clients and a fake torrent, with time that moves only when the test says.</summary>
    internal sealed class TrackerManagerHarness
    {
        public const uint Key = 0xC0FFEE;

        public static readonly DateTimeOffset Epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public TrackerManagerHarness(int seed = 1, Action<TrackerOptions>? configure = null, params string[] schemes)
        {
            configure?.Invoke(Options);
            Factory = new FakeTrackerClientFactory(() => Now, schemes);
            Manager = new TrackerManager(Owner, Factory, Options, new Random(seed), Key, () => Now, Log.CreateLogger(LogComponents.Tracker, Owner.InfoHash.ToString()));
        }

        public long Now { get; set; }

        public TrackerOptions Options { get; } = new TrackerOptions();

        public FakeTrackerOwner Owner { get; } = new FakeTrackerOwner();

        public FakeTrackerClientFactory Factory { get; }

        public EngineLog Log { get; } = new EngineLog(1000);

        public TrackerManager Manager { get; }

        public static long Ms(TimeSpan time) => (long)time.TotalMilliseconds;

        public TrackerManagerHarness WithTiers(params string[][] tiers)
        {
            Manager.AddTiers(tiers);
            return this;
        }

        public void Tick() => Manager.Tick(Now);

        public void TickAt(TimeSpan time)
        {
            Now = Ms(time);
            Tick();
        }

        /// <summary>Ticks once a second up to <paramref name="until"/>, as the engine would (more coarsely).</summary>
        public void RunUntil(TimeSpan until)
        {
            long end = Ms(until);
            while (Now < end)
            {
                Now = Math.Min(end, Now + 1000);
                Tick();
            }
        }

        /// <summary>The announces so far, as (seconds, url, event).</summary>
        public IReadOnlyList<(double Seconds, string Url, AnnounceEvent Event)> Announces() =>
            Factory.Announces.Select(a => (a.TimeMs / 1000.0, a.Url, a.Request.Event)).ToList();

        public IReadOnlyList<double> AnnounceSeconds(string url) =>
            Factory.Announces.Where(a => a.Url == new Uri(url).AbsoluteUri).Select(a => a.TimeMs / 1000.0).ToList();

        public IReadOnlyList<TrackerStatus> Snapshot() => Manager.Snapshot(Now, Epoch);

        public IReadOnlyList<string> Order(int tier) => Snapshot().Where(s => s.Tier == tier).Select(s => s.Url).ToList();

        public TrackerStatus Status(string url) => Snapshot().Single(s => s.Url == url);
    }
}
