using System;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// One parsed peer wire message. Zero copy: <see cref="Payload"/> points into the buffer given to
    /// <see cref="PeerMessageReader.TryRead"/>, so it is valid only until that buffer is reused.
    /// Which fields are meaningful depends on <see cref="Id"/>; the others are zero.
    /// </summary>
    internal readonly ref struct PeerMessage
    {
        public PeerMessage(PeerMessageId id, int index, int begin, int length, ushort port, byte extendedId, ReadOnlySpan<byte> payload)
        {
            IsKeepAlive = false;
            Id = id;
            Index = index;
            Begin = begin;
            Length = length;
            Port = port;
            ExtendedId = extendedId;
            Payload = payload;
        }

        private PeerMessage(bool keepAlive)
        {
            IsKeepAlive = keepAlive;
            Id = default;
            Index = 0;
            Begin = 0;
            Length = 0;
            Port = 0;
            ExtendedId = 0;
            Payload = default;
        }

        /// <summary>The zero-length frame; it has no id, so check this before <see cref="Id"/>.</summary>
        public static PeerMessage KeepAlive => new PeerMessage(true);

        /// <summary>True for a keep-alive (zero-length frame); then every other field is zero.</summary>
        public bool IsKeepAlive { get; }

        /// <summary>The message id; may be a value the enum does not name (an unknown message).</summary>
        public PeerMessageId Id { get; }

        /// <summary>Piece index of Have, Request, Piece, Cancel, Suggest, RejectRequest, AllowedFast.</summary>
        public int Index { get; }

        /// <summary>Byte offset within the piece of Request, Piece, Cancel, RejectRequest.</summary>
        public int Begin { get; }

        /// <summary>Block length of Request, Cancel, RejectRequest; for Piece, the length of the block data.</summary>
        public int Length { get; }

        /// <summary>The DHT port of a Port message.</summary>
        public ushort Port { get; }

        /// <summary>The extended message id (the byte after id 20); 0 is the extension handshake.</summary>
        public byte ExtendedId { get; }

        /// <summary>Bitfield bytes, Piece block data, Extended payload after the extended id, or an unknown message's payload.</summary>
        public ReadOnlySpan<byte> Payload { get; }
    }
}
