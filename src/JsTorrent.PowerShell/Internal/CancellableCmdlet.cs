using System;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Base of cmdlets that run engine work: Ctrl+C (<see cref="StopProcessing"/>)
    /// cancels <see cref="CancellationToken"/>, and <see cref="WaitFor{T}"/> keeps
    /// the pipeline thread responsive (progress ticks) while a task runs elsewhere.
    /// </summary>
    public abstract class CancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <inheritdoc/>
        protected override void StopProcessing()
        {
            _stopping.Cancel();
        }

        /// <summary>
        /// Blocks the pipeline thread until <paramref name="task"/> ends, calling
        /// <paramref name="tick"/> on this thread about every <paramref name="interval"/>
        /// so it can write progress; then returns the result or rethrows the task's own exception.
        /// The task has always completed when this method returns or throws, so no work (and no
        /// open file) outlives the cmdlet; <paramref name="task"/> must observe <see cref="CancellationToken"/>.
        /// </summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="task">The running work, cancelled by <see cref="CancellationToken"/>.</param>
        /// <param name="tick">Called on the pipeline thread while waiting; not called once the pipeline is stopping.</param>
        /// <param name="interval">Time between ticks.</param>
        /// <returns>The task's result.</returns>
        /// <exception cref="PipelineStoppedException">The pipeline stopped while <paramref name="tick"/> wrote to it.</exception>
        protected T WaitFor<T>(Task<T> task, Action tick, TimeSpan interval)
        {
            if (task is null)
            {
                throw new ArgumentNullException(nameof(task));
            }

            if (tick is null)
            {
                throw new ArgumentNullException(nameof(tick));
            }

            // A cmdlet's pipeline thread must block; waiting on the handle (not Task.Wait) keeps the
            // tick on this thread and lets GetResult rethrow the original exception unwrapped.
            var handle = ((IAsyncResult)task).AsyncWaitHandle;
            ExceptionDispatchInfo? tickFailure = null;
            while (!task.IsCompleted)
            {
                handle.WaitOne(interval);

                // Once stopping, writing to the pipeline only throws PipelineStoppedException; the
                // remaining wait is for the workers to notice the cancellation and close their files.
                if (task.IsCompleted || tickFailure is not null || Stopping || CancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                try
                {
                    tick();
                }
                catch (Exception e)
                {
                    // PowerShell marks the pipeline as stopping (so writes throw) just before it calls
                    // StopProcessing; any other failure ends the cmdlet too. Either way, returning now
                    // would leave the work running: cancel it, wait for it, then rethrow as it was.
                    tickFailure = ExceptionDispatchInfo.Capture(e);
                    _stopping.Cancel();
                }
            }

            tickFailure?.Throw();
            return task.GetAwaiter().GetResult();
        }
    }
}
