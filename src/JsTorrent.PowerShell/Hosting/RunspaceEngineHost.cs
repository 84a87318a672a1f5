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
            lock (_gate)
            {
                if (_engine is { IsFaulted: false, IsCanceled: false } existing)
                {
                    created = false;
                    return existing;
                }

                created = true;
                var starting = EngineFactory.StartAsync(settings, MemoryOn, CancellationToken.None);
                _engine = starting;
                _ = starting.ContinueWith(ForgetFailed, starting, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return starting;
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

        private void ForgetFailed(Task<RunningEngine> task, object? state)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_engine, state))
                {
                    _engine = null;
                }
            }
        }
    }
}
