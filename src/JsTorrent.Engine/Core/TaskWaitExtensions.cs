#if !NET8_0_OR_GREATER
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <summary>Task.WaitAsync for netstandard2.0 (inbox from .NET 6): stop waiting on cancellation, never block.</summary>
    internal static class TaskWaitExtensions
    {
        public static async Task WaitAsync(this Task task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
            {
                await task.ConfigureAwait(false);
                return;
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            await task.ConfigureAwait(false);
        }

        public static async Task<T> WaitAsync<T>(this Task<T> task, CancellationToken cancellationToken)
        {
            await ((Task)task).WaitAsync(cancellationToken).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }
    }
}
#endif
