using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker.Udp
{
    /// <summary>The BEP 15 packet layouts (all integers big-endian) and BEP 41's URL-data option.</summary>
    internal static class UdpTrackerMessages
    {
        /// <summary>The magic constant a connect request starts with.</summary>
        public const long ProtocolId = 0x41727101980;

        public const int ActionConnect = 0;
        public const int ActionAnnounce = 1;
        public const int ActionScrape = 2;
        public const int ActionError = 3;

        /// <summary>Every request carries its transaction id here (after the 8-byte protocol or connection id and the action).</summary>
        public const int TransactionIdOffset = 12;

        public const int ConnectRequestLength = 16;
        public const int ConnectResponseLength = 16;
        public const int AnnounceRequestLength = 98;
        public const int AnnounceResponseHeaderLength = 20;
        public const int ScrapeRequestLength = 16 + InfoHash.Length;
        public const int ScrapeResponseLength = 8 + 12;

        /// <summary>Every reply starts with the action and the transaction id.</summary>
        public const int ReplyHeaderLength = 8;

        /// <summary>
        /// What <c>left</c> says while it is unknown (<see cref="AnnounceRequest.Left"/> &lt; 0, a magnet
        /// without metadata): the largest signed 64-bit value, so a tracker that reads the field
        /// signed or unsigned sees a leecher with plenty left, never a seed or a negative count.
        /// </summary>
        public const long UnknownLeft = long.MaxValue;

        /// <summary>BEP 41 option type: URL data (the tracker URL's path and query), in chunks of at most 255 bytes.</summary>
        public const byte OptionUrlData = 2;

        /// <summary>Longest error text we keep from an error reply; a tracker's message is a sentence, not a page.</summary>
        private const int MaxErrorMessageBytes = 512;

        public static byte[] ConnectRequest()
        {
            var packet = new byte[ConnectRequestLength];
            BinaryPrimitives.WriteInt64BigEndian(packet, ProtocolId);
            BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(8), ActionConnect);
            return packet;
        }

        /// <summary>An announce; the transaction id is written later at <see cref="TransactionIdOffset"/>.</summary>
        public static byte[] AnnounceRequest(long connectionId, AnnounceRequest request, byte[]? urlData)
        {
            int optionsLength = urlData == null ? 0 : UrlDataOptionsLength(urlData.Length);
            var packet = new byte[AnnounceRequestLength + optionsLength];
            Span<byte> span = packet;
            BinaryPrimitives.WriteInt64BigEndian(span, connectionId);
            BinaryPrimitives.WriteInt32BigEndian(span.Slice(8), ActionAnnounce);
            request.InfoHash.CopyTo(span.Slice(16, InfoHash.Length));
            request.PeerId.CopyTo(span.Slice(36, PeerId.Length));
            BinaryPrimitives.WriteInt64BigEndian(span.Slice(56), Math.Max(0, request.Downloaded));
            BinaryPrimitives.WriteInt64BigEndian(span.Slice(64), request.Left < 0 ? UnknownLeft : request.Left);
            BinaryPrimitives.WriteInt64BigEndian(span.Slice(72), Math.Max(0, request.Uploaded));

            // AnnounceEvent's values are BEP 15's numbers.
            BinaryPrimitives.WriteInt32BigEndian(span.Slice(80), (int)request.Event);

            // IP address 0: the tracker uses the datagram's source address.
            BinaryPrimitives.WriteUInt32BigEndian(span.Slice(84), 0);
            BinaryPrimitives.WriteUInt32BigEndian(span.Slice(88), request.Key);

            // -1 is BEP 15's "tracker's default".
            BinaryPrimitives.WriteInt32BigEndian(span.Slice(92), request.NumWant < 0 ? -1 : request.NumWant);
            BinaryPrimitives.WriteUInt16BigEndian(span.Slice(96), (ushort)request.Port);
            if (urlData != null)
            {
                WriteUrlDataOptions(urlData, span.Slice(AnnounceRequestLength));
            }

            return packet;
        }

        public static byte[] ScrapeRequest(long connectionId, InfoHash infoHash)
        {
            var packet = new byte[ScrapeRequestLength];
            BinaryPrimitives.WriteInt64BigEndian(packet, connectionId);
            BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(8), ActionScrape);
            infoHash.CopyTo(packet.AsSpan(16, InfoHash.Length));
            return packet;
        }

        public static void WriteTransactionId(byte[] packet, uint transactionId)
            => BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(TransactionIdOffset), transactionId);

        public static int ReadAction(ReadOnlySpan<byte> reply) => BinaryPrimitives.ReadInt32BigEndian(reply);

        public static uint ReadTransactionId(ReadOnlySpan<byte> reply) => BinaryPrimitives.ReadUInt32BigEndian(reply.Slice(4));

        public static long ReadConnectionId(ReadOnlySpan<byte> reply) => BinaryPrimitives.ReadInt64BigEndian(reply.Slice(8));

        /// <summary>The text of an error reply (UTF-8, trailing NULs dropped, cut to a sane length).</summary>
        public static string ReadErrorMessage(ReadOnlySpan<byte> reply)
        {
            ReadOnlySpan<byte> text = reply.Slice(Math.Min(ReplyHeaderLength, reply.Length));
            if (text.Length > MaxErrorMessageBytes)
            {
                text = text.Slice(0, MaxErrorMessageBytes);
            }

            while (text.Length > 0 && text[text.Length - 1] == 0)
            {
                text = text.Slice(0, text.Length - 1);
            }

            string message = Encoding.UTF8.GetString(text.ToArray()).Trim();
            return message.Length == 0 ? "the tracker sent an error without a message" : message;
        }

        /// <summary>Reads an announce reply already checked to be at least <see cref="AnnounceResponseHeaderLength"/> long.</summary>
        /// <param name="reply">The reply.</param>
        /// <param name="ipv6">Whether the peers are 18-byte IPv6 entries (the tracker was reached over IPv6) rather than 6-byte IPv4 ones.</param>
        /// <param name="defaultInterval">The interval to use when the tracker says 0 or less.</param>
        public static AnnounceResponse ReadAnnounceResponse(ReadOnlySpan<byte> reply, bool ipv6, TimeSpan defaultInterval)
        {
            int interval = BinaryPrimitives.ReadInt32BigEndian(reply.Slice(8));
            int leechers = BinaryPrimitives.ReadInt32BigEndian(reply.Slice(12));
            int seeders = BinaryPrimitives.ReadInt32BigEndian(reply.Slice(16));

            ReadOnlySpan<byte> entries = reply.Slice(AnnounceResponseHeaderLength);
            var peers = new List<TrackerPeer>(entries.Length / (ipv6 ? CompactPeers.IPv6EntryLength : CompactPeers.IPv4EntryLength));
            if (ipv6)
            {
                CompactPeers.ReadIPv6(entries, peers);
            }
            else
            {
                CompactPeers.ReadIPv4(entries, peers);
            }

            return new AnnounceResponse(peers, interval > 0 ? TimeSpan.FromSeconds(interval) : defaultInterval)
            {
                Leechers = leechers >= 0 ? leechers : (int?)null,
                Seeders = seeders >= 0 ? seeders : (int?)null,
            };
        }

        /// <summary>Reads a scrape reply already checked to be at least <see cref="ScrapeResponseLength"/> long.</summary>
        /// <remarks>The counts are signed on the wire; a negative one (a broken tracker) reads as 0, never as a count shown to the user.</remarks>
        public static ScrapeResult ReadScrapeResponse(ReadOnlySpan<byte> reply)
            => new ScrapeResult(
                Math.Max(0, BinaryPrimitives.ReadInt32BigEndian(reply.Slice(8))),
                Math.Max(0, BinaryPrimitives.ReadInt32BigEndian(reply.Slice(12))),
                Math.Max(0, BinaryPrimitives.ReadInt32BigEndian(reply.Slice(16))));

        /// <summary>
        /// BEP 41 URL data for a tracker URL: its path and query, or null when there is nothing
        /// worth sending. "/" and "/announce" carry no information for the tracker, and leaving
        /// them out keeps the announce at the 98 bytes every tracker accepts.
        /// </summary>
        public static byte[]? UrlData(Uri url)
        {
            string pathAndQuery = url.PathAndQuery;
            if (pathAndQuery.Length == 0 || pathAndQuery == "/" || pathAndQuery == "/announce")
            {
                return null;
            }

            return Encoding.UTF8.GetBytes(pathAndQuery);
        }

        private static int UrlDataOptionsLength(int dataLength)
            => dataLength + (2 * ((dataLength + 254) / 255));

        private static void WriteUrlDataOptions(byte[] data, Span<byte> destination)
        {
            int written = 0;
            for (int offset = 0; offset < data.Length; offset += 255)
            {
                int chunk = Math.Min(255, data.Length - offset);
                destination[written] = OptionUrlData;
                destination[written + 1] = (byte)chunk;
                data.AsSpan(offset, chunk).CopyTo(destination.Slice(written + 2));
                written += 2 + chunk;
            }
        }
    }
}
