using System;
using JsTorrent.Engine.Core.Pieces;

namespace JsTorrent.Engine.Core
{
    /// <summary>The torrent side of <see cref="PieceIo"/>: where disk results go (always on the loop).</summary>
    internal interface IPieceIoOwner
    {
        int PieceLength { get; }

        void OnPieceHashed(int piece, bool passed);

        /// <summary>A disk job failed; <paramref name="piece"/> is the piece it was writing or hashing, or -1 for an upload read.</summary>
        void OnStorageError(Exception error, int piece);

        void OnBlockReadForUpload(PeerConnection peer, BlockRequest request, ReadOnlySpan<byte> block);

        /// <summary>A write finished: room under the pending-write budget may let requesting resume.</summary>
        void OnWriteCompleted();
    }
}
