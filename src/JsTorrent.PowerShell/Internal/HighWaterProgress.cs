using System;
using System.Threading;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Keeps the highest count reported: workers report from several threads, and out of order.</summary>
internal sealed class HighWaterProgress : IProgress<long>
    {
        private long _hashed;

        public long Value => Interlocked.Read(ref _hashed);

        public void Report(long value)
        {
            long seen = Interlocked.Read(ref _hashed);
            while (value > seen)
            {
                long previous = Interlocked.CompareExchange(ref _hashed, value, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }
    }
}
