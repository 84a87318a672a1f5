namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>A tracker's scrape of one torrent.</summary>
    public sealed class TrackerSwarmCounts
    {
        public TrackerSwarmCounts(long seeders, long leechers)
        {
            Seeders = seeders;
            Leechers = leechers;
        }

        /// <summary>Peers that announced with nothing left to download ("complete").</summary>
        public long Seeders { get; }

        /// <summary>Peers still downloading ("incomplete").</summary>
        public long Leechers { get; }

        public override string ToString() => Seeders + " seeder(s) and " + Leechers + " leecher(s)";
    }
}
