using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// A reusable "something changed, look again" wake-up for one waiter at a time, so a
    /// waiting send or receive costs no allocation. The waiter arms it under the owner's lock
    /// after finding nothing to do and then awaits <see cref="WaitAsync"/>; anyone may call
    /// <see cref="Set"/> at any time, and a wake-up with nothing armed is a no-op.
    /// </summary>
    internal sealed class MemorySignal : IValueTaskSource
    {
        // Continuations run on the thread pool: a sender must never end up running the
        // receiver's code inside its own SendAsync call (stack dives, re-entrant locks).
        private ManualResetValueTaskSourceCore<bool> _core = new ManualResetValueTaskSourceCore<bool> { RunContinuationsAsynchronously = true };
        private int _armed;

        /// <summary>Starts a new wait; call under the owner's lock, then await <see cref="WaitAsync"/>.</summary>
        public void Arm()
        {
            _core.Reset();
            Volatile.Write(ref _armed, 1);
        }

        /// <summary>The armed wait.</summary>
        public ValueTask WaitAsync() => new ValueTask(this, _core.Version);

        /// <summary>Wakes the armed waiter, if any; at most one call per arm completes it.</summary>
        public void Set()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _core.SetResult(true);
            }
        }

        /// <summary>A callback for cancellation registrations and timers: wakes the signal passed as state.</summary>
        public static void SetFromState(object? state) => ((MemorySignal)state!).Set();

        void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            => _core.OnCompleted(continuation, state, token, flags);
    }
}
