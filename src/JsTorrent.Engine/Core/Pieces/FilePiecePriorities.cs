using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>Turns file priorities into piece priorities: a piece takes the highest priority of the content files it overlaps.</summary>
    internal static class FilePiecePriorities
    {
        /// <summary>
        /// Computes piece priorities. Padding files and empty files are ignored, so a piece
        /// touching only skipped (or padding) files is <see cref="FilePriority.Skip"/>, and a
        /// piece shared by a skipped and a wanted file takes the wanted file's priority.
        /// O(files + pieces).
        /// </summary>
        /// <param name="layout">The layout.</param>
        /// <param name="files">Every file's byte range in torrent order, padding files flagged.</param>
        /// <param name="priorities">One priority per file (same order).</param>
        /// <param name="destination">Receives one priority per piece.</param>
        public static void Compute(
            PieceLayout layout,
            IReadOnlyList<(long Offset, long Length, bool IsPadding)> files,
            IReadOnlyList<FilePriority> priorities,
            Span<FilePriority> destination)
        {
            if (layout is null)
            {
                throw new ArgumentNullException(nameof(layout));
            }

            if (files is null)
            {
                throw new ArgumentNullException(nameof(files));
            }

            if (priorities is null)
            {
                throw new ArgumentNullException(nameof(priorities));
            }

            if (priorities.Count != files.Count)
            {
                throw new ArgumentException("There are " + files.Count + " files but " + priorities.Count + " priorities.", nameof(priorities));
            }

            if (destination.Length < layout.PieceCount)
            {
                throw new ArgumentException("The destination is shorter than the piece count.", nameof(destination));
            }

            destination.Slice(0, layout.PieceCount).Fill(FilePriority.Skip);
            for (int i = 0; i < files.Count; i++)
            {
                var (offset, length, isPadding) = files[i];
                var priority = priorities[i];
                if ((uint)priority > (uint)FilePriority.High)
                {
                    throw new ArgumentOutOfRangeException(nameof(priorities), priority, "Unknown priority for file " + i + ".");
                }

                if (isPadding || length <= 0 || priority == FilePriority.Skip)
                {
                    continue;
                }

                if (offset < 0 || offset + length > layout.TotalSize)
                {
                    throw new ArgumentOutOfRangeException(nameof(files), "File " + i + " lies outside the torrent's byte space.");
                }

                int first = (int)(offset / layout.PieceLength);
                int last = (int)((offset + length - 1) / layout.PieceLength);
                for (int piece = first; piece <= last; piece++)
                {
                    if (priority > destination[piece])
                    {
                        destination[piece] = priority;
                    }
                }
            }
        }
    }
}
