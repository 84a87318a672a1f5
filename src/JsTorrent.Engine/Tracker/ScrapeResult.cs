namespace JsTorrent.Engine.Tracker
{
    /// <summary>A tracker's counts for one torrent (BEP 48 HTTP scrape, BEP 15 UDP scrape).</summary>
    internal sealed class ScrapeResult
    {
        public ScrapeResult(int seeders, int completed, int leechers)
        {
            Seeders = seeders;
            Completed = completed;
            Leechers = leechers;
        }

        /// <summary>Peers with the whole torrent (<c>complete</c>).</summary>
        public int Seeders { get; }

        /// <summary>Downloads the tracker has seen finish (<c>downloaded</c>).</summary>
        public int Completed { get; }

        /// <summary>Peers still downloading (<c>incomplete</c>).</summary>
        public int Leechers { get; }
    }
}
