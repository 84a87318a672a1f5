using System;
using System.Globalization;
using System.Text;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>The request targets of announce (BEP 3, 23) and scrape (BEP 48) on an HTTP tracker URL.</summary>
    internal static class HttpTrackerUrls
    {
        /// <summary>
        /// <c>left</c> sent while the size is unknown (a magnet without metadata): 16 TiB. Trackers
        /// count a peer with <c>left=0</c> as a seed and hand seeds no seeds, and some refuse a
        /// negative value, so the stand-in is a large positive value no real torrent reaches.
        /// </summary>
        public const long UnknownLeft = 16L * 1024 * 1024 * 1024 * 1024;

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>The announce target: the tracker's own path and query, then ours after '&amp;' (or '?').</summary>
        public static string Announce(Uri tracker, AnnounceRequest request)
        {
            var query = new StringBuilder(tracker.PathAndQuery, 384);
            Separate(query);
            Span<byte> id = stackalloc byte[20];
            query.Append("info_hash=");
            request.InfoHash.CopyTo(id);
            AppendEscaped(query, id);
            query.Append("&peer_id=");
            request.PeerId.CopyTo(id);
            AppendEscaped(query, id);
            AppendNumber(query, "&port=", request.Port < 0 ? 0 : request.Port);
            AppendNumber(query, "&uploaded=", Math.Max(0, request.Uploaded));
            AppendNumber(query, "&downloaded=", Math.Max(0, request.Downloaded));
            AppendNumber(query, "&left=", request.Left < 0 ? UnknownLeft : request.Left);
            query.Append("&compact=1");
            AppendNumber(query, "&numwant=", Math.Max(0, request.NumWant));
            query.Append("&key=").Append(request.Key.ToString("X8", CultureInfo.InvariantCulture));
            string? eventName = EventName(request.Event);
            if (eventName != null)
            {
                query.Append("&event=").Append(eventName);
            }

            if (!string.IsNullOrEmpty(request.TrackerId))
            {
                query.Append("&trackerid=");
                AppendEscaped(query, Encoding.UTF8.GetBytes(request.TrackerId));
            }

            return query.ToString();
        }

        /// <summary>Whether a tracker offers scrape: BEP 48's convention, the last path segment starts with "announce".</summary>
        public static bool SupportsScrape(Uri tracker) => FindAnnounceSegment(tracker.AbsolutePath, out _);

        /// <summary>The scrape URL (without the info-hash): "announce" at the start of the last segment becomes "scrape".</summary>
        public static Uri ScrapeUrl(Uri tracker)
        {
            string path = tracker.AbsolutePath;
            if (!FindAnnounceSegment(path, out int start))
            {
                throw new ArgumentException("'" + tracker + "' has no 'announce' segment to turn into 'scrape'.", nameof(tracker));
            }

            string scrapePath = path.Substring(0, start) + "scrape" + path.Substring(start + 8);
            return new Uri(tracker.GetLeftPart(UriPartial.Authority) + scrapePath + tracker.Query);
        }

        /// <summary>The scrape target for one torrent on a URL made by <see cref="ScrapeUrl"/>.</summary>
        public static string Scrape(Uri scrapeUrl, InfoHash infoHash)
        {
            var query = new StringBuilder(scrapeUrl.PathAndQuery, 128);
            Separate(query);
            query.Append("info_hash=");
            Span<byte> hash = stackalloc byte[InfoHash.Length];
            infoHash.CopyTo(hash);
            AppendEscaped(query, hash);
            return query.ToString();
        }

        /// <summary>Percent-encodes raw bytes: RFC 3986 unreserved bytes stay, every other byte becomes %XX.</summary>
        public static void AppendEscaped(StringBuilder text, ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
            {
                if (IsUnreserved(b))
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                }
            }
        }

        private static bool IsUnreserved(byte b)
            => (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9')
                || b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'~';

        /// <summary>'?' to start a query, '&amp;' to extend the tracker's own, nothing after a trailing '?' or '&amp;'.</summary>
        private static void Separate(StringBuilder query)
        {
            string text = query.ToString();
            if (text.IndexOf('?') < 0)
            {
                query.Append('?');
            }
            else if (text[text.Length - 1] != '?' && text[text.Length - 1] != '&')
            {
                query.Append('&');
            }
        }

        private static void AppendNumber(StringBuilder query, string name, long value)
            => query.Append(name).Append(value.ToString(CultureInfo.InvariantCulture));

        private static string? EventName(AnnounceEvent announceEvent)
        {
            switch (announceEvent)
            {
                case AnnounceEvent.Started:
                    return "started";
                case AnnounceEvent.Completed:
                    return "completed";
                case AnnounceEvent.Stopped:
                    return "stopped";
                default:
                    return null;
            }
        }

        /// <summary>Whether the last segment of an absolute path starts with "announce" (case matters), and where it starts.</summary>
        private static bool FindAnnounceSegment(string path, out int start)
        {
            start = path.LastIndexOf('/') + 1;
            return start > 0 && path.Length - start >= 8 && string.CompareOrdinal(path, start, "announce", 0, 8) == 0;
        }
    }
}
