using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Adapters.Memory;
using JsTorrent.PowerShell.Hosting;
using JsTorrent.PowerShell.Internal;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Commands.Session
{
    /// <summary>
    /// <para type="synopsis">Brings back the torrents saved in this runspace's session: each with its root, state, priorities and progress.</para>
    /// <para type="description">Restores the engine's session store (the engine starts with the defaults when the runspace has none) and
    /// outputs its torrents. Torrents already in the engine stay as they are, so running it twice adds nothing. Files are compared with the
    /// saved stamps, so a clean stop hashes nothing again. -Path names the session file: with no engine, one is started on it; an engine
    /// on another session file is an error (Stop-TorrentEngine first). Unreadable records and restore problems are written as warnings.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "TorrentSession", SupportsShouldProcess = true)]
    [OutputType(typeof(Torrent))]
    public sealed class ResumeTorrentSessionCommand : EngineCmdlet
    {
        /// <summary>The LiteDB session file to resume; it must exist.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The preset of the engine started when the runspace has none (default: Native).</summary>
        [Parameter]
        public EnginePreset Preset { get; set; } = EnginePreset.Native;

        /// <summary>Memory preset: the in-process network of the engine started when the runspace has none (its files are kept per network).</summary>
        [Parameter]
        [ValidateNotNull]
        public MemoryNetwork? MemoryNetwork { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            string? sessionPath = Path is null ? null : PathResolver.ResolveFileSystemPath(this, Path, "SessionFileNotFound", "InvalidSessionPath");
            if (Path != null && sessionPath is null)
            {
                return;
            }

            var engine = CurrentEngine is { IsDisposed: false } current ? current : null;
            if (engine != null)
            {
                CheckSameSession(engine, sessionPath);
                if (!ShouldProcess("session " + (engine.SessionPath ?? "(in memory)"), "Restore the saved torrents"))
                {
                    return;
                }
            }
            else
            {
                if (sessionPath != null && !File.Exists(sessionPath))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new FileNotFoundException("The session file '" + sessionPath + "' does not exist.", sessionPath),
                        "SessionFileNotFound",
                        ErrorCategory.ObjectNotFound,
                        sessionPath));
                }

                if (!ShouldProcess(Preset + " engine with session " + (sessionPath ?? "(default)"), "Start and restore the session"))
                {
                    return;
                }

                engine = StartEngine(new EngineSettings { Preset = Preset, SessionPath = sessionPath, Network = MemoryNetwork });
            }

            long logMark = engine.Engine.Log.Buffer.LastId;
            IReadOnlyList<EngineTorrent> restored = Restore(engine);
            foreach (string warning in SessionWarnings.Since(engine, logMark, restored))
            {
                WriteWarning(warning);
            }

            WriteVerbose("Restored " + restored.Count + " torrent(s) from " + (engine.SessionPath ?? "the in-memory session") + ".");
            foreach (var torrent in restored)
            {
                WriteObject(engine.Wrap(torrent));
            }
        }

        private void CheckSameSession(RunningEngine engine, string? sessionPath)
        {
            if (sessionPath != null && !SamePath(engine.SessionPath, sessionPath))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("This runspace's engine uses " + (engine.SessionPath is null ? "an in-memory session" : "the session file '" + engine.SessionPath + "'")
                        + ", not '" + sessionPath + "'. Stop-TorrentEngine first, then Resume-TorrentSession -Path '" + sessionPath + "'."),
                    "SessionPathMismatch",
                    ErrorCategory.InvalidOperation,
                    sessionPath));
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(Preset)) && engine.Settings.Preset != Preset)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("This runspace's engine is a " + engine.Settings.Preset + " engine, not " + Preset + ". Stop-TorrentEngine first."),
                    "EnginePresetMismatch",
                    ErrorCategory.InvalidOperation,
                    Preset));
            }
        }

        private IReadOnlyList<EngineTorrent> Restore(RunningEngine engine)
        {
            try
            {
                return Await(engine.Engine.RestoreSessionAsync(CancellationToken));
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (SessionStoreException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "SessionUnreadable", ErrorCategory.ReadError, e.Path));
            }
            catch (ObjectDisposedException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "EngineStopped", ErrorCategory.ResourceUnavailable, engine.Describe()));
            }

            throw new InvalidOperationException("Not reached: ThrowTerminatingError throws.");
        }

        private static bool SamePath(string? a, string b) =>
            a != null && string.Equals(
                System.IO.Path.GetFullPath(a).TrimEnd(System.IO.Path.DirectorySeparatorChar),
                System.IO.Path.GetFullPath(b).TrimEnd(System.IO.Path.DirectorySeparatorChar),
                System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
