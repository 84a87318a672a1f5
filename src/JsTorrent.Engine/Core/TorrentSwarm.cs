using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// The peers of one torrent and what happens between them and the piece picker: interest,
    /// requesting, choking and housekeeping. Message handling is in the <c>Messages</c> part, serving
    /// uploads in the <c>Uploads</c> part; connecting is <see cref="PeerConnector"/>'s job.
    /// Everything runs on the engine loop.
    /// </summary>
    internal sealed partial class TorrentSwarm : EngineComponent, IPeerConnectionHandler
    {
        private const int MaxRequestBatch = 512;

        private readonly Torrent _torrent;
        private readonly EngineContext _context;
        private readonly List<PeerConnection> _peers = new List<PeerConnection>();
        private readonly ChokeScheduler _choking;
        private readonly Action<PeerConnection> _rejectQueuedUploads;
        private readonly BlockRequest[] _requestScratch = new BlockRequest[MaxRequestBatch];
        private readonly List<object> _cancelScratch = new List<object>();
        private readonly List<(object Peer, BlockRequest Request)> _expiredScratch = new List<(object Peer, BlockRequest Request)>();
        private long _closedProtocolReceived;
        private long _closedProtocolSent;

        public TorrentSwarm(Torrent torrent, EngineContext context)
            : base(context.Log, "swarm", torrent.InfoHash.ToString())
        {
            _torrent = torrent;
            _context = context;
            _choking = new ChokeScheduler(context.Options, context.Random);
            _rejectQueuedUploads = RejectQueuedUploads;
            Connector = new PeerConnector(torrent, this, context);
            Exchange = new PeerExchange(torrent, this, context);
        }

        public PeerConnector Connector { get; }

        /// <summary>Peer exchange (BEP 11) with this torrent's peers.</summary>
        public PeerExchange Exchange { get; }

        public IReadOnlyList<PeerConnection> Peers => _peers;

        public bool Running { get; private set; }

        /// <summary>Protocol bytes (payload, messages, handshakes) received over this torrent's connections, closed ones included.</summary>
        public long ProtocolBytesReceived
        {
            get
            {
                long total = _closedProtocolReceived;
                foreach (var peer in _peers)
                {
                    total += peer.ProtocolBytesReceived;
                }

                return total;
            }
        }

        /// <summary>Protocol bytes sent over this torrent's connections, closed ones included.</summary>
        public long ProtocolBytesSent
        {
            get
            {
                long total = _closedProtocolSent;
                foreach (var peer in _peers)
                {
                    total += peer.ProtocolBytesSent;
                }

                return total;
            }
        }

        /// <summary>Peers that have every piece.</summary>
        public int SeedCount { get; private set; }

        int IPeerConnectionHandler.PieceCount => _torrent.Layout?.PieceCount ?? 0;

        public void Start()
        {
            Running = true;
            _choking.RechokeSoon();
            Connector.ConnectMore();
        }

        /// <summary>Closes every connection; known peer addresses are kept for the next start.</summary>
        public void Stop(string reason)
        {
            Running = false;
            Connector.CancelAttempts();
            for (int i = _peers.Count - 1; i >= 0; i--)
            {
                _peers[i].Close(reason);
            }
        }

        /// <summary>A handshaken connection joins the swarm: announce our pieces and start reading.</summary>
        public void Attach(PeerConnection peer)
        {
            foreach (var existing in _peers)
            {
                if (existing.RemotePeerId.Equals(peer.RemotePeerId))
                {
                    _context.Limits.Release(_torrent, peer.IsIncoming);
                    Connector.OnPeerClosed(peer);
                    peer.Close("already connected to this peer id");
                    return;
                }
            }

            _peers.Add(peer);
            if (!peer.IsIncoming)
            {
                Connector.Backoff.RecordConnected(peer.Endpoint, _context.Clock.NowMs);
            }

            var layout = _torrent.Layout;
            if (layout != null)
            {
                peer.RemotePieces = new Bitfield(layout.PieceCount);
                peer.SetMaxMessageLength(layout.PieceCount / 8 + 64);
            }

            // Our bitfield must be the first message; bytes that came with the handshake are read only after it.
            SendOpening(peer);
            peer.Start(this);
            peer.Flush();
            if (Log.IsEnabled(LogLevel.Debug))
            {
                Log.Debug("Connected " + (peer.IsIncoming ? "from " : "to ") + peer.Endpoint + " (" + peer.RemotePeerId + ")");
            }
        }

        /// <summary>Housekeeping: timeouts, keep-alives, choking, refilling requests and uploads.</summary>
        public void Tick(long nowMs)
        {
            if (!Running)
            {
                return;
            }

            Connector.ConnectMore();
            ExpireRequests(nowMs);
            var options = _context.Options;
            long idleMs = (long)options.IdleTimeout.TotalMilliseconds;
            long keepAliveMs = (long)options.KeepAliveInterval.TotalMilliseconds;
            bool seeding = _torrent.IsSeeding;
            for (int i = _peers.Count - 1; i >= 0; i--)
            {
                if (i >= _peers.Count)
                {
                    continue;
                }

                var peer = _peers[i];
                if (nowMs - peer.LastReceivedMs > idleMs)
                {
                    peer.Close("idle timeout");
                    continue;
                }

                if (seeding && peer.IsSeed)
                {
                    peer.Close("both ends are seeding");
                    continue;
                }

                peer.Pipeline.Update(peer.DownloadRate.GetBytesPerSecond(nowMs));
                if (nowMs - peer.LastSentMs > keepAliveMs)
                {
                    peer.SendKeepAlive();
                }

                RequestBlocks(peer);
                ServeUploads(peer);
                peer.Flush();
            }

            _choking.RechokeIfDue(_peers, _torrent.IsSeeding, nowMs, _rejectQueuedUploads);
            Exchange.Tick(nowMs);
        }

        /// <summary>A piece passed its hash: tell every peer and drop interest where nothing is left to get.</summary>
        public void OnPieceVerified(int piece)
        {
            for (int i = _peers.Count - 1; i >= 0; i--)
            {
                if (i >= _peers.Count)
                {
                    continue;
                }

                var peer = _peers[i];
                peer.SendHave(piece);
                UpdateInterest(peer);
                peer.Flush();
            }
        }

        /// <summary>
        /// The metadata just arrived: give every peer its bitfield, replaying what it announced before
        /// the piece count was known, then look for something to request.
        /// </summary>
        public void OnMetadataReceived()
        {
            var layout = _torrent.Layout!;
            var picker = _torrent.Picker!;
            for (int i = _peers.Count - 1; i >= 0; i--)
            {
                if (i >= _peers.Count)
                {
                    continue;
                }

                var peer = _peers[i];
                peer.RemotePieces = new Bitfield(layout.PieceCount);
                peer.SetMaxMessageLength(layout.PieceCount / 8 + 64);
                try
                {
                    ReplayEarlyAvailability(peer, picker);
                }
                catch (PeerProtocolException ex)
                {
                    peer.Close("protocol error", ex);
                    continue;
                }

                UpdateInterest(peer);
                RequestBlocks(peer);
                peer.Flush();
            }
        }

        /// <summary>Wanted pieces changed (priorities, recheck): re-evaluate interest everywhere.</summary>
        public void RefreshInterest()
        {
            for (int i = _peers.Count - 1; i >= 0; i--)
            {
                if (i >= _peers.Count)
                {
                    continue;
                }

                var peer = _peers[i];
                UpdateInterest(peer);
                RequestBlocks(peer);
                peer.Flush();
            }
        }

        /// <summary>Room appeared under the disk budget: let every peer request again.</summary>
        public void ResumeRequesting()
        {
            for (int i = _peers.Count - 1; i >= 0; i--)
            {
                if (i >= _peers.Count)
                {
                    continue;
                }

                var peer = _peers[i];
                RequestBlocks(peer);
                peer.Flush();
            }
        }

        /// <summary>Logs a bug of ours that cost a connection (the connector has no logger of its own).</summary>
        public void LogInternalError(string message, Exception exception) => Log.Error(message, exception);

        public void Ban(PeerConnection peer, string reason)
        {
            _context.Bans.Ban(peer.Address, _context.Clock.NowMs, reason);
            Log.Warning("Banned " + peer.Address + ": " + reason);
            peer.Close("banned: " + reason);
        }

        void IPeerConnectionHandler.OnClosed(PeerConnection peer, string reason, Exception? error)
        {
            if (!_peers.Remove(peer))
            {
                return;
            }

            _context.Limits.Release(_torrent, peer.IsIncoming);
            _closedProtocolReceived += peer.ProtocolBytesReceived;
            _closedProtocolSent += peer.ProtocolBytesSent;
            if (!peer.IsIncoming)
            {
                Connector.Backoff.RecordDisconnected(peer.Endpoint, _context.Clock.NowMs);
            }

            var picker = _torrent.Picker;
            picker?.RemovePeerRequests(peer);
            ForgetAvailability(peer, picker);
            _torrent.OnPeerClosed(peer);
            Connector.OnPeerClosed(peer);
            Exchange.OnPeerClosed(peer);

            if (!peer.AmChoking || peer.PeerInterested)
            {
                _choking.RechokeSoon();
            }

            if (Running)
            {
                ResumeRequesting();
            }
        }

        void IPeerConnectionHandler.OnSendBufferDrained(PeerConnection peer) => ServeUploads(peer);

        private void ForgetAvailability(PeerConnection peer, PiecePicker? picker)
        {
            if (peer.RemoteHasAll)
            {
                SeedCount--;
                if (peer.RemotePieces != null)
                {
                    picker?.RemoveSeed();
                }
            }
            else if (peer.RemotePieces != null && !peer.RemotePieces.IsEmpty)
            {
                if (peer.RemotePieces.IsAllSet)
                {
                    SeedCount--;
                }

                picker?.RemovePeer(peer.RemotePieces);
            }
        }

        private void ReplayEarlyAvailability(PeerConnection peer, PiecePicker picker)
        {
            var pieces = peer.RemotePieces!;
            if (peer.RemoteHasAll)
            {
                pieces.SetAll();
                picker.AddSeed();
            }
            else if (peer.PendingBitfield != null)
            {
                if (!Bitfield.TryReadWire(peer.PendingBitfield, pieces.Length, out var received))
                {
                    throw new PeerProtocolException("The bitfield sent before the metadata has the wrong length.");
                }

                pieces.CopyFrom(received!);
                if (!pieces.IsEmpty)
                {
                    picker.AddPeer(pieces);
                    SeedCount += pieces.IsAllSet ? 1 : 0;
                }
            }

            foreach (int piece in (IEnumerable<int>?)peer.PendingHaves ?? Array.Empty<int>())
            {
                if (piece >= pieces.Length)
                {
                    throw new PeerProtocolException("A have for piece " + piece + " of " + pieces.Length + ".");
                }

                if (!pieces[piece])
                {
                    pieces[piece] = true;
                    picker.AddPeerPiece(piece);
                }
            }

            peer.PendingBitfield = null;
            peer.PendingHaves = null;
        }

        private void SendOpening(PeerConnection peer)
        {
            if (peer.SupportsExtensions)
            {
                var handshake = _torrent.CreateExtensionHandshake(peer);
                peer.SendExtended(0, handshake);
            }

            var verified = _torrent.Picker?.Verified;
            if (verified is null || verified.IsEmpty)
            {
                if (peer.SupportsFast)
                {
                    peer.SendHaveNone();
                }
            }
            else if (verified.IsAllSet && peer.SupportsFast)
            {
                peer.SendHaveAll();
            }
            else
            {
                peer.SendBitfield(verified);
            }
        }

        private void UpdateInterest(PeerConnection peer)
        {
            var picker = _torrent.Picker;
            bool interested = false;
            if (picker != null && !picker.IsCompleteForWanted)
            {
                interested = peer.RemoteHasAll || (peer.RemotePieces != null && picker.PeerHasWanted(peer.RemotePieces));
            }

            if (interested != peer.AmInterested)
            {
                peer.SendInterested(interested);
            }
        }

        private void RequestBlocks(PeerConnection peer)
        {
            var picker = _torrent.Picker;
            var pieces = peer.RemotePieces;
            if (!Running || picker is null || pieces is null || !peer.AmInterested || peer.IsClosed || _torrent.IsChecking)
            {
                return;
            }

            if (peer.PeerChoking && (!peer.SupportsFast || peer.AllowedFast.Count == 0))
            {
                return;
            }

            if (_context.PendingWriteBytes >= _context.Options.MaxPendingWriteBytes)
            {
                return;
            }

            int room = Math.Min(peer.Pipeline.Current - picker.CountRequests(peer), MaxRequestBatch);
            if (room <= 0)
            {
                return;
            }

            long now = _context.Clock.NowMs;
            if (peer.RemoteHasAll && !pieces.IsAllSet)
            {
                pieces.SetAll();
            }

            int count = picker.PickBlocks(peer, pieces, peer.PeerChoking, peer.PeerChoking ? peer.AllowedFast : null, room, _requestScratch, now);
            for (int i = 0; i < count; i++)
            {
                var request = _requestScratch[i];
                if (!TokenBucket.TryTakeBoth(_context.DownloadLimit.Bucket, _torrent.DownloadLimit.Bucket, request.Length, now))
                {
                    for (int j = i; j < count; j++)
                    {
                        picker.CancelRequest(peer, _requestScratch[j].Piece, _requestScratch[j].Begin);
                    }

                    break;
                }

                peer.SendRequest(request.Piece, request.Begin, request.Length);
            }
        }

        private void ExpireRequests(long nowMs)
        {
            var picker = _torrent.Picker;
            if (picker is null)
            {
                return;
            }

            _expiredScratch.Clear();
            picker.ExpireRequests(nowMs, (long)_context.Options.RequestTimeout.TotalMilliseconds, _expiredScratch);
            foreach (var (owner, request) in _expiredScratch)
            {
                var peer = (PeerConnection)owner;
                if (!peer.IsClosed)
                {
                    peer.SendCancel(request.Piece, request.Begin, request.Length);
                    peer.Pipeline.OnChoked();
                }
            }
        }
    }
}
