using System;
using System.Diagnostics;
using System.Threading;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>Wakes a <see cref="MemorySignal"/> at a deadline (latency and bandwidth waits); one reusable timer, made on first use.</summary>
    internal sealed class MemoryWakeTimer
    {
        private readonly object _gate = new object();
        private readonly MemorySignal _signal;
        private Timer? _timer;
        private bool _closed;

        public MemoryWakeTimer(MemorySignal signal)
        {
            _signal = signal;
        }

        /// <summary>Wakes the signal at a <see cref="Stopwatch"/> timestamp (at least 1 ms from now), replacing an earlier schedule.</summary>
        public void Schedule(long deadline)
        {
            long remaining = deadline - Stopwatch.GetTimestamp();
            long milliseconds = Math.Max(1, Math.Min(int.MaxValue, (long)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency)));
            lock (_gate)
            {
                if (_closed)
                {
                    // The connection is gone; whoever closed it woke the waiter.
                    return;
                }

                if (_timer == null)
                {
                    _timer = new Timer(MemorySignal.SetFromState, _signal, milliseconds, Timeout.Infinite);
                }
                else
                {
                    _timer.Change(milliseconds, Timeout.Infinite);
                }
            }
        }

        /// <summary>Stops the timer for good.</summary>
        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _timer?.Dispose();
            }
        }
    }
}
