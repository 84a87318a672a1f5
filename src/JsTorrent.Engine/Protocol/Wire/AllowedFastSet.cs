using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// The canonical allowed-fast set of BEP 6: pieces a peer may download from us while choked,
    /// derived from its IPv4 address (masked to the /24) and the info-hash, so that every client
    /// computes the same set for the same peer and reconnecting does not earn a new one.
    /// </summary>
    internal static class AllowedFastSet
    {
        /// <summary>
        /// Clears <paramref name="into"/> and fills it with up to <paramref name="count"/> distinct piece
        /// indexes (fewer only when the torrent has fewer pieces), in generation order.
        /// </summary>
        /// <param name="ipv4AddressBytes">The peer's IPv4 address, 4 bytes in network order.</param>
        /// <param name="infoHash">The torrent.</param>
        /// <param name="pieceCount">Number of pieces in the torrent.</param>
        /// <param name="count">Set size k (BEP 6 suggests 10); duplicates are checked linearly, so keep it small.</param>
        /// <param name="into">Receives the indexes.</param>
        public static void Generate(ReadOnlySpan<byte> ipv4AddressBytes, InfoHash infoHash, int pieceCount, int count, List<int> into)
        {
            if (ipv4AddressBytes.Length != 4)
            {
                throw new ArgumentException("An IPv4 address is 4 bytes; got " + ipv4AddressBytes.Length + ".", nameof(ipv4AddressBytes));
            }

            if (pieceCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pieceCount), pieceCount, "The piece count must not be negative.");
            }

            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "The set size must not be negative.");
            }

            if (into is null)
            {
                throw new ArgumentNullException(nameof(into));
            }

            into.Clear();
            int wanted = Math.Min(count, pieceCount);
            if (wanted == 0)
            {
                return;
            }

            // x = (ip & 0xFFFFFF00) ++ infohash; then x = SHA1(x) until k distinct indexes are found.
            Span<byte> seed = stackalloc byte[4 + InfoHash.Length];
            ipv4AddressBytes.Slice(0, 3).CopyTo(seed);
            seed[3] = 0;
            infoHash.CopyTo(seed.Slice(4));
            Span<byte> digest = stackalloc byte[Sha1.DigestLength];
            Span<byte> previous = stackalloc byte[Sha1.DigestLength];
            Sha1.Hash(seed, digest);
            while (true)
            {
                for (int i = 0; i < Sha1.DigestLength; i += 4)
                {
                    uint y = BinaryPrimitives.ReadUInt32BigEndian(digest.Slice(i));
                    int index = (int)(y % (uint)pieceCount);
                    if (!into.Contains(index))
                    {
                        into.Add(index);
                        if (into.Count == wanted)
                        {
                            return;
                        }
                    }
                }

                digest.CopyTo(previous);
                Sha1.Hash(previous, digest);
            }
        }
    }
}
