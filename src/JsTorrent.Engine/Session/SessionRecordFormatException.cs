using System;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// A record read back from the session store is damaged or of an unknown version. Decoders of session records
    /// throw only this type for bad bytes, whatever the bytes, so the engine can catch one type, report the key and
    /// fall back (for example, re-check a torrent whose progress record is unreadable).
    /// </summary>
    public sealed class SessionRecordFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="key">The session-store key of the record.</param>
        /// <param name="message">What is wrong with it.</param>
        public SessionRecordFormatException(string key, string message)
            : this(key, message, null)
        {
        }

        /// <summary>Creates the exception wrapping a lower-level error (for example a bencode error).</summary>
        /// <param name="key">The session-store key of the record.</param>
        /// <param name="message">What is wrong with it.</param>
        /// <param name="innerException">The underlying error, if any.</param>
        public SessionRecordFormatException(string key, string message, Exception? innerException)
            : base("The session record '" + key + "' is unreadable: " + message, innerException)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Reason = message ?? throw new ArgumentNullException(nameof(message));
        }

        /// <summary>The session-store key of the record.</summary>
        public string Key { get; }

        /// <summary>What is wrong, without the key.</summary>
        public string Reason { get; }
    }
}
