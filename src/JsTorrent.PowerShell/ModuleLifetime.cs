using System.Management.Automation;
using System.Management.Automation.Runspaces;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent.PowerShell
{
    /// <summary>Disposes the runspace's engine when the module is removed from it (Remove-Module).</summary>
    public sealed class ModuleLifetime : IModuleAssemblyCleanup
    {
        /// <summary>Called by PowerShell when the module is removed: flushes the session and closes the engine of this runspace.</summary>
        /// <param name="psModuleInfo">The module being removed.</param>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            RunspaceEngines.Stop(Runspace.DefaultRunspace, "Remove-Module");
        }
    }
}
