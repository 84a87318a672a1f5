using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>
    /// An in-test tracker shared by several engines: it records every announce (whatever the URL)
    /// and answers with the other peers of the same info-hash. Each engine reaches it through its
    /// own factory, which knows the engine's address on the memory network.
    /// </summary>
    internal sealed class SwarmTracker
    {
        private readonly object _gate = new object();
        private readonly List<(string Address, string Url, AnnounceRequest Request)> _announces = new List<(string, string, AnnounceRequest)>();
        private readonly Dictionary<InfoHash, Dictionary<string, int>> _peers = new Dictionary<InfoHash, Dictionary<string, int>>();

        public IReadOnlyList<(string Address, string Url, AnnounceRequest Request)> Announces
        {
            get
            {
                lock (_gate)
                {
                    return _announces.ToArray();
                }
            }
        }

        public ITrackerClientFactory FactoryFor(string address) => new Factory(this, address);

        public IReadOnlyList<AnnounceRequest> From(string address) => Announces.Where(a => a.Address == address).Select(a => a.Request).ToList();

        public IReadOnlyList<AnnounceEvent> EventsFrom(string address) => From(address).Select(r => r.Event).ToList();

        private AnnounceResponse Announce(string address, Uri url, AnnounceRequest request)
        {
            lock (_gate)
            {
                _announces.Add((address, url.AbsoluteUri, request));
                if (!_peers.TryGetValue(request.InfoHash, out var swarm))
                {
                    swarm = new Dictionary<string, int>(StringComparer.Ordinal);
                    _peers.Add(request.InfoHash, swarm);
                }

                var others = swarm.Where(p => p.Key != address).Select(p => new TrackerPeer(p.Key, p.Value)).ToArray();
                if (request.Event == AnnounceEvent.Stopped)
                {
                    swarm.Remove(address);
                }
                else
                {
                    swarm[address] = request.Port;
                }

                return new AnnounceResponse(others, TimeSpan.FromMinutes(30)) { Seeders = 0, Leechers = others.Length };
            }
        }

        private sealed class Factory : ITrackerClientFactory
        {
            private readonly SwarmTracker _tracker;
            private readonly string _address;

            public Factory(SwarmTracker tracker, string address)
            {
                _tracker = tracker;
                _address = address;
            }

            public ITrackerClient? Create(Uri url) => url.Scheme == "http" ? new Client(_tracker, _address, url) : null;
        }

        private sealed class Client : ITrackerClient
        {
            private readonly SwarmTracker _tracker;
            private readonly string _address;

            public Client(SwarmTracker tracker, string address, Uri url)
            {
                _tracker = tracker;
                _address = address;
                Url = url;
            }

            public Uri Url { get; }

            public bool SupportsScrape => false;

            public async Task<AnnounceResponse> AnnounceAsync(AnnounceRequest request, CancellationToken cancellationToken)
            {
                // Answer later, as a real client would, not inside the call.
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                return _tracker.Announce(_address, Url, request);
            }

            public Task<ScrapeResult> ScrapeAsync(InfoHash infoHash, CancellationToken cancellationToken) =>
                Task.FromException<ScrapeResult>(new TrackerException(TrackerErrorKind.Unsupported, "no scrape"));
        }
    }
}
