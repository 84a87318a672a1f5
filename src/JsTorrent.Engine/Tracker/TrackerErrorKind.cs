namespace JsTorrent.Engine.Tracker
{
    /// <summary>Why a tracker request failed; the tracker manager backs off differently for each.</summary>
    public enum TrackerErrorKind
    {
        /// <summary>The tracker answered with a <c>failure reason</c> (HTTP) or an error action (UDP).</summary>
        Rejected,

        /// <summary>The tracker could not be reached: refused, reset, unknown host, TLS failure.</summary>
        Unreachable,

        /// <summary>No complete answer in time.</summary>
        TimedOut,

        /// <summary>The answer was not a valid tracker response: garbage, HTML, an HTTP error status, too large, the wrong transaction.</summary>
        InvalidResponse,

        /// <summary>The URL has a scheme or form we do not speak.</summary>
        Unsupported,
    }
}
