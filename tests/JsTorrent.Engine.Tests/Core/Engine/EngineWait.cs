using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Bounded waits for conditions on engines that run on their own threads.</summary>
    internal static class EngineWait
    {
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

        /// <summary>Re-checks the condition every few milliseconds until it holds or the timeout passes.</summary>
        public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
            UntilAsync(() => Task.FromResult(condition()), what, timeout);

        /// <summary>Re-checks an asynchronous condition (one that asks the engine loop) until it holds or the timeout passes.</summary>
        public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
        {
            var limit = timeout ?? Default;
            var clock = Stopwatch.StartNew();
            while (!await condition())
            {
                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException("Timed out after " + limit.TotalSeconds + " s waiting until " + what + ".");
                }

                await Task.Delay(10);
            }
        }
    }
}
