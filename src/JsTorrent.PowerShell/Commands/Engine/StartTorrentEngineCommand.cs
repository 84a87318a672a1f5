using System;
using System.Management.Automation;
using System.Net;
using JsTorrent.Adapters.Memory;
using JsTorrent.PowerShell.Hosting;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Engine
{
    /// <summary>
    /// <para type="synopsis">Starts this runspace's torrent engine with the given settings.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "TorrentEngine", SupportsShouldProcess = true)]
    [OutputType(typeof(TorrentEngine))]
    public sealed class StartTorrentEngineCommand : EngineLimitsCmdlet
    {
        /// <summary>How the engine is wired: Native (real sockets and files; the default) or Memory (in-process, for tests and trials).</summary>
        [Parameter(Position = 0)]
        public EnginePreset Preset { get; set; } = EnginePreset.Native;

        /// <summary>Native: the folder of the default storage root (created if missing; default: the user's Downloads folder). Memory: the default root's name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DownloadPath { get; set; }

        /// <summary>The LiteDB session file (created if missing). Native default: the per-user session file; Memory default: an in-memory session.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SessionPath { get; set; }

        /// <summary>Native: keep the session in memory only; nothing is saved for Resume-TorrentSession.</summary>
        [Parameter]
        public SwitchParameter NoSession { get; set; }

        /// <summary>The port peers connect to (default 6881; the next free one is used when it is taken, unless -StrictPort). 0 lets the system choose.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; } = EngineSettings.DefaultPort;

        /// <summary>Fail when -Port is taken instead of using the next free port.</summary>
        [Parameter]
        public SwitchParameter StrictPort { get; set; }

        /// <summary>Native: the local address to listen on and connect from (default: every interface). Memory: the engine's address on its network.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ListenAddress { get; set; }

        /// <summary>Memory: the in-process network to join, so engines made with the .NET API can be peers; default: the runspace's own.</summary>
        [Parameter]
        [ValidateNotNull]
        public MemoryNetwork? MemoryNetwork { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var existing = CurrentEngine;
            if (existing != null && !existing.IsDisposed)
            {
                ThrowAlreadyRunning(existing);
            }

            var settings = new EngineSettings
            {
                Preset = Preset,
                DownloadPath = DownloadPath is null || Preset == EnginePreset.Memory ? DownloadPath : FileSystemPath(DownloadPath, "DownloadPathNotFound", "InvalidDownloadPath"),
                SessionPath = SessionPath is null ? null : FileSystemPath(SessionPath, "SessionPathNotFound", "InvalidSessionPath"),
                NoSession = NoSession,
                Port = Port,
                StrictPort = StrictPort,
                Network = MemoryNetwork,
                DownloadRateLimit = DownloadRateLimit,
                UploadRateLimit = UploadRateLimit,
                MaxConnections = GivenMaxConnections,
                MaxConnectionsPerTorrent = GivenMaxConnectionsPerTorrent,
            };
            RejectConflicts();
            ApplyListenAddress(settings);

            string target = Preset + " engine" + (settings.SessionPath is null ? string.Empty : " with session " + settings.SessionPath);
            if (!ShouldProcess(target, "Start"))
            {
                return;
            }

            var engine = StartEngine(settings);
            if (!ReferenceEquals(engine.Settings, settings))
            {
                // Another pipeline of this runspace started one meanwhile: it was not made from these settings.
                ThrowAlreadyRunning(engine);
            }

            WriteObject(engine.Describe());
        }

        private void ThrowAlreadyRunning(RunningEngine existing) =>
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("This runspace already has a " + existing.Settings.Preset + " engine (port " + existing.Engine.ListenPort
                    + "). Stop it first with Stop-TorrentEngine."),
                "EngineAlreadyRunning",
                ErrorCategory.ResourceExists,
                existing.Describe()));

        /// <summary>A path argument as a full file-system path; a drive that does not exist or another provider ends the cmdlet.</summary>
        private string FileSystemPath(string path, string notFoundErrorId, string invalidErrorId)
        {
            string? resolved = PathResolver.ResolveFileSystemPath(this, path, notFoundErrorId, invalidErrorId, terminating: true);
            return resolved!;
        }

        /// <summary>Parameters that cannot mean anything together end the cmdlet before an engine starts.</summary>
        private void RejectConflicts()
        {
            string? conflict = NoSession && SessionPath != null ? "-NoSession and -SessionPath cannot be used together."
                : MemoryNetwork != null && Preset != EnginePreset.Memory ? "-MemoryNetwork applies to the Memory preset only."
                : null;
            if (conflict != null)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(conflict), "ConflictingEngineParameters", ErrorCategory.InvalidArgument, Preset));
            }
        }

        private void ApplyListenAddress(EngineSettings settings)
        {
            if (ListenAddress is null)
            {
                return;
            }

            if (Preset == EnginePreset.Memory)
            {
                settings.Address = ListenAddress;
                return;
            }

            if (!IPAddress.TryParse(ListenAddress, out var address))
            {
                // Nothing to start without it: the cmdlet ends here.
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("'" + ListenAddress + "' is not an IP address."),
                    "InvalidListenAddress",
                    ErrorCategory.InvalidArgument,
                    ListenAddress));
            }

            settings.ListenAddress = address;
        }
    }
}
