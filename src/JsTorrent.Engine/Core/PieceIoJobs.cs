using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Pieces;

namespace JsTorrent.Engine.Core
{
    /// <summary>Writes one received block to storage.</summary>
    internal sealed class BlockWriteJob : DiskJob
    {
        public BlockWriteJob(PieceIo owner) => Owner = owner;

        public PieceIo Owner { get; }

        public int Piece { get; set; }

        public long Offset { get; set; }

        public byte[] Buffer { get; set; } = Array.Empty<byte>();

        public int Length { get; set; }

        protected internal override ValueTask ExecuteAsync() => Owner.Storage.WriteAsync(Offset, Buffer.AsMemory(0, Length), default);

        protected internal override void OnCompleted(Exception? error) => Owner.OnBlockWritten(this, error);
    }

    /// <summary>Reads a whole piece back and checks its SHA-1.</summary>
    internal sealed class PieceVerifyJob : DiskJob
    {
        public PieceVerifyJob(PieceIo owner, int piece)
        {
            Owner = owner;
            Piece = piece;
        }

        public PieceIo Owner { get; }

        public int Piece { get; }

        public bool Passed { get; private set; }

        protected internal override async ValueTask ExecuteAsync()
        {
            Passed = await Owner.Storage.VerifyPieceAsync(Piece, default).ConfigureAwait(false);
        }

        protected internal override void OnCompleted(Exception? error) => Owner.OnPieceVerified(this, error);
    }

    /// <summary>Reads a block a peer asked for.</summary>
    internal sealed class BlockReadJob : DiskJob
    {
        public BlockReadJob(PieceIo owner) => Owner = owner;

        public PieceIo Owner { get; }

        public PeerConnection? Peer { get; set; }

        public BlockRequest Request { get; set; }

        public long Offset { get; set; }

        public byte[] Buffer { get; set; } = Array.Empty<byte>();

        public bool Succeeded { get; private set; }

        protected internal override async ValueTask ExecuteAsync()
        {
            Succeeded = await Owner.Storage.TryReadAsync(Offset, Buffer.AsMemory(0, Request.Length), default).ConfigureAwait(false);
        }

        protected internal override void OnCompleted(Exception? error) => Owner.OnBlockRead(this, error);
    }
}
