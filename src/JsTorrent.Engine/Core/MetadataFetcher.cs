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
    internal sealed class MetadataFetcher
    {
        private const long RequestTimeoutMs = 10_000;

        private readonly InfoHash _infoHash;
        private byte[]? _buffer;
        private bool[] _received = Array.Empty<bool>();
        private object?[] _requestedBy = Array.Empty<object?>();
        private long[] _requestedAt = Array.Empty<long>();
        private int _receivedCount;

        public MetadataFetcher(InfoHash infoHash) => _infoHash = infoHash;

        public int Size => _buffer?.Length ?? 0;

        public bool HasSize => _buffer != null;

        /// <summary>Takes the size a peer announced (metadata_size) if none is known yet.</summary>
        public void OfferSize(long size)
        {
            if (_buffer != null || size <= 0 || size > MetadataMessage.MaxMetadataSize)
            {
                return;
            }

            _buffer = new byte[size];
            int pieces = (int)((size + MetadataMessage.PieceSize - 1) / MetadataMessage.PieceSize);
            _received = new bool[pieces];
            _requestedBy = new object?[pieces];
            _requestedAt = new long[pieces];
            _receivedCount = 0;
        }

        /// <summary>A piece to ask this peer for: one nobody has, or whose request went unanswered too long.</summary>
        public bool TryPickRequest(object peer, long nowMs, out int piece)
        {
            for (piece = 0; piece < _received.Length; piece++)
            {
                if (!_received[piece] && (_requestedBy[piece] is null || nowMs - _requestedAt[piece] > RequestTimeoutMs))
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
                count += !_received[i] && ReferenceEquals(_requestedBy[i], peer) ? 1 : 0;
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
        }

        /// <summary>Stores a piece; returns the verified info dictionary once every piece is in, else null.</summary>
        /// <exception cref="PeerProtocolException">The piece does not fit the announced size.</exception>
        public byte[]? OnData(int piece, long totalSize, ReadOnlySpan<byte> data)
        {
            if (_buffer is null || totalSize != _buffer.Length)
            {
                // A size different from the one being assembled: that peer's metadata is another (or bogus).
                throw new PeerProtocolException("ut_metadata total_size " + totalSize + " differs from " + Size + ".");
            }

            int offset = piece * MetadataMessage.PieceSize;
            int expected = piece >= _received.Length ? -1 : Math.Min(MetadataMessage.PieceSize, _buffer.Length - offset);
            if (data.Length != expected)
            {
                throw new PeerProtocolException("ut_metadata piece " + piece + " has " + data.Length + " bytes.");
            }

            if (!_received[piece])
            {
                data.CopyTo(_buffer.AsSpan(offset));
                _received[piece] = true;
                _receivedCount++;
            }

            if (_receivedCount < _received.Length)
            {
                return null;
            }

            if (InfoHash.Compute(_buffer).Equals(_infoHash))
            {
                return _buffer;
            }

            // Some peer sent bytes that do not hash to the info-hash: start over (the size may be wrong too).
            _buffer = null;
            _received = Array.Empty<bool>();
            _requestedBy = Array.Empty<object?>();
            _requestedAt = Array.Empty<long>();
            _receivedCount = 0;
            return null;
        }
    }
}
