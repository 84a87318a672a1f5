using System;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>
    /// The engine of one runspace: made on first use (or by Start-TorrentEngine), disposed by Stop-TorrentEngine,
    /// Remove-Module, the runspace closing, or the process exiting.
    /// </summary>
    internal sealed class RunspaceEngineHost
    {
        private readonly object _gate = new object();
        private Task<RunningEngine>? _engine;
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsTorrent.Adapters.Memory.MemoryNetwork, MemoryDisk> _disks =
            new System.Runtime.CompilerServices.ConditionalWeakTable<JsTorrent.Adapters.Memory.MemoryNetwork, MemoryDisk>();

        private JsTorrent.Adapters.Memory.MemoryNetwork? _ownNetwork;
        private bool _tied;

        public RunspaceEngineHost(Guid runspaceId)
        {
            RunspaceId = runspaceId;
        }

        public Guid RunspaceId { get; }

        /// <summary>Records that the host follows its runspace's state; true the first time only (subscribe once).</summary>
        public bool TieToRunspace()
        {
            lock (_gate)
            {
                if (_tied)
                {
                    return false;
                }

                _tied = true;
                return true;
            }
        }

        /// <summary>The running engine, or null when there is none (or it is still starting).</summary>
        public RunningEngine? Current
        {
            get
            {
                lock (_gate)
                {
                    return _engine is { Status: TaskStatus.RanToCompletion } started ? started.GetAwaiter().GetResult() : null;
                }
            }
        }

        /// <summary>The memory preset's files and session on <paramref name="network"/> (null: the runspace's own network), made on first use.</summary>
        public MemoryDisk MemoryOn(JsTorrent.Adapters.Memory.MemoryNetwork? network)
        {
            lock (_gate)
            {
                network ??= _ownNetwork ??= new JsTorrent.Adapters.Memory.MemoryNetwork();
                return _disks.GetValue(network, n => new MemoryDisk(n));
            }
        }

        /// <summary>
        /// The engine, started with <paramref name="settings"/> if there is none. The task fails (and is forgotten,
        /// so the next call tries again) when the engine cannot start.
        /// </summary>
        /// <param name="settings">What to start from when there is no engine.</param>
        /// <param name="created">True when this call started the engine.</param>
        public Task<RunningEngine> GetOrStart(EngineSettings settings, out bool created)
        {
            var starting = new TaskCompletionSource<RunningEngine>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_engine is { IsFaulted: false, IsCanceled: false } existing)
                {
                    created = false;
                    return existing;
                }

                // Published before the engine starts: a second caller waits for this one instead of starting another.
                _engine = starting.Task;
            }

            // Started outside the lock: opening the session file, binding the port and starting the loop thread must not
            // hold up Current (tab completion) or StopAsync (a closing runspace).
            created = true;
            _ = StartIntoAsync(settings, starting);
            return starting.Task;
        }

        /// <summary>Starts the engine into <paramref name="starting"/>; a failure is forgotten so the next call tries again. Never throws.</summary>
        private async Task StartIntoAsync(EngineSettings settings, TaskCompletionSource<RunningEngine> starting)
        {
            try
            {
                starting.SetResult(await EngineFactory.StartAsync(settings, MemoryOn, CancellationToken.None).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_engine, starting.Task))
                    {
                        _engine = null;
                    }
                }

                // The caller that started it reports the failure (EngineErrors.StartFailed).
                starting.SetException(e);
            }
        }

        /// <summary>Takes the engine away from the runspace and disposes it; completes at once when there is none.</summary>
        public async Task StopAsync()
        {
            Task<RunningEngine>? engine;
            lock (_gate)
            {
                engine = _engine;
                _engine = null;
            }

            if (engine is null)
            {
                return;
            }

            RunningEngine running;
            try
            {
                running = await engine.ConfigureAwait(false);
            }
            catch (Exception) when (engine.IsFaulted || engine.IsCanceled)
            {
                // It never started, so there is nothing to dispose; whoever started it was told why.
                return;
            }

            await running.DisposeAsync().ConfigureAwait(false);
        }
    }
}
