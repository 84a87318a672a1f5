using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>
    /// A hand-driven peer for tests that need a misbehaving one: it speaks the wire format through
    /// the same socket contracts as the engine, and does whatever the test tells it.
    /// </summary>
    internal sealed class RawPeer : IAsyncDisposable
    {
        private readonly ITcpSocket _socket;
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _start;
        private int _end;
        private byte _lastExtendedId;
        private byte[] _lastPayload = Array.Empty<byte>();

        private RawPeer(ITcpSocket socket)
        {
            _socket = socket;
        }

        public PeerHandshake RemoteHandshake { get; private set; }

        public static async Task<RawPeer> ConnectAsync(ISocketFactory factory, string host, int port, InfoHash infoHash, CancellationToken cancellationToken)
        {
            var socket = factory.CreateTcpSocket();
            await socket.ConnectAsync(host, port, cancellationToken);
            var peer = new RawPeer(socket);
            await peer.SendHandshakeAsync(infoHash, cancellationToken);
            await peer.ReadHandshakeAsync(cancellationToken);
            return peer;
        }

        public static async Task<RawPeer> AcceptAsync(ITcpServer server, InfoHash infoHash, CancellationToken cancellationToken)
        {
            var socket = await server.AcceptAsync(cancellationToken);
            var peer = new RawPeer(socket);
            await peer.ReadHandshakeAsync(cancellationToken);
            await peer.SendHandshakeAsync(infoHash, cancellationToken);
            return peer;
        }

        public ValueTask SendAsync(byte[] bytes, CancellationToken cancellationToken) => _socket.SendAsync(bytes, cancellationToken);

        public ValueTask SendAsync(Func<Span<byte>, int> write, CancellationToken cancellationToken)
        {
            var frame = new byte[256 * 1024];
            int length = write(frame);
            return _socket.SendAsync(frame.AsMemory(0, length), cancellationToken);
        }

        /// <summary>Reads the next message; returns false when the engine closed the connection.</summary>
        public async Task<(bool Open, PeerMessageId Id, int Index, int Begin, int Length)> ReceiveAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (TryParse(out var parsed))
                {
                    return parsed;
                }

                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                int read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), cancellationToken);
                if (read == 0)
                {
                    return (false, default, 0, 0, 0);
                }

                _end += read;
            }
        }

        /// <summary>Sends an extended message (BEP 10) with the given extended id.</summary>
        public ValueTask SendExtendedAsync(byte extendedId, byte[] payload, CancellationToken cancellationToken) =>
            SendAsync(span => PeerMessageWriter.WriteExtended(span, extendedId, payload), cancellationToken);

        /// <summary>Reads messages until an extended one with this id arrives; null when the engine closed the connection first.</summary>
        public async Task<byte[]?> ReceiveExtendedAsync(byte extendedId, CancellationToken cancellationToken)
        {
            while (true)
            {
                var message = await ReceiveAsync(cancellationToken);
                if (!message.Open)
                {
                    return null;
                }

                if (message.Id == PeerMessageId.Extended && _lastExtendedId == extendedId)
                {
                    return _lastPayload;
                }
            }
        }

        public ValueTask DisposeAsync() => _socket.DisposeAsync();

        private bool TryParse(out (bool Open, PeerMessageId Id, int Index, int Begin, int Length) parsed)
        {
            parsed = default;
            var span = new ReadOnlySpan<byte>(_buffer, _start, _end - _start);
            while (PeerMessageReader.TryRead(span, 1 << 20, out var message, out int consumed))
            {
                _start += consumed;
                span = span.Slice(consumed);
                if (!message.IsKeepAlive)
                {
                    parsed = (true, message.Id, message.Index, message.Begin, message.Length);
                    if (message.Id == PeerMessageId.Extended)
                    {
                        _lastExtendedId = message.ExtendedId;
                        _lastPayload = message.Payload.ToArray();
                    }

                    return true;
                }
            }

            return false;
        }

        private async Task SendHandshakeAsync(InfoHash infoHash, CancellationToken cancellationToken)
        {
            var bytes = new byte[PeerHandshake.Length];
            new PeerHandshake(ReservedBits.Ours, infoHash, PeerId.Generate("RP")).WriteTo(bytes);
            await _socket.SendAsync(bytes, cancellationToken);
        }

        private async Task ReadHandshakeAsync(CancellationToken cancellationToken)
        {
            while (_end - _start < PeerHandshake.Length)
            {
                int read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), cancellationToken);
                if (read == 0)
                {
                    throw new InvalidOperationException("The engine closed the connection during the handshake.");
                }

                _end += read;
            }

            PeerHandshake.TryRead(new ReadOnlySpan<byte>(_buffer, _start, PeerHandshake.Length), out var handshake);
            RemoteHandshake = handshake;
            _start += PeerHandshake.Length;
        }
    }
}
