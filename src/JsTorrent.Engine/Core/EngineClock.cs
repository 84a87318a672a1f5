using System.Diagnostics;

namespace JsTorrent.Engine.Core
{
    /// <summary>The engine's monotonic time in milliseconds; the policy classes take it as a parameter, so tests can feed their own.</summary>
    internal sealed class EngineClock
    {
        private readonly long _start = Stopwatch.GetTimestamp();

        /// <summary>Milliseconds since the engine started.</summary>
        public long NowMs => (Stopwatch.GetTimestamp() - _start) * 1000 / Stopwatch.Frequency;
    }
}
