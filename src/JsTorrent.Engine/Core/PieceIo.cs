using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// A torrent's traffic with its storage, all through the disk workers: received blocks are
    /// written as they arrive (so memory holds only blocks in flight to the disk), a piece is
    /// verified once its last block is written, and blocks for upload are read on request.
    /// Results come back on the loop and are always delivered: a hash result is the truth about
    /// the bytes on disk whenever it was taken, so a stop in between changes nothing.
    /// </summary>
    internal sealed class PieceIo
    {
        private readonly EngineContext _context;
        private readonly IPieceIoOwner _owner;
        private readonly int[] _pendingWrites;
        private readonly bool[] _awaitingVerify;
        private readonly Stack<BlockWriteJob> _freeWrites = new Stack<BlockWriteJob>();
        private readonly Stack<BlockReadJob> _freeReads = new Stack<BlockReadJob>();
        private TaskCompletionSource<bool>? _idle;

        public PieceIo(EngineContext context, IPieceIoOwner owner, TorrentContentStorage storage, int pieceCount)
        {
            _context = context;
            _owner = owner;
            Storage = storage;
            _pendingWrites = new int[pieceCount];
            _awaitingVerify = new bool[pieceCount];
        }

        public TorrentContentStorage Storage { get; }

        /// <summary>Jobs handed to the workers whose completion has not come back.</summary>
        public int InFlight { get; private set; }

        public long PendingWriteBytes { get; private set; }

        public void WriteBlock(int piece, int begin, ReadOnlySpan<byte> data)
        {
            var job = _freeWrites.Count > 0 ? _freeWrites.Pop() : new BlockWriteJob(this);
            job.Piece = piece;
            job.Offset = (long)piece * _owner.PieceLength + begin;
            job.Length = data.Length;
            job.Buffer = _context.Buffers.Rent(data.Length);
            data.CopyTo(job.Buffer);
            _pendingWrites[piece]++;
            PendingWriteBytes += data.Length;
            _context.PendingWriteBytes += data.Length;
            Start(job);
        }

        /// <summary>Every block of the piece has arrived: verify it once the last write lands.</summary>
        public void PieceReceived(int piece)
        {
            if (_pendingWrites[piece] == 0)
            {
                Verify(piece);
            }
            else
            {
                _awaitingVerify[piece] = true;
            }
        }

        public void Verify(int piece)
        {
            _awaitingVerify[piece] = false;
            Start(new PieceVerifyJob(this, piece));
        }

        public void ReadBlock(PeerConnection peer, BlockRequest request)
        {
            var job = _freeReads.Count > 0 ? _freeReads.Pop() : new BlockReadJob(this);
            job.Peer = peer;
            job.Request = request;
            job.Offset = (long)request.Piece * _owner.PieceLength + request.Begin;
            job.Buffer = _context.Buffers.Rent(request.Length);
            peer.Uploads.InFlight++;
            Start(job);
        }

        /// <summary>Completes when every job handed out has come back.</summary>
        public Task WhenIdleAsync()
        {
            if (InFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }

        // In each completion, Finish() comes last: follow-up work (a verify) must be counted before
        // "idle" can be reported, or a stop could close files under a job still running.
        internal void OnBlockWritten(BlockWriteJob job, Exception? error)
        {
            int piece = job.Piece;
            _context.Buffers.Return(job.Buffer);
            job.Buffer = Array.Empty<byte>();
            PendingWriteBytes -= job.Length;
            _context.PendingWriteBytes -= job.Length;
            _pendingWrites[piece]--;
            _freeWrites.Push(job);
            try
            {
                if (error != null)
                {
                    _awaitingVerify[piece] = false;
                    _owner.OnStorageError(error, piece);
                }
                else if (_pendingWrites[piece] == 0 && _awaitingVerify[piece])
                {
                    Verify(piece);
                }

                _owner.OnWriteCompleted();
            }
            finally
            {
                Finish();
            }
        }

        internal void OnPieceVerified(PieceVerifyJob job, Exception? error)
        {
            try
            {
                if (error != null)
                {
                    _owner.OnStorageError(error, job.Piece);
                }
                else
                {
                    _owner.OnPieceHashed(job.Piece, job.Passed);
                }
            }
            finally
            {
                Finish();
            }
        }

        internal void OnBlockRead(BlockReadJob job, Exception? error)
        {
            var peer = job.Peer!;
            peer.Uploads.InFlight--;
            try
            {
                if (error is null && job.Succeeded)
                {
                    _owner.OnBlockReadForUpload(peer, job.Request, new ReadOnlySpan<byte>(job.Buffer, 0, job.Request.Length));
                }
                else if (error != null)
                {
                    _owner.OnStorageError(error, -1);
                }
            }
            finally
            {
                _context.Buffers.Return(job.Buffer);
                job.Buffer = Array.Empty<byte>();
                job.Peer = null;
                _freeReads.Push(job);
                Finish();
            }
        }

        private void Start(DiskJob job)
        {
            _context.DiskWorker.Enqueue(job);
            InFlight++;
        }

        private void Finish()
        {
            InFlight--;
            if (InFlight == 0 && _idle != null)
            {
                var idle = _idle;
                _idle = null;
                idle.TrySetResult(true);
            }
        }
    }
}
