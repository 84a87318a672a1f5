using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>
    /// The engines of every runspace of the process, keyed by the runspace's id (the pattern of PowerShell's own
    /// CimCmdlets). The only process-wide state of the module: each engine belongs to one runspace, and an engine
    /// is disposed when its runspace closes or breaks, on Remove-Module, and when the process exits.
    /// </summary>
    internal static class RunspaceEngines
    {
        /// <summary>How long closing a runspace or the process waits for an engine to flush its session and close.</summary>
        public static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(30);

        private static readonly ConcurrentDictionary<Guid, RunspaceEngineHost> Hosts = new ConcurrentDictionary<Guid, RunspaceEngineHost>();

        static RunspaceEngines()
        {
            AppDomain.CurrentDomain.ProcessExit += (sender, args) => StopAll("the process is exiting");
        }

        /// <summary>The host of <paramref name="runspace"/>, made (and tied to the runspace's life) on first use.</summary>
        public static RunspaceEngineHost For(Runspace runspace)
        {
            if (runspace is null)
            {
                throw new ArgumentNullException(nameof(runspace));
            }

            var host = Hosts.GetOrAdd(runspace.InstanceId, id => new RunspaceEngineHost(id));
            if (host.TieToRunspace())
            {
                runspace.StateChanged += OnRunspaceStateChanged;
            }

            return host;
        }

        /// <summary>The host of <paramref name="runspace"/> if it has one; never makes one (tab completion must not start an engine).</summary>
        public static RunspaceEngineHost? Find(Runspace? runspace) =>
            runspace != null && Hosts.TryGetValue(runspace.InstanceId, out var host) ? host : null;

        /// <summary>Disposes the engine of <paramref name="runspace"/> and waits for it (bounded), as Remove-Module does.</summary>
        public static void Stop(Runspace? runspace, string reason)
        {
            if (runspace != null && Hosts.TryRemove(runspace.InstanceId, out var host))
            {
                runspace.StateChanged -= OnRunspaceStateChanged;
                WaitForStop(new[] { host.StopAsync() }, reason);
            }
        }

        private static void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            var state = e.RunspaceStateInfo.State;
            if (sender is Runspace runspace && (state == RunspaceState.Closed || state == RunspaceState.Broken))
            {
                Stop(runspace, "its runspace closed");
            }
        }

        private static void StopAll(string reason)
        {
            var stopping = Hosts.Keys.ToArray()
                .Select(id => Hosts.TryRemove(id, out var host) ? host.StopAsync() : Task.CompletedTask)
                .ToArray();
            WaitForStop(stopping, reason);
        }

        /// <summary>
        /// Blocks (this thread has nothing else to do: a runspace is closing or the process is exiting) until the
        /// engines are disposed or the timeout passes. Nobody is left to tell about a failure but the console.
        /// </summary>
        private static void WaitForStop(Task[] stopping, string reason)
        {
            var all = Task.WhenAll(stopping);
            if (!((IAsyncResult)all).AsyncWaitHandle.WaitOne(DisposeTimeout))
            {
                Console.Error.WriteLine("JsTorrent: an engine did not close within " + DisposeTimeout.TotalSeconds + " s after " + reason + "; its session may not be saved.");
                return;
            }

            if (all.IsFaulted)
            {
                foreach (var error in all.Exception!.Flatten().InnerExceptions)
                {
                    Console.Error.WriteLine("JsTorrent: closing an engine after " + reason + " failed: " + error.Message);
                }
            }
        }
    }
}
