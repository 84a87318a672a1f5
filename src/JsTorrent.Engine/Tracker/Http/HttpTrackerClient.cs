using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>
    /// An http:// or https:// tracker (BEP 3 announce with compact peers, BEP 23, and IPv6 peers,
    /// BEP 7; scrape by BEP 48's URL convention), spoken over the engine's own sockets. Holds no
    /// connection between calls, so it needs no disposal and calls may overlap.
    /// </summary>
    internal sealed class HttpTrackerClient : ITrackerClient
    {
        private readonly HttpGetClient _http;
        private readonly TrackerOptions _options;
        private readonly string _name;
        private readonly Uri? _scrapeUrl;

        /// <summary>A client for <paramref name="url"/>.</summary>
        /// <param name="url">An absolute http or https URL; its query (a passkey, say) is kept on every request.</param>
        /// <param name="sockets">Where connections come from.</param>
        /// <param name="options">Time-out, size and redirect limits, the default interval.</param>
        /// <param name="userAgent">The User-Agent header (the engine's client version); "JsTorrent" when empty.</param>
        /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http or https URL with a host and port.</exception>
        public HttpTrackerClient(Uri url, ISocketFactory sockets, TrackerOptions options, string userAgent)
        {
            if (!HttpTarget.IsHttp(url))
            {
                throw new ArgumentException("'" + url + "' is not an absolute http or https tracker URL.", nameof(url));
            }

            Url = url;
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _http = new HttpGetClient(sockets ?? throw new ArgumentNullException(nameof(sockets)), options, userAgent);
            _name = url.AbsoluteUri;
            _scrapeUrl = HttpTrackerUrls.SupportsScrape(url) ? HttpTrackerUrls.ScrapeUrl(url) : null;
        }

        public Uri Url { get; }

        public bool SupportsScrape => _scrapeUrl != null;

        /// <summary>The scrape URL (BEP 48), or null when the tracker offers none.</summary>
        public Uri? ScrapeUrl => _scrapeUrl;

        public async Task<AnnounceResponse> AnnounceAsync(AnnounceRequest request, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var target = new HttpTarget(Url, HttpTrackerUrls.Announce(Url, request));
            ReadOnlyMemory<byte> body = await _http.GetAsync(target, _name, cancellationToken).ConfigureAwait(false);
            return HttpTrackerResponseParser.ParseAnnounce(body.Span, _name, _options);
        }

        public async Task<ScrapeResult> ScrapeAsync(InfoHash infoHash, CancellationToken cancellationToken)
        {
            if (_scrapeUrl == null)
            {
                throw new TrackerException(
                    TrackerErrorKind.Unsupported,
                    _name + ": this tracker offers no scrape (BEP 48: the last segment of its path does not start with 'announce').");
            }

            string scrape = _scrapeUrl.AbsoluteUri;
            var target = new HttpTarget(_scrapeUrl, HttpTrackerUrls.Scrape(_scrapeUrl, infoHash));
            ReadOnlyMemory<byte> body = await _http.GetAsync(target, scrape, cancellationToken).ConfigureAwait(false);
            return HttpTrackerResponseParser.ParseScrape(body.Span, scrape, infoHash);
        }

        public override string ToString() => "HttpTrackerClient " + _name;
    }
}
