using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <content>
    /// The send half: messages are written into one pooled buffer while the other is on the
    /// wire; <see cref="Flush"/> starts a send when none is running. Many small messages thus
    /// leave in one socket call, and nothing is allocated per message.
    /// </content>
    internal sealed partial class PeerConnection
    {
        private Action? _deferredFlush;
        private bool _flushPending;

        public void SendKeepAlive() => Commit(PeerMessageWriter.WriteKeepAlive(Reserve(4)));

        public void SendChoke()
        {
            AmChoking = true;
            Commit(PeerMessageWriter.WriteChoke(Reserve(5)));
        }

        public void SendUnchoke()
        {
            AmChoking = false;
            Commit(PeerMessageWriter.WriteUnchoke(Reserve(5)));
        }

        public void SendInterested(bool interested)
        {
            AmInterested = interested;
            Commit(interested ? PeerMessageWriter.WriteInterested(Reserve(5)) : PeerMessageWriter.WriteNotInterested(Reserve(5)));
        }

        public void SendHave(int piece) => Commit(PeerMessageWriter.WriteHave(Reserve(9), piece));

        public void SendBitfield(Pieces.Bitfield pieces)
        {
            var span = Reserve(5 + pieces.WireLength);
            var bits = span.Slice(5, pieces.WireLength);
            pieces.WriteWire(bits);
            Commit(PeerMessageWriter.WriteBitfield(span, bits));
        }

        public void SendHaveAll() => Commit(PeerMessageWriter.WriteHaveAll(Reserve(5)));

        public void SendHaveNone() => Commit(PeerMessageWriter.WriteHaveNone(Reserve(5)));

        public void SendRequest(int piece, int begin, int length) => Commit(PeerMessageWriter.WriteRequest(Reserve(17), piece, begin, length));

        public void SendCancel(int piece, int begin, int length) => Commit(PeerMessageWriter.WriteCancel(Reserve(17), piece, begin, length));

        public void SendReject(int piece, int begin, int length) => Commit(PeerMessageWriter.WriteRejectRequest(Reserve(17), piece, begin, length));

        public void SendExtended(byte id, ReadOnlySpan<byte> payload)
        {
            var span = Reserve(6 + payload.Length);
            Commit(PeerMessageWriter.WriteExtended(span, id, payload));
        }

        /// <summary>Queues a piece message whose block is copied from <paramref name="block"/>.</summary>
        public void SendPiece(int piece, int begin, ReadOnlySpan<byte> block)
        {
            var span = Reserve(13 + block.Length);
            int header = PeerMessageWriter.WritePieceHeader(span, piece, begin, block.Length);
            block.CopyTo(span.Slice(header));
            Commit(header + block.Length);
        }

        /// <summary>
        /// Sends what is queued once the loop has run the work queued now: piece messages from a
        /// burst of disk reads then leave in one socket call instead of one each.
        /// </summary>
        public void FlushWhenDrained()
        {
            if (!_flushPending && !_closed)
            {
                _flushPending = true;
                _context.Loop.RunWhenDrained(_deferredFlush ??= () =>
                {
                    _flushPending = false;
                    Flush();
                });
            }
        }

        /// <summary>Starts sending what is queued, unless a send is already running.</summary>
        public void Flush()
        {
            if (!_sending && _sendLength > 0 && !_closed)
            {
                _ = SendPumpAsync();
            }
        }

        private void WriteHandshake(InfoHash infoHash, PeerId ours, ReservedBits reserved)
        {
            new PeerHandshake(reserved, infoHash, ours).WriteTo(Reserve(PeerHandshake.Length));
            Commit(PeerHandshake.Length);
        }

        private Span<byte> Reserve(int length)
        {
            if (_closed)
            {
                // Writes after close are dropped: the connection is gone and its buffers returned.
                return new Span<byte>(new byte[length]);
            }

            if (_sendLength + length > _sendBuffer.Length)
            {
                var larger = _pool.Rent(Math.Max(_sendBuffer.Length * 2, _sendLength + length));
                Buffer.BlockCopy(_sendBuffer, 0, larger, 0, _sendLength);
                _pool.Return(_sendBuffer);
                _sendBuffer = larger;
            }

            return new Span<byte>(_sendBuffer, _sendLength, length);
        }

        private void Commit(int length)
        {
            if (!_closed)
            {
                _sendLength += length;
            }
        }

        /// <remarks>The one place sends happen; every failure closes the connection, so the discarded task never faults.</remarks>
        private async Task SendPumpAsync()
        {
            _sending = true;
            try
            {
                while (_sendLength > 0 && !_closed)
                {
                    var full = _sendBuffer;
                    int length = _sendLength;
                    _sendBuffer = _sendInFlight.Length >= InitialSendBuffer ? _sendInFlight : _pool.Rent(InitialSendBuffer);
                    _sendInFlight = full;
                    _sendLength = 0;
                    await _socket.SendAsync(full.AsMemory(0, length), _cancel.Token).ConfigureAwait(true);
                    ProtocolBytesSent += length;
                    LastSentMs = _clock.NowMs;
                    _context.ProtocolUploadRate.Add(length, LastSentMs);
                    if (_sendLength < SendHighWater && !_closed)
                    {
                        _handler?.OnSendBufferDrained(this);
                    }
                }
            }
            catch (OperationCanceledException) when (_closed)
            {
                // Close() cancelled the send.
            }
            catch (ObjectDisposedException) when (_closed)
            {
                // Close() disposed the socket under the send.
            }
            catch (Exception ex) when (ex is NetworkException || ex is System.IO.IOException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
                Close("send failed", ex);
            }
            catch (Exception ex)
            {
                Log.Error("Internal error while sending; closing the connection", ex);
                Close("internal error", ex);
            }
            finally
            {
                _sending = false;
                if (_closed)
                {
                    ReturnSendBuffers();
                }
            }
        }
    }
}
