using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Engine
{
    /// <summary>
    /// <para type="synopsis">Shows this runspace's torrent engine: preset, port, session file, totals and rates.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TorrentEngine")]
    [OutputType(typeof(TorrentEngine))]
    public sealed class GetTorrentEngineCommand : EngineCmdlet
    {
        /// <summary>Start the engine with the defaults when the runspace has none (otherwise nothing is output).</summary>
        [Parameter]
        public SwitchParameter Start { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var engine = Start ? Engine : CurrentEngine;
            if (engine != null && !engine.IsDisposed)
            {
                WriteObject(engine.Describe());
            }
        }
    }
}
