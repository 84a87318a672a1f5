using System;

namespace JsTorrent.Engine.Tracker
{
    /// <summary>How the engine talks to trackers. The defaults follow the BEPs and common clients; tests shorten the times.</summary>
    public sealed class TrackerOptions
    {
        /// <summary>Most time one HTTP announce or scrape may take, connect to last byte.</summary>
        public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Largest HTTP response body accepted; a tracker that sends more fails with an invalid-response error.</summary>
        public int MaxResponseBytes { get; set; } = 2 * 1024 * 1024;

        /// <summary>Most HTTP redirects followed for one request.</summary>
        public int MaxRedirects { get; set; } = 3;

        /// <summary>First UDP retransmission time-out (BEP 15: 15 s, doubling on every retry).</summary>
        public TimeSpan UdpBaseTimeout { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>UDP sends per request before it fails (BEP 15 allows 9; we stop sooner and let the manager back off).</summary>
        public int UdpMaxAttempts { get; set; } = 4;

        /// <summary>How long a UDP connection id stays valid (BEP 15: one minute).</summary>
        public TimeSpan UdpConnectionIdLifetime { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>Most time the stopped announces get when a torrent stops or the engine is disposed.</summary>
        public TimeSpan StoppedAnnounceDeadline { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Peers asked for in each announce.</summary>
        public int NumWant { get; set; } = 50;

        /// <summary>Re-announce interval used when a tracker gives none.</summary>
        public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Shortest re-announce interval we honour, whatever a tracker says (protects trackers from a bad answer).</summary>
        public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>First retry delay after a failed announce; doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Longest retry delay after failures.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>
        /// Refuses values the clients and the manager cannot work with: a zero minimum and default
        /// interval would announce on every tick, and negative times would reach timers that throw.
        /// </summary>
        /// <exception cref="ArgumentException">A value is out of range (named in the message).</exception>
        internal void Validate()
        {
            Require(HttpTimeout > TimeSpan.Zero, "HttpTimeout must be positive.");
            Require(MaxResponseBytes > 0, "MaxResponseBytes must be positive.");
            Require(MaxRedirects >= 0, "MaxRedirects must not be negative.");
            Require(UdpBaseTimeout > TimeSpan.Zero, "UdpBaseTimeout must be positive.");
            Require(UdpMaxAttempts >= 1, "UdpMaxAttempts must be at least 1.");
            Require(UdpConnectionIdLifetime >= TimeSpan.Zero, "UdpConnectionIdLifetime must not be negative.");
            Require(StoppedAnnounceDeadline >= TimeSpan.Zero, "StoppedAnnounceDeadline must not be negative.");
            Require(NumWant >= 0, "NumWant must not be negative.");
            Require(DefaultInterval > TimeSpan.Zero, "DefaultInterval must be positive.");
            Require(MinimumInterval > TimeSpan.Zero, "MinimumInterval must be positive.");
            Require(RetryBaseDelay > TimeSpan.Zero, "RetryBaseDelay must be positive.");
            Require(MaxRetryDelay >= RetryBaseDelay, "MaxRetryDelay must be at least RetryBaseDelay.");
        }

        private static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException("EngineOptions.Trackers." + message, "options");
            }
        }
    }
}
