using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// The engine's disk and hashing workers: a queue drained by a few tasks on the thread pool, so
    /// writes, reads and SHA-1 never run on the engine loop. Completions are posted back to the loop.
    /// </summary>
    internal sealed class DiskWorker : IAsyncDisposable
    {
        private static readonly SendOrPostCallback CompleteOnLoop = state =>
        {
            var job = (DiskJob)state!;
            job.OnCompleted(job.Error);
        };

        private readonly Channel<DiskJob> _queue = Channel.CreateUnbounded<DiskJob>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
        private readonly EngineLoop _loop;
        private readonly Task[] _workers;
        private int _pending;

        public DiskWorker(int workerCount, EngineLoop loop)
        {
            _loop = loop;
            _workers = new Task[workerCount];
            for (int i = 0; i < workerCount; i++)
            {
                _workers[i] = Task.Run(WorkAsync);
            }
        }

        /// <summary>Jobs queued or running whose completion has not yet been posted.</summary>
        public int Pending => Volatile.Read(ref _pending);

        public void Enqueue(DiskJob job)
        {
            Interlocked.Increment(ref _pending);
            if (!_queue.Writer.TryWrite(job))
            {
                Interlocked.Decrement(ref _pending);
                throw new ObjectDisposedException(nameof(DiskWorker));
            }
        }

        /// <summary>Finishes every queued job, posts its completion, then ends the workers.</summary>
        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }

        private async Task WorkAsync()
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var job))
                {
                    try
                    {
                        await job.ExecuteAsync().ConfigureAwait(false);
                        job.Error = null;
                    }
                    catch (Exception ex)
                    {
                        // Handed to the job's owner on the loop, which reports it (a full disk stops the torrent).
                        job.Error = ex;
                    }

                    Interlocked.Decrement(ref _pending);
                    _loop.Post(CompleteOnLoop, job);
                }
            }
        }
    }
}
