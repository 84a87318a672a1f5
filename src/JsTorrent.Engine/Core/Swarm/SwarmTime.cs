namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>Arithmetic on the monotonic millisecond timestamps the swarm policies are given.</summary>
    internal static class SwarmTime
    {
        /// <summary>Floor division, so a negative timestamp still lands in the bucket before zero.</summary>
        public static long FloorDiv(long value, long divisor)
        {
            long quotient = value / divisor;
            return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? quotient - 1 : quotient;
        }

        /// <summary><paramref name="nowMs"/> + <paramref name="delayMs"/> without wrapping past <see cref="long.MaxValue"/>.</summary>
        public static long AddSaturating(long nowMs, long delayMs) =>
            delayMs > 0 && nowMs > long.MaxValue - delayMs ? long.MaxValue : nowMs + delayMs;
    }
}
