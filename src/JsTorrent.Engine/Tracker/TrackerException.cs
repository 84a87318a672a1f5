using System;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>A tracker request failed; <see cref="Kind"/> says how and the message says what, in words an admin can act on.</summary>
    public sealed class TrackerException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="kind">How the request failed.</param>
        /// <param name="message">What failed, naming the tracker.</param>
        /// <param name="innerException">The underlying failure, if any.</param>
        public TrackerException(TrackerErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>How the request failed.</summary>
        public TrackerErrorKind Kind { get; }
    }
}
