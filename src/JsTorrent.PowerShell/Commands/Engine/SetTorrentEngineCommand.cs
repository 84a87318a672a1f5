using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Engine
{
    /// <summary>
    /// <para type="synopsis">Changes the limits of this runspace's torrent engine while it runs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TorrentEngine", SupportsShouldProcess = true)]
    [OutputType(typeof(TorrentEngine))]
    public sealed class SetTorrentEngineCommand : EngineLimitsCmdlet
    {
        /// <summary>Output the engine after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            // Asked before the engine is made: -WhatIf must not start one.
            var current = CurrentEngine;
            string target = current is null || current.IsDisposed
                ? "Native engine (started with the defaults)"
                : current.Settings.Preset + " engine on port " + current.Engine.ListenPort;
            if (!ShouldProcess(target, "Set limits"))
            {
                return;
            }

            var engine = Engine;
            if (GivenDownloadRateLimit is long download)
            {
                engine.Engine.DownloadRateLimit = download;
            }

            if (GivenUploadRateLimit is long upload)
            {
                engine.Engine.UploadRateLimit = upload;
            }

            if (GivenMaxConnections != null || GivenMaxConnectionsPerTorrent != null)
            {
                Await(engine.Engine.SetConnectionLimitsAsync(GivenMaxConnections, GivenMaxConnectionsPerTorrent));
            }

            if (PassThru)
            {
                WriteObject(engine.Describe());
            }
        }
    }
}
