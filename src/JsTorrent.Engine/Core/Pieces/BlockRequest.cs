using System;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>One block to REQUEST (or CANCEL): piece index, offset in the piece, length.</summary>
    internal readonly struct BlockRequest : IEquatable<BlockRequest>
    {
        /// <summary>Creates a request.</summary>
        /// <param name="piece">The piece index.</param>
        /// <param name="begin">Offset of the block in the piece.</param>
        /// <param name="length">Length of the block.</param>
        public BlockRequest(int piece, int begin, int length)
        {
            Piece = piece;
            Begin = begin;
            Length = length;
        }

        /// <summary>The piece index.</summary>
        public int Piece { get; }

        /// <summary>Offset of the block in the piece.</summary>
        public int Begin { get; }

        /// <summary>Length of the block.</summary>
        public int Length { get; }

        /// <summary>Index of the block in its piece.</summary>
        public int Block => Begin / PieceLayout.BlockSize;

        /// <summary>Equality of all three fields.</summary>
        public static bool operator ==(BlockRequest left, BlockRequest right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(BlockRequest left, BlockRequest right) => !left.Equals(right);

        /// <inheritdoc/>
        public bool Equals(BlockRequest other) => Piece == other.Piece && Begin == other.Begin && Length == other.Length;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is BlockRequest other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => unchecked((Piece * 397) ^ (Begin * 31) ^ Length);

        /// <inheritdoc/>
        public override string ToString() => "piece " + Piece + " @" + Begin + "+" + Length;
    }
}
