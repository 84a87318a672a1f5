using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>
    /// The engine's default <see cref="ITrackerClientFactory"/>: a table of URL schemes (<c>http</c>,
    /// <c>https</c>, <c>udp</c>) to the function that makes a client. A URL whose scheme is not in
    /// the table gets no client, which the tracker manager reports as unsupported.
    /// </summary>
    internal sealed class TrackerClientFactory : ITrackerClientFactory
    {
        private readonly Dictionary<string, Func<Uri, ITrackerClient>> _schemes;

        /// <param name="schemes">Scheme (case-insensitive, no colon) to client maker; copied.</param>
        public TrackerClientFactory(IEnumerable<KeyValuePair<string, Func<Uri, ITrackerClient>>> schemes)
        {
            if (schemes is null)
            {
                throw new ArgumentNullException(nameof(schemes));
            }

            _schemes = new Dictionary<string, Func<Uri, ITrackerClient>>(StringComparer.OrdinalIgnoreCase);
            foreach (var scheme in schemes)
            {
                _schemes[scheme.Key] = scheme.Value ?? throw new ArgumentException("No client maker for scheme " + scheme.Key + ".", nameof(schemes));
            }
        }

        /// <summary>The schemes this factory makes clients for.</summary>
        public IReadOnlyCollection<string> Schemes => _schemes.Keys;

        public ITrackerClient? Create(Uri url)
        {
            if (url is null)
            {
                throw new ArgumentNullException(nameof(url));
            }

            return url.IsAbsoluteUri && _schemes.TryGetValue(url.Scheme, out var create) ? create(url) : null;
        }
    }
}
