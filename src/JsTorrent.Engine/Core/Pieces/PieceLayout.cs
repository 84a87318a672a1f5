using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// The geometry of a torrent's byte space: pieces, 16 KiB blocks, and the BEP 47
    /// padding that is never requested. Immutable.
    /// </summary>
    internal sealed class PieceLayout
    {
        /// <summary>Size of a requested block (the last block of a piece may be shorter).</summary>
        public const int BlockSize = 16384;

        // Padding ranges, sorted and merged (adjacent padding files become one range).
        private readonly long[] _paddingStarts;
        private readonly long[] _paddingEnds;

        /// <summary>Builds the layout of a parsed torrent (its padding files are the padding).</summary>
        /// <param name="metainfo">The torrent.</param>
        public PieceLayout(Metainfo metainfo)
            : this((metainfo ?? throw new ArgumentNullException(nameof(metainfo))).TotalSize, metainfo.PieceLength, PaddingOf(metainfo))
        {
        }

        /// <summary>Builds a layout directly.</summary>
        /// <param name="totalSize">Size of the byte space, padding included.</param>
        /// <param name="pieceLength">Bytes per piece.</param>
        /// <param name="paddingRanges">Byte ranges of padding (any order; overlaps and ranges past the end are tolerated).</param>
        public PieceLayout(long totalSize, int pieceLength, IReadOnlyList<(long Offset, long Length)> paddingRanges)
        {
            if (totalSize < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(totalSize), totalSize, "The size must not be negative.");
            }

            if (pieceLength <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pieceLength), pieceLength, "The piece length must be positive.");
            }

            long pieces = (totalSize + pieceLength - 1) / pieceLength;
            if (pieces > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(totalSize), totalSize, "Too many pieces.");
            }

            TotalSize = totalSize;
            PieceLength = pieceLength;
            PieceCount = (int)pieces;
            MaxBlocksPerPiece = (int)((Math.Min(pieceLength, totalSize) + BlockSize - 1) / BlockSize);
            MergePadding(paddingRanges ?? throw new ArgumentNullException(nameof(paddingRanges)), totalSize, out _paddingStarts, out _paddingEnds);
        }

        /// <summary>Number of pieces.</summary>
        public int PieceCount { get; }

        /// <summary>Bytes per piece (the last piece may be shorter).</summary>
        public int PieceLength { get; }

        /// <summary>Size of the byte space, padding included.</summary>
        public long TotalSize { get; }

        /// <summary>Blocks in the largest piece.</summary>
        public int MaxBlocksPerPiece { get; }

        /// <summary>True when the torrent has any padding.</summary>
        public bool HasPadding => _paddingStarts.Length != 0;

        /// <summary>Offset of a piece's first byte.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>The offset.</returns>
        public long GetPieceOffset(int piece)
        {
            CheckPiece(piece);
            return (long)piece * PieceLength;
        }

        /// <summary>Size of a piece: <see cref="PieceLength"/>, or less for the last.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>Bytes.</returns>
        public int GetPieceSize(int piece)
        {
            CheckPiece(piece);
            return piece < PieceCount - 1 ? PieceLength : (int)(TotalSize - ((long)piece * PieceLength));
        }

        /// <summary>Number of blocks in a piece.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>Blocks.</returns>
        public int GetBlockCount(int piece) => (GetPieceSize(piece) + BlockSize - 1) / BlockSize;

        /// <summary>Size of a block: <see cref="BlockSize"/>, or less for the last block of a piece.</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="block">The block within the piece.</param>
        /// <returns>Bytes.</returns>
        public int GetBlockSize(int piece, int block)
        {
            int size = GetPieceSize(piece);
            int blocks = (size + BlockSize - 1) / BlockSize;
            if ((uint)block >= (uint)blocks)
            {
                throw new ArgumentOutOfRangeException(nameof(block), block, "Block out of range 0.." + (blocks - 1) + ".");
            }

            return Math.Min(BlockSize, size - (block * BlockSize));
        }

        /// <summary>True when a block lies wholly inside padding: it is never requested and counts as received (its bytes are zeros).</summary>
        /// <param name="piece">The piece.</param>
        /// <param name="block">The block within the piece.</param>
        /// <returns>True for a padding block.</returns>
        public bool IsPaddingBlock(int piece, int block)
        {
            int size = GetBlockSize(piece, block);
            if (_paddingStarts.Length == 0)
            {
                return false;
            }

            long start = ((long)piece * PieceLength) + ((long)block * BlockSize);
            return IsPadding(start, start + size);
        }

        /// <summary>True when a whole piece is padding: there is nothing in it to download.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>True for a padding piece.</returns>
        public bool IsPaddingPiece(int piece)
        {
            int size = GetPieceSize(piece);
            if (_paddingStarts.Length == 0)
            {
                return false;
            }

            long start = (long)piece * PieceLength;
            return IsPadding(start, start + size);
        }

        /// <summary>Bytes of a piece that are not padding (what is actually downloaded and written).</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>Bytes.</returns>
        public int GetContentSize(int piece)
        {
            int size = GetPieceSize(piece);
            if (_paddingStarts.Length == 0)
            {
                return size;
            }

            long start = (long)piece * PieceLength;
            long end = start + size;
            long padding = 0;

            // The first range ending after start, then every range starting before end.
            int i = FirstRangeEndingAfter(start);
            for (; i < _paddingStarts.Length && _paddingStarts[i] < end; i++)
            {
                padding += Math.Min(end, _paddingEnds[i]) - Math.Max(start, _paddingStarts[i]);
            }

            return size - (int)padding;
        }

        /// <summary>Number of padding blocks in a piece.</summary>
        /// <param name="piece">The piece.</param>
        /// <returns>Blocks.</returns>
        public int GetPaddingBlockCount(int piece)
        {
            if (_paddingStarts.Length == 0)
            {
                CheckPiece(piece);
                return 0;
            }

            int count = 0;
            int blocks = GetBlockCount(piece);
            for (int b = 0; b < blocks; b++)
            {
                if (IsPaddingBlock(piece, b))
                {
                    count++;
                }
            }

            return count;
        }

        private static IReadOnlyList<(long Offset, long Length)> PaddingOf(Metainfo metainfo)
        {
            var ranges = new List<(long Offset, long Length)>();
            foreach (var file in metainfo.Files)
            {
                if (file.IsPadding && file.Length > 0)
                {
                    ranges.Add((file.Offset, file.Length));
                }
            }

            return ranges;
        }

        private static void MergePadding(IReadOnlyList<(long Offset, long Length)> ranges, long totalSize, out long[] starts, out long[] ends)
        {
            var clipped = new List<(long Start, long End)>(ranges.Count);
            foreach (var (offset, length) in ranges)
            {
                long start = Math.Max(0, offset);
                long end = Math.Min(totalSize, length > totalSize - offset ? totalSize : offset + length);
                if (length > 0 && end > start)
                {
                    clipped.Add((start, end));
                }
            }

            clipped.Sort((a, b) => a.Start.CompareTo(b.Start));
            var merged = new List<(long Start, long End)>(clipped.Count);
            foreach (var range in clipped)
            {
                if (merged.Count > 0 && range.Start <= merged[merged.Count - 1].End)
                {
                    var last = merged[merged.Count - 1];
                    merged[merged.Count - 1] = (last.Start, Math.Max(last.End, range.End));
                }
                else
                {
                    merged.Add(range);
                }
            }

            starts = new long[merged.Count];
            ends = new long[merged.Count];
            for (int i = 0; i < merged.Count; i++)
            {
                starts[i] = merged[i].Start;
                ends[i] = merged[i].End;
            }
        }

        private bool IsPadding(long start, long end)
        {
            // The last range starting at or before start must reach end (ranges are merged, so one range covers it or none does).
            int i = Array.BinarySearch(_paddingStarts, start);
            if (i < 0)
            {
                i = ~i - 1;
            }

            return i >= 0 && _paddingEnds[i] >= end;
        }

        private int FirstRangeEndingAfter(long position)
        {
            int lo = 0;
            int hi = _paddingEnds.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (_paddingEnds[mid] <= position)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        private void CheckPiece(int piece)
        {
            if ((uint)piece >= (uint)PieceCount)
            {
                throw new ArgumentOutOfRangeException(nameof(piece), piece, "Piece out of range 0.." + (PieceCount - 1) + ".");
            }
        }
    }
}
