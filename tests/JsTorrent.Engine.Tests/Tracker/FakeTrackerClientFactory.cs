using System;
using System.Collections.Generic;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>Makes <see cref="FakeTrackerClient"/>s for the schemes it is given and records, in order, every announce they see.</summary>
    internal sealed class FakeTrackerClientFactory : ITrackerClientFactory
    {
        private readonly object _gate = new object();
        private readonly HashSet<string> _schemes;
        private readonly Dictionary<string, FakeTrackerClient> _clients = new Dictionary<string, FakeTrackerClient>(StringComparer.Ordinal);
        private readonly List<(long TimeMs, string Url, AnnounceRequest Request)> _announces = new List<(long, string, AnnounceRequest)>();
        private readonly Func<long> _clock;
        private int _createCalls;

        public FakeTrackerClientFactory(Func<long>? clock = null, params string[] schemes)
        {
            _clock = clock ?? (() => 0);
            _schemes = new HashSet<string>(schemes.Length == 0 ? new[] { "http", "https", "udp" } : schemes, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Runs on every client made, before it is handed out.</summary>
        public Action<FakeTrackerClient>? Configure { get; set; }

        public int CreateCalls
        {
            get
            {
                lock (_gate)
                {
                    return _createCalls;
                }
            }
        }

        public IReadOnlyList<(long TimeMs, string Url, AnnounceRequest Request)> Announces
        {
            get
            {
                lock (_gate)
                {
                    return _announces.ToArray();
                }
            }
        }

        public FakeTrackerClient this[string url]
        {
            get
            {
                lock (_gate)
                {
                    return _clients[new Uri(url).AbsoluteUri];
                }
            }
        }

        public ITrackerClient? Create(Uri url)
        {
            lock (_gate)
            {
                _createCalls++;
            }

            if (!_schemes.Contains(url.Scheme))
            {
                return null;
            }

            var client = new FakeTrackerClient(url, (c, request) =>
            {
                lock (_gate)
                {
                    _announces.Add((_clock(), c.Url.AbsoluteUri, request));
                }
            });
            Configure?.Invoke(client);
            lock (_gate)
            {
                _clients[url.AbsoluteUri] = client;
            }

            return client;
        }
    }
}
