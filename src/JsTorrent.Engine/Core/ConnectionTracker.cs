using System.Collections.Generic;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// Every peer connection of an engine from creation until its I/O has stopped and its buffers
    /// are back, so shutting down can wait for the last one instead of hoping.
    /// </summary>
    internal sealed class ConnectionTracker
    {
        private readonly HashSet<PeerConnection> _live = new HashSet<PeerConnection>();
        private TaskCompletionSource<bool>? _empty;

        public int Count => _live.Count;

        public void Add(PeerConnection connection) => _live.Add(connection);

        public void Remove(PeerConnection connection)
        {
            if (_live.Remove(connection) && _live.Count == 0 && _empty != null)
            {
                var empty = _empty;
                _empty = null;
                empty.TrySetResult(true);
            }
        }

        /// <summary>Closes every live connection.</summary>
        public void CloseAll(string reason)
        {
            foreach (var connection in new List<PeerConnection>(_live))
            {
                connection.Close(reason);
            }
        }

        public Task WhenEmptyAsync()
        {
            if (_live.Count == 0)
            {
                return Task.CompletedTask;
            }

            _empty ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _empty.Task;
        }
    }
}
