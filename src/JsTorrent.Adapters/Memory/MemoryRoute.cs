namespace JsTorrent.Adapters.Memory
{
    /// <summary>Where a host name leads from one host: the target host and how each side names the other.</summary>
    internal readonly struct MemoryRoute
    {
        public MemoryRoute(MemorySocketFactory target, string targetSeenAs, string sourceSeenAs)
        {
            Target = target;
            TargetSeenAs = targetSeenAs;
            SourceSeenAs = sourceSeenAs;
        }

        /// <summary>The host reached.</summary>
        public MemorySocketFactory Target { get; }

        /// <summary>The target's address as the source sees it (its remote address).</summary>
        public string TargetSeenAs { get; }

        /// <summary>The source's address as the target sees it (loopback text for a loopback route).</summary>
        public string SourceSeenAs { get; }
    }
}
