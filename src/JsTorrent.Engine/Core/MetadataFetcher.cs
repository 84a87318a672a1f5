using System;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// Assembles a magnet's info dictionary from BEP 9 pieces sent by several peers, and accepts it
    /// only when its SHA-1 is the info-hash. Loop-owned. The size comes from the first peer that
    /// announces a plausible one; a wrong size simply fails verification and starts over.
    /// </summary>
    /// <remarks>
    /// Metadata has no per-piece hashes, so a forged piece is only seen when the whole fails. If
    /// one peer sent every piece it is named as the culprit. If several did, the blame cannot be
    /// placed, so the next assembly takes every piece from a single peer: a second failure then
    /// names its sender, and a hostile peer cannot keep a magnet from ever completing.
    /// </remarks>
    internal sealed class MetadataFetcher
    {
        private const long RequestTimeoutMs = 10_000;

        private readonly InfoHash _infoHash;
        private byte[]? _buffer;
        private object?[] _sentBy = Array.Empty<object?>();
        private object?[] _requestedBy = Array.Empty<object?>();
        private long[] _requestedAt = Array.Empty<long>();
        private int _receivedCount;
        private object? _source;

        public MetadataFetcher(InfoHash infoHash) => _infoHash = infoHash;

        public int Size => _buffer?.Length ?? 0;

        public bool HasSize => _buffer != null;

        /// <summary>Whether pieces are taken from one peer at a time (after a failure that several peers contributed to).</summary>
        public bool SingleSource { get; private set; }

        /// <summary>Takes the size a peer announced (metadata_size) if none is known yet.</summary>
        public void OfferSize(long size)
        {
            if (_buffer != null || size <= 0 || size > MetadataMessage.MaxMetadataSize)
            {
                return;
            }

            _buffer = new byte[size];
            int pieces = (int)((size + MetadataMessage.PieceSize - 1) / MetadataMessage.PieceSize);
            _sentBy = new object?[pieces];
            _requestedBy = new object?[pieces];
            _requestedAt = new long[pieces];
            _receivedCount = 0;
            _source = null;
        }

        /// <summary>A piece to ask this peer for: one nobody has, or whose request went unanswered too long.</summary>
        public bool TryPickRequest(object peer, long nowMs, out int piece)
        {
            if (SingleSource && !ReferenceEquals(_source, peer))
            {
                if (_source != null && !SourceStalled(nowMs))
                {
                    piece = -1;
                    return false;
                }

                // The source is gone or silent: what it sent cannot be trusted alongside another's pieces.
                ClearPieces();
                _source = peer;
            }

            for (piece = 0; piece < _sentBy.Length; piece++)
            {
                if (_sentBy[piece] is null && (_requestedBy[piece] is null || nowMs - _requestedAt[piece] > RequestTimeoutMs))
                {
                    _requestedBy[piece] = peer;
                    _requestedAt[piece] = nowMs;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Pieces this peer was asked for and has not answered.</summary>
        public int CountRequests(object peer)
        {
            int count = 0;
            for (int i = 0; i < _requestedBy.Length; i++)
            {
                count += _sentBy[i] is null && ReferenceEquals(_requestedBy[i], peer) ? 1 : 0;
            }

            return count;
        }

        public void Forget(object peer)
        {
            for (int i = 0; i < _requestedBy.Length; i++)
            {
                if (ReferenceEquals(_requestedBy[i], peer))
                {
                    _requestedBy[i] = null;
                }
            }

            if (ReferenceEquals(_source, peer))
            {
                ClearPieces();
                _source = null;
            }
        }

        /// <summary>Stores a piece a peer sent.</summary>
        /// <param name="peer">The sender.</param>
        /// <param name="piece">The piece index.</param>
        /// <param name="totalSize">The sender's <c>total_size</c>.</param>
        /// <param name="data">The piece.</param>
        /// <param name="info">The verified info dictionary when the result is <see cref="MetadataOutcome.Complete"/>.</param>
        /// <param name="culprit">When the result is <see cref="MetadataOutcome.HashFailed"/>: the one peer that sent every piece, if it was one.</param>
        /// <returns>What the piece did.</returns>
        /// <exception cref="PeerProtocolException">The piece does not fit the size the peer itself sent.</exception>
        public MetadataOutcome OnData(object peer, int piece, long totalSize, ReadOnlySpan<byte> data, out byte[]? info, out object? culprit)
        {
            info = null;
            culprit = null;
            if (_buffer is null || totalSize != _buffer.Length || (SingleSource && !ReferenceEquals(_source, peer)))
            {
                // Another assembly's size (an honest peer after a liar set the size, or the reverse):
                // not this peer's fault as far as we can tell, so not a protocol error.
                return MetadataOutcome.Ignored;
            }

            int offset = piece * MetadataMessage.PieceSize;
            int expected = piece < 0 || piece >= _sentBy.Length ? -1 : Math.Min(MetadataMessage.PieceSize, _buffer.Length - offset);
            if (data.Length != expected)
            {
                throw new PeerProtocolException("ut_metadata piece " + piece + " has " + data.Length + " bytes.");
            }

            if (_sentBy[piece] is null)
            {
                data.CopyTo(_buffer.AsSpan(offset));
                _sentBy[piece] = peer;
                _receivedCount++;
            }

            if (_receivedCount < _sentBy.Length)
            {
                return MetadataOutcome.Incomplete;
            }

            if (InfoHash.Compute(_buffer).Equals(_infoHash))
            {
                info = _buffer;
                return MetadataOutcome.Complete;
            }

            culprit = SoleSender();
            SingleSource |= culprit is null;

            // Start over; the size may have been the lie, so the next peer's offer sets it afresh.
            _buffer = null;
            _sentBy = Array.Empty<object?>();
            _requestedBy = Array.Empty<object?>();
            _requestedAt = Array.Empty<long>();
            _receivedCount = 0;
            _source = null;
            return MetadataOutcome.HashFailed;
        }

        private object? SoleSender()
        {
            object? sender = _sentBy.Length > 0 ? _sentBy[0] : null;
            foreach (object? other in _sentBy)
            {
                if (!ReferenceEquals(other, sender))
                {
                    return null;
                }
            }

            return sender;
        }

        private bool SourceStalled(long nowMs)
        {
            for (int i = 0; i < _requestedBy.Length; i++)
            {
                if (_sentBy[i] is null && ReferenceEquals(_requestedBy[i], _source) && nowMs - _requestedAt[i] > RequestTimeoutMs)
                {
                    return true;
                }
            }

            return false;
        }

        private void ClearPieces()
        {
            Array.Clear(_sentBy, 0, _sentBy.Length);
            Array.Clear(_requestedBy, 0, _requestedBy.Length);
            _receivedCount = 0;
        }
    }
}
