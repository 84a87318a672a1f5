using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// Known addresses of a torrent's peers and the attempts to reach them: outgoing connections
    /// within the connection limits and the back-off, and incoming ones routed here by the engine.
    /// </summary>
    internal sealed class PeerConnector
    {
        private const int MaxKnownPeers = 2000;

        private readonly Torrent _torrent;
        private readonly TorrentSwarm _swarm;
        private readonly EngineContext _context;
        private readonly Dictionary<string, PeerAddress> _known = new Dictionary<string, PeerAddress>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<PeerConnection> _attempts = new HashSet<PeerConnection>();

        // Endpoints with a connection of ours, being made or made: the tick skips them in one lookup.
        private readonly HashSet<string> _busy = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Reconnect backoff of this torrent's outgoing attempts. Per torrent, not per engine: one address often
        /// serves several torrents (one seeder, several torrents), and a refusal or a "both seeding" close for
        /// one torrent says nothing about another, whose attempts must not wait behind it.
        /// </summary>
        public ConnectionBackoff Backoff { get; } = new ConnectionBackoff();

        public PeerConnector(Torrent torrent, TorrentSwarm swarm, EngineContext context)
        {
            _torrent = torrent;
            _swarm = swarm;
            _context = context;
        }

        public int KnownCount => _known.Count;

        /// <summary>Connections being made (outgoing) or finishing their handshake (incoming).</summary>
        public int PendingCount => _attempts.Count;

        /// <summary>Remembers a peer address (from the user, a magnet, later a tracker or PEX).</summary>
        public void AddPeer(string host, int port)
        {
            if (port <= 0 || port > 65535 || string.IsNullOrEmpty(host) || _known.Count >= MaxKnownPeers)
            {
                return;
            }

            var address = new PeerAddress(host, port);
            if (!_known.ContainsKey(address.Endpoint))
            {
                _known.Add(address.Endpoint, address);
            }
        }

        /// <summary>Starts connections to known peers while the limits and back-off allow.</summary>
        public void ConnectMore()
        {
            if (!_swarm.Running || _known.Count == 0 || !_context.Limits.CanAcquire(_torrent, incoming: false))
            {
                return;
            }

            long now = _context.Clock.NowMs;
            foreach (var address in _known.Values)
            {
                if (_busy.Contains(address.Endpoint) || _context.Bans.IsBanned(address.Host) || !Backoff.CanConnect(address.Endpoint, now))
                {
                    continue;
                }

                if (!_context.Limits.TryAcquire(_torrent, incoming: false))
                {
                    return;
                }

                var peer = new PeerConnection(_context.SocketFactory.CreateTcpSocket(), address.Host, address.Port, incoming: false, _context);
                _attempts.Add(peer);
                _busy.Add(peer.Endpoint);
                Backoff.RecordFailure(address.Endpoint, now);
                _ = ConnectAsync(peer);
            }
        }

        /// <summary>An incoming connection whose header named this torrent: answer it if there is room.</summary>
        public void AcceptIncoming(PeerConnection peer)
        {
            if (!_swarm.Running || _context.Bans.IsBanned(peer.Address) || !_context.Limits.TryAcquire(_torrent, incoming: true))
            {
                peer.Close(_swarm.Running ? "no room for another incoming peer" : "torrent not running");
                return;
            }

            _attempts.Add(peer);
            _busy.Add(peer.Endpoint);
            _ = CompleteIncomingAsync(peer);
        }

        /// <summary>A connection of this torrent ended (or was refused after its handshake): its endpoint is free again.</summary>
        public void OnPeerClosed(PeerConnection peer) => _busy.Remove(peer.Endpoint);

        public void CancelAttempts()
        {
            foreach (var peer in new List<PeerConnection>(_attempts))
            {
                peer.Close("torrent stopped");
            }
        }

        private Task ConnectAsync(PeerConnection peer) => HandshakeAsync(
            peer,
            () => peer.HandshakeOutgoingAsync(_torrent.InfoHash, _context.LocalPeerId, _context.LocalReserved, _context.Options.ConnectTimeout),
            "handshake refused");

        private Task CompleteIncomingAsync(PeerConnection peer) => HandshakeAsync(
            peer,
            () => peer.CompleteIncomingHandshakeAsync(_torrent.InfoHash, _context.LocalPeerId, _context.LocalReserved, _context.Options.ConnectTimeout),
            "connected to ourselves");

        /// <remarks>Every failure is handled here (the connection closed, its slot released), so the discarded task never faults.</remarks>
        private async Task HandshakeAsync(PeerConnection peer, Func<Task<bool>> handshake, string refusal)
        {
            bool ok = false;
            try
            {
                ok = await handshake().ConfigureAwait(true);
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                peer.Close("handshake failed", ex);
            }
            catch (Exception ex)
            {
                _swarm.LogInternalError("Internal error during a handshake with " + peer.Endpoint, ex);
                peer.Close("internal error", ex);
            }
            finally
            {
                Finish(peer, ok, refusal);
            }
        }

        private void Finish(PeerConnection peer, bool ok, string refusal)
        {
            _attempts.Remove(peer);
            if (ok && _swarm.Running && !peer.IsClosed)
            {
                _swarm.Attach(peer);
                return;
            }

            _context.Limits.Release(_torrent, peer.IsIncoming);
            _busy.Remove(peer.Endpoint);
            peer.Close(_swarm.Running ? refusal : "torrent stopped");
        }

        private static bool IsConnectionFailure(Exception ex) =>
            ex is NetworkException || ex is PeerProtocolException || ex is OperationCanceledException
            || ex is ObjectDisposedException || ex is System.IO.IOException;

        private readonly struct PeerAddress
        {
            public PeerAddress(string host, int port)
            {
                Host = host;
                Port = port;
                Endpoint = PeerAddressSyntax.FormatEndpoint(host, port);
            }

            public string Host { get; }

            public int Port { get; }

            public string Endpoint { get; }
        }
    }
}
