namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>The status line and the few headers the tracker client acts on.</summary>
    internal sealed class HttpResponseHead
    {
        public HttpResponseHead(int statusCode, string reason)
        {
            StatusCode = statusCode;
            Reason = reason;
        }

        public int StatusCode { get; }

        /// <summary>The reason phrase, printable ASCII only.</summary>
        public string Reason { get; }

        /// <summary>Content-Length; null when absent (then chunked or read to close).</summary>
        public long? ContentLength { get; set; }

        /// <summary>Whether the body uses the chunked transfer coding (the last coding listed).</summary>
        public bool IsChunked { get; set; }

        /// <summary>A transfer coding other than chunked that we cannot undo, or null.</summary>
        public string? UnsupportedTransferCoding { get; set; }

        /// <summary>Content-Encoding when it is not identity (we ask for identity), or null.</summary>
        public string? ContentEncoding { get; set; }

        public string? Location { get; set; }

        public bool IsRedirect => StatusCode == 301 || StatusCode == 302 || StatusCode == 303 || StatusCode == 307 || StatusCode == 308;
    }
}
