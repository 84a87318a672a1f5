using System;
using System.Collections.Generic;
using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Waits until torrents are complete, showing their progress, and outputs them as they complete.</para>
    /// <para type="description">
    /// The torrents come from the pipeline, -Name or -InfoHash; with none of these, every torrent of the engine. A torrent
    /// that fails (Error state) or is removed while waited for is reported as an error and no longer waited for.
    /// Ctrl+C stops waiting; the torrents keep running in the engine.
    /// </para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "Torrent", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(Torrent))]
    public sealed class WaitTorrentCommand : TorrentTargetCmdlet
    {
        private const string AllSet = "All";

        private readonly List<Torrent> _targets = new List<Torrent>();
        private readonly HashSet<Torrent> _seen = new HashSet<Torrent>();

        /// <summary>Return as soon as one of the torrents is complete.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        /// <summary>How long to wait at most, in seconds or as a TimeSpan. A WaitTimeout error names each torrent not complete by then.</summary>
        [Parameter]
        [TimeoutTransformation]
        public TimeSpan? Timeout { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName != AllSet)
            {
                base.ProcessRecord();
                return;
            }

            var engine = CurrentEngine;
            if (engine is null || engine.IsDisposed)
            {
                return;
            }

            foreach (var torrent in engine.Engine.Torrents)
            {
                ProcessTorrent(engine.Wrap(torrent));
            }
        }

        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            if (_seen.Add(torrent))
            {
                _targets.Add(torrent);
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_targets.Count == 0)
            {
                return;
            }

            string activity = "Waiting for " + (_targets.Count == 1 ? "'" + _targets[0].Name + "'" : (Any ? "any of " : string.Empty) + _targets.Count + " torrents");
            var waiter = new TorrentWaiter(this, _targets[0].Owner, _targets, activity, Any, Timeout);
            waiter.Run((task, tick) => WaitFor(task, tick, TorrentWaiter.TickInterval), CancellationToken);
        }
    }
}
