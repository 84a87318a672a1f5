using System;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// The 68-byte BitTorrent handshake: pstrlen 19, "BitTorrent protocol", 8 reserved bytes,
    /// info-hash, peer id. The first 48 bytes (<see cref="HeaderLength"/>) can be read alone, because
    /// an incoming connection must be routed to its torrent by info-hash before we answer.
    /// </summary>
    internal readonly struct PeerHandshake
    {
        public const int Length = 68;

        /// <summary>Protocol string, reserved bytes and info-hash: everything before the peer id.</summary>
        public const int HeaderLength = 48;

        private const int ProtocolLength = 19;
        private const int ReservedOffset = 20;
        private const int InfoHashOffset = 28;

        public PeerHandshake(ReservedBits reserved, InfoHash infoHash, PeerId peerId)
        {
            Reserved = reserved;
            InfoHash = infoHash;
            PeerId = peerId;
        }

        public ReservedBits Reserved { get; }

        public InfoHash InfoHash { get; }

        public PeerId PeerId { get; }

        // A UTF-8 literal is static data: nothing is allocated per call.
        private static ReadOnlySpan<byte> Protocol => "BitTorrent protocol"u8;

        /// <summary>Writes the 68 bytes.</summary>
        public void WriteTo(Span<byte> destination)
        {
            if (destination.Length < Length)
            {
                throw new ArgumentException("The destination holds " + destination.Length + " bytes; a handshake needs " + Length + ".", nameof(destination));
            }

            destination[0] = ProtocolLength;
            Protocol.CopyTo(destination.Slice(1));
            Reserved.WriteTo(destination.Slice(ReservedOffset));
            InfoHash.CopyTo(destination.Slice(InfoHashOffset));
            PeerId.CopyTo(destination.Slice(HeaderLength));
        }

        /// <summary>Reads a whole handshake.</summary>
        /// <returns>False while fewer than 68 bytes have arrived.</returns>
        /// <exception cref="PeerProtocolException">The bytes that have arrived do not start a BitTorrent handshake.</exception>
        public static bool TryRead(ReadOnlySpan<byte> buffer, out PeerHandshake handshake)
        {
            if (!TryReadHeader(buffer, out var reserved, out var infoHash) || buffer.Length < Length)
            {
                handshake = default;
                return false;
            }

            handshake = new PeerHandshake(reserved, infoHash, new PeerId(buffer.Slice(HeaderLength, PeerId.Length)));
            return true;
        }

        /// <summary>Reads the first 48 bytes: protocol, reserved bytes and info-hash.</summary>
        /// <returns>False while fewer than 48 bytes have arrived.</returns>
        /// <exception cref="PeerProtocolException">
        /// The bytes that have arrived do not start a BitTorrent handshake; checked on every call, so a
        /// stranger speaking another protocol is dropped as soon as its first bytes arrive.
        /// </exception>
        public static bool TryReadHeader(ReadOnlySpan<byte> buffer, out ReservedBits reserved, out InfoHash infoHash)
        {
            reserved = default;
            infoHash = default;
            if (buffer.Length == 0)
            {
                return false;
            }

            if (buffer[0] != ProtocolLength)
            {
                // Most often an encrypted (MSE/PE) handshake, whose first byte is random; the peer
                // will usually retry in plain text, which is what we speak.
                throw new PeerProtocolException("Not a plain BitTorrent handshake (first byte " + buffer[0]
                    + ", expected 19); probably an encrypted (MSE/PE) connection, which this engine does not support.");
            }

            int arrived = Math.Min(buffer.Length - 1, ProtocolLength);
            if (!buffer.Slice(1, arrived).SequenceEqual(Protocol.Slice(0, arrived)))
            {
                throw new PeerProtocolException("Handshake protocol string is not \"BitTorrent protocol\".");
            }

            if (buffer.Length < HeaderLength)
            {
                return false;
            }

            reserved = new ReservedBits(buffer.Slice(ReservedOffset, ReservedBits.Length));
            infoHash = new InfoHash(buffer.Slice(InfoHashOffset, InfoHash.Length));
            return true;
        }
    }
}
