using System;
using System.Collections.Generic;
using System.Threading;

namespace JsTorrent.Bench
{
    /// <summary>
    /// <see cref="ThreadCpu"/> over a phase, sampled every 100 ms so threads that start and end
    /// within the phase (thread pool churn) are counted up to their last sample too. Reading
    /// /proc costs about a millisecond per sample.
    /// </summary>
    internal sealed class ThreadCpuSampler : IDisposable
    {
        private readonly Dictionary<int, (string Name, double Seconds)> _before = ThreadCpu.Snapshot();
        private readonly Dictionary<int, (string Name, double Seconds)> _latest = new Dictionary<int, (string Name, double Seconds)>();
        private readonly Timer _timer;
        private readonly object _gate = new object();

        public ThreadCpuSampler()
        {
            _timer = new Timer(_ => Sample(), null, 100, 100);
        }

        /// <summary>CPU seconds per thread name so far in the phase, largest first.</summary>
        public string Report()
        {
            Sample();
            lock (_gate)
            {
                return ThreadCpu.Format(ThreadCpu.Spent(_before, _latest));
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = ThreadCpu.Snapshot();
            lock (_gate)
            {
                foreach (var pair in now)
                {
                    _latest[pair.Key] = pair.Value;
                }
            }
        }
    }
}
