using System;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// Verifies every piece of a torrent against its hash, a few at a time on the disk workers,
    /// marking the ones that pass. Progress is the share of pieces checked.
    /// </summary>
    internal sealed class TorrentChecker
    {
        private readonly Torrent _torrent;
        private readonly PieceIo _io;
        private readonly int _pieceCount;
        private readonly int _window;
        private readonly IProgress<double>? _progress;
        private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _next;
        private int _finished;

        public TorrentChecker(Torrent torrent, PieceIo io, int pieceCount, int window, IProgress<double>? progress)
        {
            _torrent = torrent;
            _io = io;
            _pieceCount = pieceCount;
            _window = Math.Max(1, window);
            _progress = progress;
        }

        public Task RunAsync()
        {
            if (_pieceCount == 0)
            {
                _done.TrySetResult(true);
            }

            while (_next < _pieceCount && _next < _window)
            {
                _io.Verify(_next++);
            }

            return _done.Task;
        }

        public void OnHashed(int piece, bool passed)
        {
            if (passed)
            {
                _torrent.Picker!.MarkVerified(piece);
            }

            _finished++;
            double share = (double)_finished / _pieceCount;
            _torrent.OnCheckProgress(share);
            _progress?.Report(share);
            if (_next < _pieceCount)
            {
                _io.Verify(_next++);
            }
            else if (_finished == _pieceCount)
            {
                _done.TrySetResult(true);
            }
        }

        public void OnFailed(Exception error) => _done.TrySetException(error);
    }
}
