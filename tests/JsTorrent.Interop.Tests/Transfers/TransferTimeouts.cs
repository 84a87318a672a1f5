using System;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>Bounds of every wait in the transfer tests: generous, so a slow machine passes; finite, so a stuck test fails.</summary>
    public static class TransferTimeouts
    {
        /// <summary>A process or tracker starts and listens.</summary>
        public static readonly TimeSpan Start = TimeSpan.FromSeconds(20);

        /// <summary>A seeder hash-checks its content (at most ~12 MiB here).</summary>
        public static readonly TimeSpan Check = TimeSpan.FromSeconds(60);

        /// <summary>Peers announce and the tracker lists them.</summary>
        public static readonly TimeSpan Announce = TimeSpan.FromSeconds(60);

        /// <summary>A download completes (metadata included for a magnet link).</summary>
        public static readonly TimeSpan Transfer = TimeSpan.FromSeconds(90);
    }
}
