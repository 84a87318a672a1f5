using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Engine
{
    /// <summary>
    /// <para type="synopsis">Changes the limits of this runspace's torrent engine while it runs.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TorrentEngine", SupportsShouldProcess = true)]
    [OutputType(typeof(TorrentEngine))]
    public sealed class SetTorrentEngineCommand : EngineCmdlet
    {
        /// <summary>Download limit of the engine in bytes per second (e.g. 5MB); 0 is unlimited.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long DownloadRateLimit { get; set; }

        /// <summary>Upload limit of the engine in bytes per second; 0 is unlimited.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long UploadRateLimit { get; set; }

        /// <summary>Most peer connections of the engine; existing connections over a lowered limit stay open.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int MaxConnections { get; set; }

        /// <summary>Most peer connections of one torrent.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int MaxConnectionsPerTorrent { get; set; }

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
            var bound = MyInvocation.BoundParameters;

            if (bound.ContainsKey(nameof(DownloadRateLimit)))
            {
                engine.Engine.DownloadRateLimit = DownloadRateLimit;
            }

            if (bound.ContainsKey(nameof(UploadRateLimit)))
            {
                engine.Engine.UploadRateLimit = UploadRateLimit;
            }

            bool maxBound = bound.ContainsKey(nameof(MaxConnections));
            bool perTorrentBound = bound.ContainsKey(nameof(MaxConnectionsPerTorrent));
            if (maxBound || perTorrentBound)
            {
                Await(engine.Engine.SetConnectionLimitsAsync(maxBound ? MaxConnections : (int?)null, perTorrentBound ? MaxConnectionsPerTorrent : (int?)null));
            }

            if (PassThru)
            {
                WriteObject(engine.Describe());
            }
        }
    }
}
