using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Engine
{
    /// <summary>
    /// <para type="synopsis">Stops this runspace's torrent engine: saves the session, closes every connection and file.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "TorrentEngine", SupportsShouldProcess = true)]
    [OutputType(typeof(TorrentEngine))]
    public sealed class StopTorrentEngineCommand : EngineCmdlet
    {
        /// <summary>Output the stopped engine.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var engine = CurrentEngine;
            if (engine is null || engine.IsDisposed)
            {
                return;
            }

            if (!ShouldProcess(engine.Settings.Preset + " engine on port " + engine.Engine.ListenPort, "Stop"))
            {
                return;
            }

            Await(EngineHost.StopAsync());
            WriteVerbose("Stopped the engine" + (engine.SessionPath is null ? "." : "; its session is saved in " + engine.SessionPath + "."));
            if (PassThru)
            {
                WriteObject(engine.Describe());
            }
        }
    }
}
