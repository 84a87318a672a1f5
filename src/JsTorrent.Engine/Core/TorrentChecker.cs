using System;
using System.Collections.Generic;
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
        private readonly IReadOnlyList<int>? _pieces;
        private readonly int _window;
        private readonly IProgress<double>? _progress;
        private bool _cancelled;
        private int _inFlight;
        private readonly TaskCompletionSource<bool> _done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _next;
        private int _finished;

        /// <summary>A check of every piece, or of the given ones (the unsure pieces of a restored torrent).</summary>
        /// <param name="torrent">The torrent whose picker learns the results.</param>
        /// <param name="io">Its disk access.</param>
        /// <param name="pieceCount">Its piece count.</param>
        /// <param name="pieces">The pieces to check; null for every piece of <paramref name="pieceCount"/>.</param>
        /// <param name="window">Hashes in flight at once.</param>
        /// <param name="progress">Receives the checked share.</param>
        public TorrentChecker(Torrent torrent, PieceIo io, int pieceCount, IReadOnlyList<int>? pieces, int window, IProgress<double>? progress)
        {
            _torrent = torrent;
            _io = io;
            _pieces = pieces;
            _pieceCount = pieces?.Count ?? pieceCount;
            _window = Math.Max(1, window);
            _progress = progress;
        }

        /// <summary>Checks every piece.</summary>
        /// <returns>True when all were checked; false when <see cref="Cancel"/> cut it short (after the hashes in flight came back).</returns>
        public Task<bool> RunAsync()
        {
            if (_pieceCount == 0)
            {
                _done.TrySetResult(true);
            }

            while (_next < _pieceCount && _next < _window)
            {
                StartNext();
            }

            return _done.Task;
        }

        /// <summary>Stops issuing hashes; the check ends when those in flight return.</summary>
        public void Cancel()
        {
            _cancelled = true;
            if (_inFlight == 0)
            {
                _done.TrySetResult(false);
            }
        }

        public void OnHashed(int piece, bool passed)
        {
            _inFlight--;
            if (passed)
            {
                _torrent.Picker!.MarkVerified(piece);
            }

            _finished++;
            double share = (double)_finished / _pieceCount;
            _torrent.OnCheckProgress(share);
            _progress?.Report(share);
            if (_cancelled)
            {
                if (_inFlight == 0)
                {
                    _done.TrySetResult(false);
                }
            }
            else if (_next < _pieceCount)
            {
                StartNext();
            }
            else if (_finished == _pieceCount)
            {
                _done.TrySetResult(true);
            }
        }

        /// <summary>A hash could not be taken (the storage failed): the check ends once nothing is in flight.</summary>
        public void OnFailed()
        {
            _inFlight--;
            _cancelled = true;
            if (_inFlight == 0)
            {
                _done.TrySetResult(false);
            }
        }

        private void StartNext()
        {
            _inFlight++;
            int index = _next++;
            _io.Verify(_pieces is null ? index : _pieces[index]);
        }
    }
}
