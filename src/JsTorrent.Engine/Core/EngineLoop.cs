using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// The one thread that owns an engine's state. Everything that touches torrents, peers and the
    /// piece picker runs here, so none of it needs a lock; awaits made on the loop resume on the
    /// loop through its <see cref="SynchronizationContext"/>. Each engine has its own loop: there
    /// is no process-wide main loop, so engines in several runspaces or tests do not interfere.
    /// </summary>
    internal sealed class EngineLoop : SynchronizationContext, IDisposable
    {
        private readonly ConcurrentQueue<WorkItem> _queue = new ConcurrentQueue<WorkItem>();
        private readonly ManualResetEventSlim _wake = new ManualResetEventSlim(false);
        private readonly TaskCompletionSource<bool> _exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Action<Exception> _onUnhandled;
        private readonly Thread _thread;
        private readonly List<Action> _whenDrained = new List<Action>();
        private readonly List<Action> _running = new List<Action>();
        private int _signalled;
        private volatile bool _stopping;
        private int _exitedFlag;

        /// <summary>Starts the loop thread.</summary>
        /// <param name="name">Thread name, for debuggers.</param>
        /// <param name="onUnhandled">Receives an exception escaping a posted callback (the engine logs it).</param>
        public EngineLoop(string name, Action<Exception> onUnhandled)
        {
            _onUnhandled = onUnhandled;
            _thread = new Thread(Run) { IsBackground = true, Name = name };
            _thread.Start();
        }

        /// <summary>True when the caller runs on this loop.</summary>
        public bool IsCurrent => Thread.CurrentThread == _thread;

        /// <summary>Completes when the loop thread has exited.</summary>
        public Task Exited => _exited.Task;

        /// <inheritdoc/>
        public override void Post(SendOrPostCallback d, object? state)
        {
            _queue.Enqueue(new WorkItem(d, state));
            if (Interlocked.Exchange(ref _signalled, 1) == 0)
            {
                _wake.Set();
            }
        }

        /// <inheritdoc/>
        public override void Send(SendOrPostCallback d, object? state)
        {
            throw new NotSupportedException("The engine loop never blocks a caller: use Post or InvokeAsync.");
        }

        /// <inheritdoc/>
        public override SynchronizationContext CreateCopy() => this;

        /// <summary>Runs a function on the loop and returns its result.</summary>
        /// <typeparam name="T">Result type.</typeparam>
        /// <param name="func">The work; may be async.</param>
        /// <returns>The function's result, with its exception if it throws.</returns>
        public Task<T> InvokeAsync<T>(Func<Task<T>> func)
        {
            if (_stopping)
            {
                return Task.FromException<T>(new ObjectDisposedException(nameof(BtEngine)));
            }

            var invocation = new Invocation<T>(func);
            Post(RunInvocation, invocation);
            if (Volatile.Read(ref _exitedFlag) != 0)
            {
                // The loop ended between the check above and the post: nothing will run it now.
                AbandonQueued();
            }

            return invocation.Completion;
        }

        /// <summary>Runs an action on the loop.</summary>
        /// <param name="func">The work; may be async.</param>
        /// <returns>Completes when the work has.</returns>
        public Task InvokeAsync(Func<Task> func) => InvokeAsync(async () =>
        {
            await func().ConfigureAwait(true);
            return true;
        });

        /// <summary>Asks the loop to finish the queued work and exit; <see cref="Exited"/> completes after.</summary>
        public void Stop()
        {
            _stopping = true;
            _wake.Set();
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            Stop();
        }

        private static readonly SendOrPostCallback RunInvocation = state => ((IInvocation)state!).Run();

        private void AbandonQueued()
        {
            while (_queue.TryDequeue(out var item))
            {
                (item.State as IInvocation)?.Abandon();
            }
        }

        private void Run()
        {
            SetSynchronizationContext(this);
            try
            {
                while (true)
                {
                    while (_queue.TryDequeue(out var item))
                    {
                        Execute(item);
                    }

                    if (_whenDrained.Count > 0)
                    {
                        RunDrainActions();
                        continue;
                    }

                    _wake.Reset();
                    Interlocked.Exchange(ref _signalled, 0);
                    if (!_queue.IsEmpty)
                    {
                        continue;
                    }

                    if (_stopping)
                    {
                        break;
                    }

                    _wake.Wait();
                }
            }
            finally
            {
                Interlocked.Exchange(ref _exitedFlag, 1);
                AbandonQueued();
                _wake.Dispose();
                _exited.TrySetResult(true);
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/> on the loop once the work queued now has run: a burst of
        /// completions (disk reads for one peer, say) then ends in one action (one socket send).
        /// Loop thread only.
        /// </summary>
        public void RunWhenDrained(Action action) => _whenDrained.Add(action);

        private void RunDrainActions()
        {
            _running.AddRange(_whenDrained);
            _whenDrained.Clear();
            foreach (var action in _running)
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    _onUnhandled(ex);
                }
            }

            _running.Clear();
        }

        private void Execute(WorkItem item)
        {
            try
            {
                item.Callback(item.State);
            }
            catch (Exception ex)
            {
                // A posted callback has no caller to throw to; the engine logs it as an error.
                _onUnhandled(ex);
            }
        }

        /// <summary>Work handed to the loop by <see cref="InvokeAsync{T}"/>: run it there, or fail it if the loop is gone.</summary>
        private interface IInvocation
        {
            void Run();

            void Abandon();
        }

        private sealed class Invocation<T> : IInvocation
        {
            private readonly Func<Task<T>> _func;
            private readonly TaskCompletionSource<T> _completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);

            public Invocation(Func<Task<T>> func) => _func = func;

            public Task<T> Completion => _completion.Task;

            public void Run() => _ = RunAndCompleteAsync();

            public void Abandon() => _completion.TrySetException(new ObjectDisposedException(nameof(BtEngine), "The engine has shut down."));

            private async Task RunAndCompleteAsync()
            {
                // Every outcome goes to the caller's task, so the discarded task never holds an exception.
                try
                {
                    _completion.TrySetResult(await _func().ConfigureAwait(true));
                }
                catch (OperationCanceledException ex)
                {
                    _completion.TrySetCanceled(ex.CancellationToken);
                }
                catch (Exception ex)
                {
                    _completion.TrySetException(ex);
                }
            }
        }

        private readonly struct WorkItem
        {
            public WorkItem(SendOrPostCallback callback, object? state)
            {
                Callback = callback;
                State = state;
            }

            public SendOrPostCallback Callback { get; }

            public object? State { get; }
        }
    }
}
