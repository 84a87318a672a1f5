using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using JsTorrent.Engine.Core;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// The progress bars of Add-Torrent -Wait and Wait-Torrent: a parent bar for the whole set (a fixed ActivityId) and
    /// one child bar per torrent, read from the torrents' current values on the pipeline thread.
    /// </summary>
    internal sealed class TorrentProgress
    {
        /// <summary>The parent bar's ActivityId; the children take the ids after it.</summary>
        public const int ParentActivityId = 0x4A54;

        private readonly string _activity;

        public TorrentProgress(string activity)
        {
            _activity = activity;
        }

        /// <summary>The ActivityId of the child bar of the torrent at <paramref name="index"/> in the waited set.</summary>
        public static int ChildActivityId(int index) => ParentActivityId + 1 + index;

        /// <summary>The parent bar: how many are done and the overall share, size and rate.</summary>
        public ProgressRecord Parent(IReadOnlyList<Torrent> all, int finished)
        {
            long wanted = 0;
            long verified = 0;
            long rate = 0;
            foreach (var torrent in all)
            {
                wanted += torrent.Size;
                verified += Math.Min(torrent.BytesCompleted, torrent.Size);
                rate += torrent.DownloadRate;
            }

            var record = new ProgressRecord(ParentActivityId, _activity, finished + " of " + all.Count + " complete");
            record.PercentComplete = Percent(verified, wanted, finished == all.Count);
            if (wanted > 0)
            {
                record.StatusDescription += ", " + Units.Progress(verified, wanted) + ", " + DisplayFormat.Rate(rate);
            }

            return record;
        }

        /// <summary>A torrent's bar: its phase, share, size, rate, peers and time left.</summary>
        public static ProgressRecord Child(Torrent torrent, int index)
        {
            var engine = torrent.Engine;
            var record = new ProgressRecord(ChildActivityId(index), torrent.Name, Status(torrent)) { ParentActivityId = ParentActivityId };
            record.PercentComplete = engine.State == TorrentState.Checking
                ? (int)Math.Max(0, Math.Min(100, engine.CheckProgress * 100))
                : Percent(torrent.BytesCompleted, torrent.Size, engine.HasMetadata && engine.Progress >= 1);
            if (torrent.Eta is TimeSpan eta && engine.State == TorrentState.Downloading)
            {
                record.SecondsRemaining = (int)Math.Min(int.MaxValue, eta.TotalSeconds);
            }

            return record;
        }

        /// <summary>The record that removes a bar.</summary>
        public static ProgressRecord Completed(ProgressRecord record, string status)
        {
            var done = new ProgressRecord(record.ActivityId, record.Activity, status)
            {
                ParentActivityId = record.ParentActivityId,
                PercentComplete = 100,
                RecordType = ProgressRecordType.Completed,
            };
            return done;
        }

        private static string Status(Torrent torrent)
        {
            var engine = torrent.Engine;
            switch (engine.State)
            {
                case TorrentState.Checking:
                    return "Checking files on disk: " + (engine.CheckProgress * 100).ToString("0", CultureInfo.CurrentCulture) + "%";
                case TorrentState.DownloadingMetadata:
                    return "Fetching metadata from " + Peers(torrent.Peers);
                case TorrentState.NeedsStorageRoot:
                    return "Waiting for a storage root";
                case TorrentState.Error:
                    return "Failed: " + torrent.Error;
                case TorrentState.Stopped:
                    return torrent.IsSuspended ? "Suspended" : "Stopped (the engine is suspended)";
                case TorrentState.Seeding:
                    return "Complete, " + DisplayFormat.Bytes(torrent.Size);
                default:
                    string status = torrent.PercentComplete.ToString("0.0", CultureInfo.CurrentCulture) + "%, " + Units.Progress(torrent.BytesCompleted, torrent.Size)
                        + ", " + DisplayFormat.Rate(torrent.DownloadRate) + ", " + Peers(torrent.Peers);
                    return torrent.Eta is TimeSpan eta ? status + ", ETA " + Units.Duration(eta) : status;
            }
        }

        private static string Peers(int count) => count == 1 ? "1 peer" : count.ToString(CultureInfo.CurrentCulture) + " peers";

        private static int Percent(long done, long total, bool complete)
        {
            if (complete)
            {
                return 100;
            }

            // PowerShell rejects a record outside -1..100; a share never reaches 100 before it is complete.
            return total <= 0 ? 0 : (int)Math.Max(0, Math.Min(99, done * 100 / total));
        }
    }
}
