using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Logging;
using JsTorrent.PowerShell.Hosting;
using JsTorrent.PowerShell.Internal;
using EngineInfoHash = JsTorrent.Engine.Protocol.InfoHash;
using EngineLogEntry = JsTorrent.Engine.Logging.LogEntry;

namespace JsTorrent.PowerShell.Commands.Log
{
    /// <summary>
    /// <para type="synopsis">Reads the recent entries of this runspace engine's log, or follows new ones with -Wait.</para>
    /// <para type="description">The engine keeps its most recent entries (1,000 by default). Filters combine: -Level is the minimum
    /// level, -Component takes wildcards, -InfoHash (or torrents piped in) keeps the entries about those torrents, -Since the entries
    /// logged at or after a time, -Last the newest N that match. -Wait outputs them, then each new matching entry as it is logged,
    /// until Ctrl+C.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TorrentLog")]
    [OutputType(typeof(LogEntry))]
    public sealed class GetTorrentLogCommand : EngineCmdlet
    {
        private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

        private readonly HashSet<string> _infoHashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private WildcardPattern[]? _components;

        // Set once any -InfoHash arrived (from the command line or a piped object), even if none was valid.
        private bool _filterByInfoHash;

        /// <summary>The minimum level: Trace, Debug, Information, Warning or Error. Default: every level.</summary>
        [Parameter]
        public LogLevel Level { get; set; } = LogLevel.Trace;

        /// <summary>Components (engine, torrent, peer, tracker, storage, session, ...); wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(LogComponentCompleter))]
        public string[]? Component { get; set; }

        /// <summary>Only entries about these torrents; bound by property name, so Get-Torrent output can be piped in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(InfoHashCompleter))]
        public string[]? InfoHash { get; set; }

        /// <summary>Only the newest N matching entries.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        /// <summary>Only entries logged at or after this time.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>After the matching entries, keep writing new ones as they are logged, until Ctrl+C.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            _filterByInfoHash |= InfoHash != null;
            foreach (string hash in InfoHash ?? Array.Empty<string>())
            {
                if (EngineInfoHash.TryParse(hash.Trim(), out var parsed))
                {
                    _infoHashes.Add(parsed.ToString());
                }
                else
                {
                    WriteError(new ErrorRecord(
                        new PSArgumentException("'" + hash + "' is not an info-hash (40 hex digits or 32 base32 characters)."),
                        "InvalidInfoHash",
                        ErrorCategory.InvalidArgument,
                        hash));
                }
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_filterByInfoHash && _infoHashes.Count == 0)
            {
                return; // every info-hash given was invalid (and reported): nothing can match
            }

            _components = Component?.Select(c => WildcardPattern.Get(c, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            var engine = Engine;
            var filter = new LogFilter { MinimumLevel = Level };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Since)))
            {
                filter.Since = new DateTimeOffset(Since);
            }

            // Subscribed before the snapshot, so no entry falls between the two; the overlap is skipped by id.
            using var follower = Wait ? new LogFollower(engine.Engine.Log) : null;
            var matching = engine.Engine.Log.Buffer.GetEntries(filter).Where(Matches).ToList();
            long snapshotLastId = matching.Count > 0 ? matching[matching.Count - 1].Id : 0;
            int skip = MyInvocation.BoundParameters.ContainsKey(nameof(Last)) ? Math.Max(0, matching.Count - Last) : 0;
            foreach (var entry in matching.Skip(skip))
            {
                WriteObject(new LogEntry(entry));
            }

            if (follower != null)
            {
                Follow(engine, follower, filter, snapshotLastId);
            }
        }

        private void Follow(RunningEngine engine, LogFollower follower, LogFilter filter, long snapshotLastId)
        {
            using var wake = CancellationToken.Register(follower.Wake);
            while (!CancellationToken.IsCancellationRequested && !Stopping && !engine.IsDisposed)
            {
                follower.Wait(Tick);
                foreach (var entry in follower.Drain())
                {
                    if (entry.Id > snapshotLastId && filter.Matches(entry) && Matches(entry))
                    {
                        WriteObject(new LogEntry(entry));
                    }
                }

                long dropped = follower.TakeDropped();
                if (dropped > 0)
                {
                    WriteWarning(dropped + " log entries were skipped because they came faster than the pipeline took them.");
                }
            }
        }

        private bool Matches(EngineLogEntry entry) =>
            (_components is null || _components.Any(c => c.IsMatch(entry.Component)))
            && (!_filterByInfoHash || (entry.InstanceValue != null && _infoHashes.Contains(entry.InstanceValue)));
    }
}
