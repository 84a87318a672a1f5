using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Pieces;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    /// <summary>Small builders shared by the piece-picking tests.</summary>
    internal static class PickerTestKit
    {
        public const int Block = PieceLayout.BlockSize;

        public static PieceLayout Layout(long totalSize, int pieceLength, params (long Offset, long Length)[] padding) =>
            new PieceLayout(totalSize, pieceLength, padding);

        public static PiecePicker Picker(PieceLayout layout, int seed = 1) => new PiecePicker(layout, new Random(seed));

        public static Bitfield Have(int length, params int[] set)
        {
            var bitfield = new Bitfield(length);
            foreach (int i in set)
            {
                bitfield[i] = true;
            }

            return bitfield;
        }

        public static Bitfield All(int length)
        {
            var bitfield = new Bitfield(length);
            bitfield.SetAll();
            return bitfield;
        }

        /// <summary>Picks for an unchoking peer and returns the requests as a list.</summary>
        public static List<BlockRequest> Pick(PiecePicker picker, object peer, Bitfield pieces, int max, long nowMs = 0) =>
            Pick(picker, peer, pieces, max, false, null, nowMs);

        public static List<BlockRequest> Pick(PiecePicker picker, object peer, Bitfield pieces, int max, bool choked, IReadOnlyCollection<int>? allowedFast, long nowMs = 0)
        {
            var buffer = new BlockRequest[Math.Max(1, max)];
            int n = picker.PickBlocks(peer, pieces, choked, allowedFast, max, buffer, nowMs);
            var result = new List<BlockRequest>(n);
            for (int i = 0; i < n; i++)
            {
                result.Add(buffer[i]);
            }

            return result;
        }

        /// <summary>Delivers a block and returns the result (cancels discarded).</summary>
        public static BlockReceiveResult Deliver(PiecePicker picker, object peer, BlockRequest request, out bool complete) =>
            picker.OnBlockReceived(peer, request.Piece, request.Begin, request.Length, new List<object>(), out complete);
    }
}
