using System;
using System.Collections.Generic;
using System.Text;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>
    /// Reads the bencoded bodies of HTTP trackers: announce (BEP 3, 23, 7) and scrape (BEP 48).
    /// Anything that is not a bencoded dictionary is an <see cref="TrackerErrorKind.InvalidResponse"/>
    /// quoting a short, printable excerpt; a <c>failure reason</c> is <see cref="TrackerErrorKind.Rejected"/>.
    /// Fields of the wrong type are treated as absent, and unusable peers are dropped.
    /// </summary>
    internal static class HttpTrackerResponseParser
    {
        private const int MaxTextLength = 300;
        private const int ExcerptLength = 60;

        // Seconds beyond a bencoded integer's sane range would overflow TimeSpan; 68 years is as good as never.
        // The manager raises too-short intervals to its minimum, and keeps long ones as the tracker asked.
        private const long MaxSeconds = int.MaxValue;

        public static AnnounceResponse ParseAnnounce(ReadOnlySpan<byte> body, string tracker, TrackerOptions options)
        {
            BencodeDictionary root = ReadRoot(body, tracker);
            var peers = new List<TrackerPeer>();
            switch (root["peers"])
            {
                case BencodeString compact:
                    CompactPeers.ReadIPv4(compact.Span, peers);
                    break;
                case BencodeList list:
                    ReadDictionaryPeers(list, peers);
                    break;
            }

            if (root["peers6"] is BencodeString compact6)
            {
                CompactPeers.ReadIPv6(compact6.Span, peers);
            }

            return new AnnounceResponse(peers, Seconds(root["interval"]) ?? options.DefaultInterval)
            {
                MinInterval = Seconds(root["min interval"]),
                TrackerId = RawText(root["tracker id"]),
                WarningMessage = Text(root["warning message"]),
                Seeders = Count(root["complete"]),
                Leechers = Count(root["incomplete"]),
            };
        }

        /// <summary>The counts for <paramref name="infoHash"/>; all 0 when the tracker does not list the torrent.</summary>
        public static ScrapeResult ParseScrape(ReadOnlySpan<byte> body, string tracker, InfoHash infoHash)
        {
            BencodeDictionary root = ReadRoot(body, tracker);
            if (!(root["files"] is BencodeDictionary files))
            {
                throw new TrackerException(TrackerErrorKind.InvalidResponse, tracker + ": the scrape answer has no 'files' dictionary.");
            }

            Span<byte> wanted = stackalloc byte[InfoHash.Length];
            infoHash.CopyTo(wanted);
            foreach (KeyValuePair<BencodeString, BencodeValue> entry in files)
            {
                if (entry.Key.Span.SequenceEqual(wanted) && entry.Value is BencodeDictionary counts)
                {
                    return new ScrapeResult(Count(counts["complete"]) ?? 0, Count(counts["downloaded"]) ?? 0, Count(counts["incomplete"]) ?? 0);
                }
            }

            return new ScrapeResult(0, 0, 0);
        }

        /// <summary>A printable excerpt of a body that is not what was expected, for an error message.</summary>
        public static string Excerpt(ReadOnlySpan<byte> body)
        {
            var text = new StringBuilder(ExcerptLength + 3);
            bool space = false;
            foreach (byte b in body)
            {
                if (text.Length >= ExcerptLength)
                {
                    text.Append("...");
                    break;
                }

                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n')
                {
                    space = text.Length > 0;
                    continue;
                }

                if (space)
                {
                    text.Append(' ');
                    space = false;
                }

                // Only printable ASCII reaches a log: a hostile body cannot forge lines or terminal escapes.
                text.Append(b > 0x20 && b < 0x7F ? (char)b : '?');
            }

            return text.ToString();
        }

        private static BencodeDictionary ReadRoot(ReadOnlySpan<byte> body, string tracker)
        {
            BencodeValue? value = null;
            try
            {
                value = BencodeReader.Read(body, out int consumed, new BencodeReaderOptions { MaxDepth = 32 });

                // Some trackers end the body with a newline.
                for (int i = consumed; i < body.Length && value != null; i++)
                {
                    if (body[i] != (byte)'\r' && body[i] != (byte)'\n' && body[i] != (byte)' ' && body[i] != (byte)'\t')
                    {
                        value = null;
                    }
                }
            }
            catch (BencodeFormatException)
            {
                // Reported below with an excerpt of the body, which says more to an admin than a byte offset.
            }

            if (!(value is BencodeDictionary root))
            {
                throw NotBencode(body, tracker);
            }

            if (root.TryGetValue("failure reason", out BencodeValue? reason))
            {
                string? text = Text(reason);
                text = string.IsNullOrEmpty(text) ? "the tracker refused the request without giving a reason" : text;
                throw new TrackerException(TrackerErrorKind.Rejected, tracker + ": " + text);
            }

            return root;
        }

        private static TrackerException NotBencode(ReadOnlySpan<byte> body, string tracker)
        {
            string what = body.Length == 0
                ? "an empty body"
                : body.Length + " bytes" + (LooksLikeHtml(body) ? " of HTML" : string.Empty) + " starting '" + Excerpt(body) + "'";
            return new TrackerException(TrackerErrorKind.InvalidResponse, tracker + ": the answer is not a bencoded tracker response but " + what + ".");
        }

        private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
        {
            foreach (byte b in body)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return b == (byte)'<';
                }
            }

            return false;
        }

        private static void ReadDictionaryPeers(BencodeList list, List<TrackerPeer> peers)
        {
            foreach (BencodeValue item in list)
            {
                if (!(item is BencodeDictionary peer)
                    || !(peer["ip"] is BencodeString ip)
                    || !(peer["port"] is BencodeInteger port)
                    || port.Value < 1 || port.Value > 65535
                    || !ip.TryGetUtf8(out string? host))
                {
                    continue;
                }

                host = host!.Trim();
                if (host.Length > 2 && host[0] == '[' && host[host.Length - 1] == ']')
                {
                    host = host.Substring(1, host.Length - 2);
                }

                if (PeerAddressSyntax.ValidateHost(host) == null && host != "0.0.0.0" && host != "::")
                {
                    peers.Add(new TrackerPeer(host, (int)port.Value));
                }
            }
        }

        private static TimeSpan? Seconds(BencodeValue? value)
            => value is BencodeInteger seconds && seconds.Value > 0 ? TimeSpan.FromSeconds(Math.Min(seconds.Value, MaxSeconds)) : (TimeSpan?)null;

        private static int? Count(BencodeValue? value)
            => value is BencodeInteger count && count.Value >= 0 ? (int)Math.Min(count.Value, int.MaxValue) : (int?)null;

        /// <summary>Text for people: UTF-8 (invalid bytes replaced), control characters as spaces, cut to a sane length.</summary>
        private static string? Text(BencodeValue? value)
        {
            if (!(value is BencodeString bytes))
            {
                return value is BencodeInteger number ? number.ToString() : null;
            }

            var text = new StringBuilder(Math.Min(bytes.Length, MaxTextLength + 3));
            foreach (char c in bytes.ToString())
            {
                if (text.Length >= MaxTextLength)
                {
                    text.Append("...");
                    break;
                }

                text.Append(char.IsControl(c) ? ' ' : c);
            }

            return text.ToString().Trim();
        }

        /// <summary>A value echoed back to the tracker as it came (the tracker id), so it is not cleaned; null when not a string.</summary>
        private static string? RawText(BencodeValue? value) => value is BencodeString bytes && bytes.Length > 0 ? bytes.ToString() : null;
    }
}
