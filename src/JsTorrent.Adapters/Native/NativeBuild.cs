namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// What this build of the native adapters can do; the netstandard2.0 build (the one the
    /// PowerShell module loads) lacks some platform APIs, and tests assert each build's own behaviour.
    /// </summary>
    internal static class NativeBuild
    {
#if NET8_0_OR_GREATER
        /// <summary>Link targets can be read, so a link that stays inside the root is followed.</summary>
        public static bool ResolvesLinkTargets => true;

        /// <summary>Socket sends and receives that complete at once allocate nothing (ValueTask socket APIs).</summary>
        public static bool AllocationFreeSockets => true;
#else
        /// <summary>Link targets cannot be read, so every link is refused.</summary>
        public static bool ResolvesLinkTargets => false;

        /// <summary>Socket calls go through Task-returning APIs, which allocate per call.</summary>
        public static bool AllocationFreeSockets => false;
#endif
    }
}
