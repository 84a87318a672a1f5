using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>Orders a source's files deterministically and places them (and any padding) in the torrent's byte space.</summary>
    internal sealed class TorrentLayout
    {
        private TorrentLayout(List<TorrentLayoutEntry> entries, long totalSize)
        {
            Entries = entries;
            TotalSize = totalSize;
        }

        public List<TorrentLayoutEntry> Entries { get; }

        public long TotalSize { get; }

        /// <summary>
        /// Files are sorted by their '/'-joined path in UTF-8 byte order (the order
        /// mktorrent uses), so the result does not depend on how the OS lists a folder.
        /// </summary>
        public static TorrentLayout Create(TorrentSource source, int pieceLength, bool pad)
        {
            var files = new List<TorrentSourceFile>(source.Files);
            var keys = new Dictionary<TorrentSourceFile, byte[]>();
            foreach (var file in files)
            {
                keys[file] = Encoding.UTF8.GetBytes(string.Join("/", file.Path));
            }

            files.Sort((x, y) => new ReadOnlySpan<byte>(keys[x]).SequenceCompareTo(keys[y]));

            // Padding only goes between files with data: none after the last non-empty file,
            // even when empty files sort after it.
            int lastWithData = files.FindLastIndex(f => f.Length > 0);
            var entries = new List<TorrentLayoutEntry>();
            long offset = 0;
            for (int i = 0; i < files.Count; i++)
            {
                var file = files[i];
                entries.Add(new TorrentLayoutEntry(file, file.Path, file.Length, offset));
                offset = checked(offset + file.Length);
                bool last = i >= lastWithData;
                long misalignment = offset % pieceLength;
                if (pad && !last && misalignment != 0 && file.Length > 0)
                {
                    long padLength = pieceLength - misalignment;
                    var padPath = new[] { ".pad", padLength.ToString(CultureInfo.InvariantCulture) };
                    entries.Add(new TorrentLayoutEntry(null, padPath, padLength, offset));
                    offset += padLength;
                }
            }

            return new TorrentLayout(entries, offset);
        }

        /// <summary>Index of the entry holding torrent offset <paramref name="position"/> (skipping empty files).</summary>
        public int FindEntry(long position)
        {
            int lo = 0, hi = Entries.Count - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) / 2;
                if (Entries[mid].Offset <= position)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            while (lo < Entries.Count - 1 && Entries[lo].End <= position)
            {
                lo++;
            }

            return lo;
        }
    }
}
