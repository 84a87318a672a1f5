using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Base of cmdlets that use the runspace's engine: <see cref="Engine"/> starts it with the defaults on first
    /// use; <see cref="Await(Task)"/> waits for engine work on the pipeline thread (Ctrl+C stops the wait).
    /// </summary>
    public abstract class EngineCmdlet : CancellableCmdlet
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
        private RunningEngine? _engine;

        /// <summary>The runspace's engine, started from the native preset's defaults when it has none.</summary>
        internal RunningEngine Engine => _engine ??= StartEngine(new EngineSettings());

        /// <summary>The runspace's running engine if it has one (a stopped one is none); never starts one.</summary>
        internal RunningEngine? CurrentEngine
        {
            get
            {
                var engine = _engine ?? RunspaceEngines.Find(Runspace.DefaultRunspace)?.Current;
                return engine is { IsDisposed: false } ? engine : null;
            }
        }

        /// <summary>The runspace's engine host.</summary>
        internal RunspaceEngineHost EngineHost => RunspaceEngines.For(Runspace.DefaultRunspace);

        /// <summary>
        /// Gets the runspace's engine or starts one from <paramref name="settings"/>; a failure to start ends the cmdlet with
        /// the cause's own ErrorId. Says so (verbose) when it started one.
        /// </summary>
        internal RunningEngine StartEngine(EngineSettings settings)
        {
            var starting = EngineHost.GetOrStart(settings, out bool created);
            RunningEngine engine;
            try
            {
                engine = Await(starting);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ThrowTerminatingError(EngineErrors.StartFailed(e, settings.DownloadPath));
                throw; // not reached: ThrowTerminatingError throws
            }

            if (created)
            {
                WriteVerbose("Started the " + engine.Settings.Preset + " engine on port " + engine.Engine.ListenPort
                    + (engine.SessionPath is null ? " with an in-memory session." : " with session " + engine.SessionPath + "."));
            }

            _engine = engine;
            return engine;
        }

        /// <summary>
        /// Waits on the pipeline thread for engine work and returns its result (rethrows its exception). Work cancelled by
        /// Ctrl+C ends as <see cref="PipelineStoppedException"/>, the way every cmdlet of the module stops.
        /// </summary>
        internal T Await<T>(Task<T> task)
        {
            try
            {
                return WaitFor(task, () => { }, PollInterval);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Waits on the pipeline thread for engine work (rethrows its exception); Ctrl+C as in <see cref="Await{T}"/>.</summary>
        internal void Await(Task task) => Await(AsBool(task));

        /// <summary>Turns a task without a result into one with, for <see cref="CancellableCmdlet"/>'s WaitFor.</summary>
        internal static async Task<bool> AsBool(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }
    }
}
