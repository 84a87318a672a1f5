using System;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// One unit of disk or hashing work: <see cref="ExecuteAsync"/> runs on a disk worker, never the
    /// engine loop; <see cref="OnCompleted"/> then runs back on the loop with the outcome. Jobs are
    /// reused by their owners, so the hot path allocates none.
    /// </summary>
    internal abstract class DiskJob
    {
        /// <summary>The failure of the last run, if any; read by the worker when it posts completion.</summary>
        internal Exception? Error { get; set; }

        /// <summary>The work itself (off the loop).</summary>
        protected internal abstract ValueTask ExecuteAsync();

        /// <summary>Back on the loop: consume the result and release buffers.</summary>
        protected internal abstract void OnCompleted(Exception? error);
    }
}
