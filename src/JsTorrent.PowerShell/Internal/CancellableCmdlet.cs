using System;
using System.Management.Automation;
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
        /// </summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="task">The running work.</param>
        /// <param name="tick">Called on the pipeline thread while waiting.</param>
        /// <param name="interval">Time between ticks.</param>
        /// <returns>The task's result.</returns>
        protected static T WaitFor<T>(Task<T> task, Action tick, TimeSpan interval)
        {
            // A cmdlet's pipeline thread must block; waiting on the handle (not Task.Wait) keeps the
            // tick on this thread and lets GetResult rethrow the original exception unwrapped.
            var handle = ((IAsyncResult)task).AsyncWaitHandle;
            while (!task.IsCompleted)
            {
                handle.WaitOne(interval);
                tick();
            }

            return task.GetAwaiter().GetResult();
        }
    }
}
