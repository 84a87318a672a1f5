using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>
    /// Speaks to one tracker URL. Calls fail with <see cref="TrackerException"/> (never anything
    /// else for network or protocol trouble) and end by their own deadline or the token,
    /// whichever comes first. The tracker manager owns retry and scheduling; a client does one
    /// request per call (UDP retransmits within that call).
    /// </summary>
    internal interface ITrackerClient
    {
        Uri Url { get; }

        /// <summary>Whether this tracker offers scrape (BEP 48: the last path element starts with "announce"; always for UDP).</summary>
        bool SupportsScrape { get; }

        Task<AnnounceResponse> AnnounceAsync(AnnounceRequest request, CancellationToken cancellationToken);

        Task<ScrapeResult> ScrapeAsync(InfoHash infoHash, CancellationToken cancellationToken);
    }
}
