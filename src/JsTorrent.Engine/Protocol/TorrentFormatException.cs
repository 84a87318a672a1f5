using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Base of every error raised while reading BitTorrent data formats
    /// (bencode, metainfo, magnet links, info-hashes). Parsers of untrusted
    /// input throw only this type (or a subclass), so callers can catch one type.
    /// </summary>
    public class TorrentFormatException : FormatException
    {
        /// <summary>Creates the exception with a reason and no position.</summary>
        /// <param name="message">What is wrong, in words an admin can act on.</param>
        public TorrentFormatException(string message) : base(message)
        {
            Offset = -1;
            Reason = message;
        }

        /// <summary>Creates the exception with a reason and the byte or character offset where it was found.</summary>
        /// <param name="message">What is wrong.</param>
        /// <param name="offset">Offset into the input, or -1 when it has no position.</param>
        public TorrentFormatException(string message, long offset)
            : base(offset >= 0 ? message + " (at offset " + offset + ")" : message)
        {
            Offset = offset;
            Reason = message;
        }

        /// <summary>Creates the exception wrapping a lower-level format error.</summary>
        /// <param name="message">What is wrong.</param>
        /// <param name="inner">The underlying format error.</param>
        public TorrentFormatException(string message, Exception inner) : base(message, inner)
        {
            Offset = inner is TorrentFormatException t ? t.Offset : -1;
            Reason = message;
        }

        /// <summary>Offset into the input where the problem was found, or -1.</summary>
        public long Offset { get; }

        /// <summary>The reason without the offset suffix.</summary>
        public string Reason { get; }
    }
}
