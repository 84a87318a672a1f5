using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using JsTorrent.Engine.Logging;
using EngineLogEntry = JsTorrent.Engine.Logging.LogEntry;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Follows an engine log for Get-TorrentLog -Wait: the subscription runs on the engine's threads and only queues;
    /// the pipeline thread waits on <see cref="Wait"/> and writes what <see cref="Drain"/> returns.
    /// </summary>
    internal sealed class LogFollower : IDisposable
    {
        /// <summary>Entries queued at most; a pipeline that falls further behind loses the newest ones and is told how many.</summary>
        public const int MaxQueued = 10000;

        private readonly ConcurrentQueue<EngineLogEntry> _queue = new ConcurrentQueue<EngineLogEntry>();
        private readonly object _gate = new object();
        private readonly IDisposable _subscription;
        private bool _signalled;
        private int _queued;
        private long _dropped;

        public LogFollower(EngineLog log)
        {
            _subscription = log.Subscribe(OnEntry);
        }

        /// <summary>Blocks until an entry arrives, <see cref="Wake"/> is called or <paramref name="timeout"/> passes.</summary>
        public void Wait(TimeSpan timeout)
        {
            lock (_gate)
            {
                if (!_signalled)
                {
                    Monitor.Wait(_gate, timeout);
                }

                _signalled = false;
            }
        }

        /// <summary>Ends a <see cref="Wait"/> early (Ctrl+C).</summary>
        public void Wake()
        {
            lock (_gate)
            {
                _signalled = true;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>The queued entries in id order (entries written at once by several threads may have been queued out of order).</summary>
        public List<EngineLogEntry> Drain()
        {
            var entries = new List<EngineLogEntry>();
            while (_queue.TryDequeue(out var entry))
            {
                Interlocked.Decrement(ref _queued);
                entries.Add(entry);
            }

            entries.Sort((a, b) => a.Id.CompareTo(b.Id));
            return entries;
        }

        /// <summary>How many entries were dropped since the last call.</summary>
        public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

        public void Dispose() => _subscription.Dispose();

        // On the engine's thread: queue and signal, nothing else.
        private void OnEntry(EngineLogEntry entry)
        {
            if (Interlocked.Increment(ref _queued) > MaxQueued)
            {
                Interlocked.Decrement(ref _queued);
                Interlocked.Increment(ref _dropped);
                return;
            }

            _queue.Enqueue(entry);
            Wake();
        }
    }
}
