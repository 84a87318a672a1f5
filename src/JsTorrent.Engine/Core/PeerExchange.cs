using System;
using System.Collections.Generic;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// A torrent's peer exchange (BEP 11 <c>ut_pex</c>). Each connected peer that speaks it hears,
    /// right after its extension handshake, which peers we are connected to (their listen endpoints,
    /// up to 50 per address family), and from then on at most once per
    /// <see cref="EngineOptions.PexInterval"/> which joined and which left since. Peers it tells us
    /// about go to the <see cref="PeerConnector"/>. Private torrents take no part, in either direction.
    /// </summary>
    /// <remarks>
    /// What each peer was told is kept per peer, so every message is a diff against exactly what that
    /// peer knows; entries that did not fit one message go in the next. Driven by the torrent's tick:
    /// no timers. Everything runs on the engine loop.
    /// </remarks>
    internal sealed class PeerExchange : EngineComponent
    {
        /// <summary>The extension's name in BEP 10 handshakes.</summary>
        public const string ExtensionName = "ut_pex";

        /// <summary>Our id for <c>ut_pex</c> messages (peers send with it; we send with theirs).</summary>
        public const byte LocalId = 2;

        /// <summary>Messages a peer may send before the minimum gap between them applies (some clients send two quickly at first).</summary>
        private const int MessagesBeforeRateLimit = 2;

        private readonly Torrent _torrent;
        private readonly TorrentSwarm _swarm;
        private readonly EngineContext _context;
        private readonly Dictionary<PeerConnection, Remote> _remotes = new Dictionary<PeerConnection, Remote>();
        private readonly Dictionary<PeerConnection, ListenEndpoint> _endpoints = new Dictionary<PeerConnection, ListenEndpoint>();
        private readonly PexMessageWriter _writer = new PexMessageWriter();
        private readonly List<Candidate> _current = new List<Candidate>();
        private readonly HashSet<string> _currentKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<PeerConnection> _due = new List<PeerConnection>();
        private readonly List<string> _sentDrops = new List<string>();
        private readonly HashSet<string> _receivedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public PeerExchange(Torrent torrent, TorrentSwarm swarm, EngineContext context)
            : base(context.Log, "pex", torrent.InfoHash.ToString())
        {
            _torrent = torrent;
            _swarm = swarm;
            _context = context;
        }

        /// <summary>
        /// True while we advertise and take part: the engine allows it and the torrent is not private
        /// (a magnet counts as public until its metadata says otherwise).
        /// </summary>
        public bool IsEnabled => _context.Options.EnablePeerExchange && !(_torrent.Metainfo?.IsPrivate ?? false);

        private long IntervalMs => Math.Max(1, (long)_context.Options.PexInterval.TotalMilliseconds);

        /// <summary>A peer's extension handshake (first or later) arrived: start, move or stop sending to it.</summary>
        public void OnHandshake(PeerConnection peer)
        {
            if (!IsEnabled || peer.RemoteExtensions is null)
            {
                return;
            }

            int id = peer.RemoteExtensions.GetMessageId(ExtensionName);
            _remotes.TryGetValue(peer, out var remote);
            if (id <= 0 || id > byte.MaxValue)
            {
                if (remote != null)
                {
                    // It disabled ut_pex: stop sending, but keep the receive bookkeeping.
                    remote.MessageId = 0;
                }

                return;
            }

            if (remote is null)
            {
                remote = new Remote();
                _remotes.Add(peer, remote);
            }

            if (remote.MessageId == 0)
            {
                // The first message goes on the next tick, once the peer is attached and its handshake known.
                remote.NextSendMs = _context.Clock.NowMs;
            }

            remote.MessageId = (byte)id;
        }

        /// <summary>A <c>ut_pex</c> message arrived: new peers go to the connector.</summary>
        /// <exception cref="PeerProtocolException">The message is not a bencoded dictionary.</exception>
        public void OnMessage(PeerConnection peer, ReadOnlySpan<byte> payload)
        {
            if (!IsEnabled)
            {
                // Private torrents learn peers from their trackers only (BEP 27).
                return;
            }

            if (!_remotes.TryGetValue(peer, out var remote))
            {
                remote = new Remote();
                _remotes.Add(peer, remote);
            }

            long now = _context.Clock.NowMs;
            remote.Received++;
            if (remote.Received > MessagesBeforeRateLimit && now - remote.LastAcceptedMs < IntervalMs * 3 / 4)
            {
                Log.Debug("Ignored a ut_pex message from " + peer.Endpoint + ": too soon after the previous one");
                return;
            }

            remote.LastAcceptedMs = now;
            var message = PexMessage.Parse(payload);
            string? ourAddress = peer.RemoteExtensions?.YourIp is byte[] ip ? CompactAddress.Format(ip) : null;
            int ourPort = _torrent.LocalListenPort;
            int learned = 0;
            _receivedHosts.Clear();
            foreach (var added in message.Added)
            {
                // BEP 11: one address under several ports is ignored past the first (it smells of a flood aimed at a victim).
                if (!_receivedHosts.Add(added.Host) || (added.Port == ourPort && string.Equals(added.Host, ourAddress, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                _swarm.Connector.AddPeer(added.Host, added.Port);
                learned++;
            }

            if (Log.IsEnabled(LogLevel.Debug))
            {
                Log.Debug("ut_pex from " + peer.Endpoint + ": " + learned + " added, " + message.Dropped.Count + " dropped"
                    + (message.IgnoredLists > 0 ? ", " + message.IgnoredLists + " malformed list(s) ignored" : string.Empty));
            }

            if (learned > 0)
            {
                _swarm.Connector.ConnectMore();
            }
        }

        public void OnPeerClosed(PeerConnection peer)
        {
            _remotes.Remove(peer);
            _endpoints.Remove(peer);
        }

        /// <summary>
        /// The metadata showed the torrent is private: tell every peer ut_pex is off (id 0, as BEP 10
        /// allows in a later handshake) and forget what was exchanged.
        /// </summary>
        public void Withdraw()
        {
            _remotes.Clear();
            _endpoints.Clear();
            for (int i = _swarm.Peers.Count - 1; i >= 0; i--)
            {
                if (i >= _swarm.Peers.Count)
                {
                    continue;
                }

                var peer = _swarm.Peers[i];
                if (peer.SupportsExtensions && !peer.IsClosed)
                {
                    peer.SendExtended(0, _torrent.CreateExtensionHandshake(peer, withdrawPeerExchange: true));
                    peer.Flush();
                }
            }
        }

        /// <summary>Sends to every peer whose turn has come.</summary>
        public void Tick(long nowMs)
        {
            if (_remotes.Count == 0 || !IsEnabled)
            {
                return;
            }

            _due.Clear();
            foreach (var pair in _remotes)
            {
                if (pair.Value.MessageId != 0 && nowMs >= pair.Value.NextSendMs)
                {
                    _due.Add(pair.Key);
                }
            }

            if (_due.Count == 0)
            {
                return;
            }

            CollectCurrent();
            foreach (var peer in _due)
            {
                // A send can close a connection, and with it remove its entry: look it up each time.
                if (!peer.IsClosed && _remotes.TryGetValue(peer, out var remote))
                {
                    remote.NextSendMs = nowMs + IntervalMs;
                    SendDiff(peer, remote);
                }
            }

            _due.Clear();
            _current.Clear();
        }

        /// <summary>The peers we could advertise now: connected, with a literal address and a known listen port.</summary>
        private void CollectCurrent()
        {
            _current.Clear();
            _currentKeys.Clear();
            foreach (var peer in _swarm.Peers)
            {
                var endpoint = GetEndpoint(peer);
                if (endpoint is null || peer.IsClosed)
                {
                    continue;
                }

                var flags = (peer.IsSeed ? PexFlags.Seed : PexFlags.None) | (peer.IsIncoming ? PexFlags.None : PexFlags.Reachable);
                _current.Add(new Candidate(peer, endpoint, flags));
                _currentKeys.Add(endpoint.Key);
            }
        }

        private void SendDiff(PeerConnection peer, Remote remote)
        {
            _writer.Clear();
            string? ownKey = GetEndpoint(peer)?.Key;
            foreach (var candidate in _current)
            {
                var endpoint = candidate.Endpoint;
                if (ReferenceEquals(candidate.Peer, peer) || endpoint.Key == ownKey || remote.Sent.ContainsKey(endpoint.Key))
                {
                    continue;
                }

                if (_writer.TryAdd(endpoint.Address, endpoint.Port, candidate.Flags))
                {
                    remote.Sent.Add(endpoint.Key, endpoint);
                }
            }

            _sentDrops.Clear();
            foreach (var pair in remote.Sent)
            {
                if (!_currentKeys.Contains(pair.Key) && _writer.TryDrop(pair.Value.Address, pair.Value.Port))
                {
                    _sentDrops.Add(pair.Key);
                }
            }

            foreach (string key in _sentDrops)
            {
                remote.Sent.Remove(key);
            }

            // An empty message is noise, and some clients disconnect over it.
            if (!_writer.IsEmpty)
            {
                peer.SendExtended(remote.MessageId, _writer.Encode());
                peer.Flush();
            }
        }

        /// <summary>The peer's listen endpoint, cached; null when its address is a name or its listen port is unknown.</summary>
        private ListenEndpoint? GetEndpoint(PeerConnection peer)
        {
            if (peer.ListenPort is not int port)
            {
                return null;
            }

            if (_endpoints.TryGetValue(peer, out var cached) && cached.Port == port)
            {
                return cached;
            }

            var address = CompactAddress.ToBytes(peer.Address);
            if (address is null)
            {
                return null;
            }

            // Keyed by the canonical text of the bytes, so two spellings of one address are one entry (BEP 11: no duplicates).
            var endpoint = new ListenEndpoint(Protocol.PeerAddressSyntax.FormatEndpoint(CompactAddress.Format(address), port), address, port);
            _endpoints[peer] = endpoint;
            return endpoint;
        }

        /// <summary>What we exchange with one peer.</summary>
        private sealed class Remote
        {
            /// <summary>The peer's id for ut_pex; 0 while it has not offered (or has disabled) it: we then only receive.</summary>
            public byte MessageId { get; set; }

            public long NextSendMs { get; set; }

            /// <summary>Endpoints the peer was told about and not told were dropped, by key.</summary>
            public Dictionary<string, ListenEndpoint> Sent { get; } = new Dictionary<string, ListenEndpoint>(StringComparer.OrdinalIgnoreCase);

            public int Received { get; set; }

            public long LastAcceptedMs { get; set; }
        }

        /// <summary>Where a connected peer accepts connections, in wire form and as a key.</summary>
        private sealed class ListenEndpoint
        {
            public ListenEndpoint(string key, byte[] address, int port)
            {
                Key = key;
                Address = address;
                Port = port;
            }

            public string Key { get; }

            public byte[] Address { get; }

            public int Port { get; }
        }

        private readonly struct Candidate
        {
            public Candidate(PeerConnection peer, ListenEndpoint endpoint, PexFlags flags)
            {
                Peer = peer;
                Endpoint = endpoint;
                Flags = flags;
            }

            public PeerConnection Peer { get; }

            public ListenEndpoint Endpoint { get; }

            public PexFlags Flags { get; }
        }
    }
}
