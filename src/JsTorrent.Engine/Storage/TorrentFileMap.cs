using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// Maps ranges of a torrent's byte space (all files, padding included, end to end) to the files that hold them.
    /// Pure and immutable: the engine uses it for per-file progress as well as for storage I/O.
    /// </summary>
    internal sealed class TorrentFileMap
    {
        private readonly long[] _offsets;
        private readonly long[] _lengths;

        public TorrentFileMap(IReadOnlyList<MetainfoFile> files)
        {
            if (files is null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            _offsets = new long[files.Count];
            _lengths = new long[files.Count];
            long expectedOffset = 0;
            for (int i = 0; i < files.Count; i++)
            {
                // The search below relies on files lying end to end; metainfo built any other way is refused.
                if (files[i].Offset != expectedOffset || files[i].Length < 0)
                {
                    throw new ArgumentException("File " + i + " does not follow the previous one in the torrent's byte space.", nameof(files));
                }

                _offsets[i] = files[i].Offset;
                _lengths[i] = files[i].Length;
                expectedOffset += files[i].Length;
            }

            TotalSize = expectedOffset;
        }

        /// <summary>Size of the byte space.</summary>
        public long TotalSize { get; }

        /// <summary>Number of files, padding and empty files included.</summary>
        public int FileCount => _offsets.Length;

        /// <summary>The file holding byte <paramref name="torrentOffset"/> (never an empty file), by binary search.</summary>
        public int FindFile(long torrentOffset)
        {
            if (torrentOffset < 0 || torrentOffset >= TotalSize)
            {
                throw new ArgumentOutOfRangeException(nameof(torrentOffset), torrentOffset, "Outside the torrent (0 to " + TotalSize + ").");
            }

            // The last file starting at or before the offset: an empty file there is followed by one starting at the
            // same offset, so the answer always has bytes.
            int low = 0;
            int high = _offsets.Length - 1;
            while (low < high)
            {
                int middle = low + ((high - low + 1) / 2);
                if (_offsets[middle] <= torrentOffset)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return low;
        }

        /// <summary>Number of segments <see cref="GetFileSegments"/> returns for a range.</summary>
        public int CountFileSegments(long torrentOffset, long length)
        {
            CheckRange(torrentOffset, length);
            if (length == 0)
            {
                return 0;
            }

            int count = 0;
            long end = torrentOffset + length;
            for (int i = FindFile(torrentOffset); i < _offsets.Length && _offsets[i] < end; i++)
            {
                count += _lengths[i] > 0 ? 1 : 0;
            }

            return count;
        }

        /// <summary>
        /// Writes the file segments covering a range, in order, skipping empty files (padding files are included; the
        /// caller checks <see cref="MetainfoFile.IsPadding"/>). Allocates nothing.
        /// </summary>
        /// <returns>How many segments were written.</returns>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is too small (see <see cref="CountFileSegments"/>).</exception>
        public int GetFileSegments(long torrentOffset, long length, Span<FileSegment> destination)
        {
            CheckRange(torrentOffset, length);
            if (length == 0)
            {
                return 0;
            }

            int count = 0;
            long position = torrentOffset;
            long end = torrentOffset + length;
            for (int i = FindFile(torrentOffset); position < end; i++)
            {
                if (_lengths[i] == 0)
                {
                    continue;
                }

                if (count == destination.Length)
                {
                    throw new ArgumentException("The range spans more than " + destination.Length + " file segments.", nameof(destination));
                }

                long inFile = position - _offsets[i];
                long chunk = Math.Min(end - position, _lengths[i] - inFile);
                destination[count++] = new FileSegment(i, inFile, chunk);
                position += chunk;
            }

            return count;
        }

        private void CheckRange(long torrentOffset, long length)
        {
            if (torrentOffset < 0 || length < 0 || torrentOffset > TotalSize - length)
            {
                throw new ArgumentOutOfRangeException(nameof(torrentOffset), torrentOffset, "Range of " + length + " bytes is outside the torrent (0 to " + TotalSize + ").");
            }
        }
    }
}
