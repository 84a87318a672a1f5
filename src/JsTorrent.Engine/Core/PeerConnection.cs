using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// One peer's wire connection: the handshake, a receive loop that frames messages straight out
    /// of one pooled buffer, and a double-buffered send path. It keeps the peer's protocol state
    /// (choke and interest flags, pieces, rates) and hands every message to its
    /// <see cref="IPeerConnectionHandler"/>. All of it runs on the engine loop; socket awaits resume
    /// there, so nothing here takes a lock.
    /// </summary>
    internal sealed partial class PeerConnection : EngineComponent
    {
        private const int InitialReceiveBuffer = 128 * 1024;
        private const int InitialSendBuffer = 64 * 1024;

        /// <summary>Above this many queued bytes no more uploads are read from disk.</summary>
        internal const int SendHighWater = 256 * 1024;

        private readonly ITcpSocket _socket;
        private readonly EngineBufferPool _pool;
        private readonly EngineClock _clock;
        private readonly ConnectionTracker _tracker;
        private readonly EngineContext _context;
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private IPeerConnectionHandler? _handler;
        private byte[] _receiveBuffer;
        private int _receiveStart;
        private int _receiveEnd;
        private byte[] _sendBuffer;
        private byte[] _sendInFlight;
        private int _sendLength;
        private bool _sending;
        private bool _receiving;
        private bool _closed;
        private int _maxMessageLength = 1024 * 1024;

        public PeerConnection(ITcpSocket socket, string address, int port, bool incoming, EngineContext context)
            : base(context.Log, LogComponents.Peer, PeerAddressSyntax.FormatEndpoint(address, port))
        {
            _socket = socket;
            _pool = context.Buffers;
            _clock = context.Clock;
            _tracker = context.Connections;
            _context = context;
            _tracker.Add(this);
            Address = address;
            Port = port;
            IsIncoming = incoming;
            _receiveBuffer = _pool.Rent(InitialReceiveBuffer);
            _sendBuffer = _pool.Rent(InitialSendBuffer);
            _sendInFlight = _pool.Rent(InitialSendBuffer);
            ConnectedAtMs = _clock.NowMs;
            LastReceivedMs = ConnectedAtMs;
            LastSentMs = ConnectedAtMs;
        }

        public string Address { get; }

        public int Port { get; }

        /// <summary>"address:port" (IPv6 in brackets): the key for back-off and logs.</summary>
        public string Endpoint => PeerAddressSyntax.FormatEndpoint(Address, Port);

        public bool IsIncoming { get; }

        public bool IsClosed => _closed;

        public PeerId RemotePeerId { get; private set; }

        public ReservedBits RemoteReserved { get; private set; }

        public bool SupportsFast => RemoteReserved.SupportsFastExtension;

        public bool SupportsExtensions => RemoteReserved.SupportsExtensionProtocol;

        /// <summary>The peer's extension handshake, later ones merged in; null until the first arrives.</summary>
        public ExtensionHandshake? RemoteExtensions { get; set; }

        /// <summary>
        /// Where the peer accepts connections: the port we dialled for outgoing connections, the "p"
        /// of its extension handshake for incoming ones (their source port is ephemeral); null when unknown.
        /// </summary>
        public int? ListenPort => IsIncoming ? RemoteExtensions?.ListenPort : Port;

        /// <summary>The peer's pieces; null until its metadata size is known.</summary>
        public Bitfield? RemotePieces { get; set; }

        /// <summary>The peer announced every piece (HaveAll) before we knew how many there are.</summary>
        public bool RemoteHasAll { get; set; }

        /// <summary>A bitfield that arrived before the metadata (its length could not be checked yet).</summary>
        public byte[]? PendingBitfield { get; set; }

        /// <summary>Have messages that arrived before the metadata.</summary>
        public System.Collections.Generic.List<int>? PendingHaves { get; set; }

        /// <summary>The peer has every piece (have-all, or a full bitfield).</summary>
        public bool IsSeed => RemoteHasAll || (RemotePieces?.IsAllSet ?? false);

        /// <summary>True once a bitfield, have-all or have-none arrived (only allowed as the first message).</summary>
        public bool ReceivedFirstMessage { get; set; }

        public bool AmChoking { get; set; } = true;

        public bool AmInterested { get; set; }

        public bool PeerChoking { get; set; } = true;

        public bool PeerInterested { get; set; }

        /// <summary>Pieces the peer lets us fetch while it chokes us (BEP 6).</summary>
        public System.Collections.Generic.HashSet<int> AllowedFast { get; } = new System.Collections.Generic.HashSet<int>();

        public RateMeter DownloadRate { get; } = new RateMeter();

        public RateMeter UploadRate { get; } = new RateMeter();

        public PipelineDepth Pipeline { get; } = new PipelineDepth();

        public long PayloadDownloaded { get; set; }

        /// <summary>Pieces this peer helped send that failed their hash.</summary>
        public int HashFailures { get; set; }

        public long PayloadUploaded { get; set; }

        public long ProtocolBytesReceived { get; private set; }

        public long ProtocolBytesSent { get; private set; }

        public long ConnectedAtMs { get; }

        public long LastReceivedMs { get; private set; }

        public long LastSentMs { get; private set; }

        /// <summary>Bytes queued to send and not yet handed to the socket.</summary>
        public int QueuedSendBytes => _sendLength;

        /// <summary>Upload requests accepted from this peer and not yet served.</summary>
        public UploadQueue Uploads { get; } = new UploadQueue();

        /// <summary>The receive loop; completes when the connection is closed and its buffers are returned.</summary>
        public Task? ReceiveLoop { get; private set; }

        /// <summary>Largest frame accepted from this peer (grows with the torrent's bitfield).</summary>
        public void SetMaxMessageLength(int length) => _maxMessageLength = Math.Max(_maxMessageLength, length);

        /// <summary>Connects, sends our handshake and reads the peer's (outgoing connections).</summary>
        /// <returns>True when the peer answered for the same torrent and is not ourselves.</returns>
        public async Task<bool> HandshakeOutgoingAsync(InfoHash infoHash, PeerId ours, ReservedBits reserved, TimeSpan timeout)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            deadline.CancelAfter(timeout);
            await _socket.ConnectAsync(Address, Port, deadline.Token).ConfigureAwait(true);
            WriteHandshake(infoHash, ours, reserved);
            Flush();
            await FillAsync(PeerHandshake.Length, deadline.Token).ConfigureAwait(true);
            PeerHandshake.TryRead(ReceivedSpan, out var theirs);
            _receiveStart += PeerHandshake.Length;
            if (!theirs.InfoHash.Equals(infoHash) || theirs.PeerId.Equals(ours))
            {
                return false;
            }

            RemotePeerId = theirs.PeerId;
            RemoteReserved = theirs.Reserved;
            return true;
        }

        /// <summary>Reads the first 48 bytes of an incoming handshake: enough to route it by info-hash.</summary>
        public async Task<InfoHash> ReadIncomingHeaderAsync(TimeSpan timeout)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            deadline.CancelAfter(timeout);
            await FillAsync(PeerHandshake.HeaderLength, deadline.Token).ConfigureAwait(true);
            PeerHandshake.TryReadHeader(ReceivedSpan, out var reserved, out var infoHash);
            RemoteReserved = reserved;
            return infoHash;
        }

        /// <summary>Answers an incoming handshake and reads the peer id that follows the header.</summary>
        /// <returns>False when the peer turned out to be ourselves.</returns>
        public async Task<bool> CompleteIncomingHandshakeAsync(InfoHash infoHash, PeerId ours, ReservedBits reserved, TimeSpan timeout)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            deadline.CancelAfter(timeout);
            WriteHandshake(infoHash, ours, reserved);
            Flush();
            await FillAsync(PeerHandshake.Length, deadline.Token).ConfigureAwait(true);
            PeerHandshake.TryRead(ReceivedSpan, out var theirs);
            _receiveStart += PeerHandshake.Length;
            RemotePeerId = theirs.PeerId;
            return !theirs.PeerId.Equals(ours);
        }

        /// <summary>Hands the connection to its torrent and starts reading messages.</summary>
        public void Start(IPeerConnectionHandler handler)
        {
            _handler = handler;
            ReceiveLoop = ReceiveLoopAsync();
        }

        /// <summary>Closes the connection once; the handler hears of it and buffers go back when I/O has stopped.</summary>
        public void Close(string reason, Exception? error = null)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _cancel.Cancel();
            _socket.Dispose();
            if (Log.IsEnabled(LogLevel.Debug))
            {
                Log.Debug("Closed: " + reason + (error is null ? string.Empty : " (" + error.Message + ")"));
            }

            Uploads.Clear();
            _handler?.OnClosed(this, reason, error);
            if (!_sending)
            {
                ReturnSendBuffers();
            }

            if (!_receiving)
            {
                ReturnReceiveBuffer();
            }
        }

        private ReadOnlySpan<byte> ReceivedSpan => new ReadOnlySpan<byte>(_receiveBuffer, _receiveStart, _receiveEnd - _receiveStart);

        private async Task FillAsync(int needed, CancellationToken cancellationToken)
        {
            _receiving = true;
            try
            {
                while (_receiveEnd - _receiveStart < needed)
                {
                    int read = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(_receiveEnd), cancellationToken).ConfigureAwait(true);
                    if (read == 0)
                    {
                        throw new NetworkException(NetworkErrorKind.Closed, "The peer closed the connection during the handshake.");
                    }

                    _receiveEnd += read;
                    ProtocolBytesReceived += read;
                    _context.ProtocolDownloadRate.Add(read, _clock.NowMs);
                }
            }
            finally
            {
                _receiving = false;
                if (_closed)
                {
                    ReturnReceiveBuffer();
                }
            }
        }

        private async Task ReceiveLoopAsync()
        {
            _receiving = true;
            try
            {
                // Bytes that arrived with the handshake are processed before the first read.
                ProcessReceived();
                while (!_closed)
                {
                    MakeRoom();
                    int read = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(_receiveEnd), _cancel.Token).ConfigureAwait(true);
                    if (read == 0)
                    {
                        Close("the peer closed the connection");
                        break;
                    }

                    _receiveEnd += read;
                    ProtocolBytesReceived += read;
                    LastReceivedMs = _clock.NowMs;
                    _context.ProtocolDownloadRate.Add(read, LastReceivedMs);
                    ProcessReceived();
                    Flush();
                }
            }
            catch (OperationCanceledException) when (_closed)
            {
                // Close() cancelled the pending receive; nothing was lost.
            }
            catch (ObjectDisposedException) when (_closed)
            {
                // Close() disposed the socket under the pending receive.
            }
            catch (Exception ex) when (ex is NetworkException || ex is PeerProtocolException || ex is System.IO.IOException)
            {
                Close(ex is PeerProtocolException ? "protocol error" : "network error", ex);
            }
            catch (Exception ex)
            {
                // A bug of ours while handling a message: drop this peer, loudly, rather than leave it unread.
                Log.Error("Internal error while handling a message; closing the connection", ex);
                Close("internal error", ex);
            }
            finally
            {
                _receiving = false;
                if (_closed)
                {
                    ReturnReceiveBuffer();
                }
            }
        }

        private void ProcessReceived()
        {
            while (!_closed)
            {
                var span = ReceivedSpan;
                if (!PeerMessageReader.TryRead(span, _maxMessageLength, out var message, out int consumed))
                {
                    return;
                }

                _receiveStart += consumed;
                _handler!.OnMessage(this, message);
            }
        }

        /// <summary>Moves a partial frame to the front, and grows the buffer when one frame needs more room.</summary>
        private void MakeRoom()
        {
            int pending = _receiveEnd - _receiveStart;
            if (pending == 0)
            {
                _receiveStart = 0;
                _receiveEnd = 0;
            }

            int need = Math.Max(PeerMessageReader.GetRequiredLength(ReceivedSpan, _maxMessageLength), pending + 1);
            if (need > _receiveBuffer.Length)
            {
                var larger = _pool.Rent(need);
                Buffer.BlockCopy(_receiveBuffer, _receiveStart, larger, 0, pending);
                _pool.Return(_receiveBuffer);
                _receiveBuffer = larger;
            }
            else if (_receiveStart + need > _receiveBuffer.Length || _receiveBuffer.Length - _receiveEnd < 16 * 1024)
            {
                // Only a partial frame is ever moved, so this copies less than one message.
                Buffer.BlockCopy(_receiveBuffer, _receiveStart, _receiveBuffer, 0, pending);
            }
            else
            {
                return;
            }

            _receiveStart = 0;
            _receiveEnd = pending;
        }

        private void ReturnReceiveBuffer()
        {
            if (_receiveBuffer.Length != 0)
            {
                _pool.Return(_receiveBuffer);
                _receiveBuffer = Array.Empty<byte>();
            }

            ForgetIfReleased();
        }

        private void ForgetIfReleased()
        {
            if (_receiveBuffer.Length == 0 && _sendBuffer.Length == 0 && _sendInFlight.Length == 0)
            {
                _tracker.Remove(this);
            }
        }

        private void ReturnSendBuffers()
        {
            if (_sendBuffer.Length != 0)
            {
                _pool.Return(_sendBuffer);
                _sendBuffer = Array.Empty<byte>();
            }

            if (_sendInFlight.Length != 0)
            {
                _pool.Return(_sendInFlight);
                _sendInFlight = Array.Empty<byte>();
            }

            ForgetIfReleased();
        }
    }
}
