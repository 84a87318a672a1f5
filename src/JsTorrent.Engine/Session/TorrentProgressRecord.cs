using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// <c>torrent:{infohash}:progress</c>: what the user asked (state, priorities, limits, storage root)
    /// and the counters people expect to survive a restart.
    /// </summary>
    internal sealed class TorrentProgressRecord
    {
        private const int Version = 1;

        public TorrentUserState UserState { get; set; } = TorrentUserState.Active;

        public string? StorageRootToken { get; set; }

        /// <summary>One per file of the metadata; empty while a magnet has none.</summary>
        public FilePriority[] FilePriorities { get; set; } = Array.Empty<FilePriority>();

        public long BytesDownloaded { get; set; }

        public long BytesUploaded { get; set; }

        public DateTimeOffset AddedAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public string? ErrorMessage { get; set; }

        public long DownloadRateLimit { get; set; }

        public long UploadRateLimit { get; set; }

        public static TorrentProgressRecord Decode(string key, ReadOnlySpan<byte> bytes)
        {
            var fields = RecordFields.Parse(key, bytes, Version);
            var priorities = fields.List("priorities");
            var record = new TorrentProgressRecord
            {
                UserState = (TorrentUserState)fields.Integer("state", (long)TorrentUserState.Active, (long)TorrentUserState.Queued),
                StorageRootToken = fields.OptionalText("root"),
                FilePriorities = new FilePriority[priorities.Count],
                BytesDownloaded = fields.Integer("downloaded", 0, long.MaxValue),
                BytesUploaded = fields.Integer("uploaded", 0, long.MaxValue),
                AddedAt = FromUnixMs(fields.Integer("added")),
                CompletedAt = fields.OptionalInteger("completed") is long completed ? FromUnixMs(completed) : (DateTimeOffset?)null,
                ErrorMessage = fields.OptionalText("error"),
                DownloadRateLimit = fields.OptionalInteger("dl-limit") ?? 0,
                UploadRateLimit = fields.OptionalInteger("ul-limit") ?? 0,
            };
            for (int i = 0; i < priorities.Count; i++)
            {
                long priority = RecordFields.IntegerAt(key, priorities, i, "file priority " + i);
                if (priority < (long)FilePriority.Skip || priority > (long)FilePriority.High)
                {
                    throw fields.Invalid("priorities", "out of range");
                }

                record.FilePriorities[i] = (FilePriority)priority;
            }

            if (record.DownloadRateLimit < 0)
            {
                throw fields.Invalid("dl-limit", "negative");
            }

            if (record.UploadRateLimit < 0)
            {
                throw fields.Invalid("ul-limit", "negative");
            }

            return record;
        }

        public byte[] Encode()
        {
            var fields = new BencodeDictionary();
            fields.Set("state", (long)UserState);
            if (StorageRootToken != null)
            {
                fields.Set("root", RecordFields.Text(StorageRootToken));
            }

            var priorities = new BencodeList();
            foreach (var priority in FilePriorities)
            {
                priorities.Add(new BencodeInteger((long)priority));
            }

            fields.Set("priorities", priorities);
            fields.Set("downloaded", BytesDownloaded);
            fields.Set("uploaded", BytesUploaded);
            fields.Set("added", AddedAt.ToUnixTimeMilliseconds());
            if (CompletedAt is DateTimeOffset completed)
            {
                fields.Set("completed", completed.ToUnixTimeMilliseconds());
            }

            if (ErrorMessage != null)
            {
                fields.Set("error", RecordFields.Text(ErrorMessage));
            }

            fields.Set("dl-limit", DownloadRateLimit);
            fields.Set("ul-limit", UploadRateLimit);
            return RecordFields.Encode(Version, fields);
        }

        private static DateTimeOffset FromUnixMs(long ms) =>
            ms >= -62135596800000L && ms <= 253402300799999L ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
    }
}
