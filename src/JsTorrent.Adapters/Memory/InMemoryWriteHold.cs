using System.Threading.Tasks;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// Writes to one path held back until a test lets them go (see <see cref="InMemoryFaults.HoldWrites"/>), to
    /// simulate a slow disk and to make an operation stay in flight at a known point.
    /// </summary>
    public sealed class InMemoryWriteHold
    {
        private readonly InMemoryFaults _owner;
        private readonly TaskCompletionSource<bool> _started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _released = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        internal InMemoryWriteHold(InMemoryFaults owner, string path)
        {
            _owner = owner;
            Path = path;
        }

        /// <summary>The path whose writes are held.</summary>
        public string Path { get; }

        /// <summary>Completes when the first write arrives and starts waiting.</summary>
        public Task Started => _started.Task;

        /// <summary>Lets every held write through, and every later one.</summary>
        public void Release()
        {
            _owner.RemoveWriteHold(this);
            _released.TrySetResult(true);
        }

        /// <summary>Called by a write that must wait: returns the task to wait for.</summary>
        internal Task Arrive()
        {
            _started.TrySetResult(true);
            return _released.Task;
        }
    }
}
