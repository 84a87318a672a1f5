using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <content>What happens when the disk reports back: verified and failed pieces, upload reads, errors.</content>
    public sealed partial class Torrent : IPieceIoOwner
    {
        /// <summary>A peer that helped with this many failed pieces is banned even when others helped too.</summary>
        private const int HashFailuresBeforeBan = 3;

        private readonly List<object> _contributors = new List<object>();

        int IPieceIoOwner.PieceLength => Layout!.PieceLength;

        void IPieceIoOwner.OnPieceHashed(int piece, bool passed)
        {
            // A check's own results go to it first, even after a removal: it counts them to finish.
            if (_checker != null)
            {
                _checker.OnHashed(piece, passed);
                return;
            }

            if (_removed)
            {
                return;
            }

            var picker = Picker!;
            if (passed)
            {
                picker.MarkVerified(piece);
                VerifiedPieceCount = picker.Verified.CountSet;
                if (picker.IsWanted(piece))
                {
                    VerifiedBytes += Layout!.GetPieceSize(piece);
                }

                Swarm.OnPieceVerified(piece);
                OnVerifiedChanged();
                _engine.RaisePieceVerified(this, piece, true);
                if (picker.IsCompleteForWanted)
                {
                    OnCompleted();
                }

                return;
            }

            _contributors.Clear();
            picker.MarkFailed(piece, _contributors);
            WastedBytes += Layout!.GetPieceSize(piece);
            Log.Warning("Piece " + piece + " failed its hash check (" + _contributors.Count + " peer(s) sent it)");
            // After a storage failure the bad bytes may be ours, not the peers'.
            foreach (var contributor in ErrorMessage is null ? (IReadOnlyList<object>)_contributors : Array.Empty<object>())
            {
                var peer = (PeerConnection)contributor;
                peer.HashFailures++;
                if (_contributors.Count == 1 || peer.HashFailures >= HashFailuresBeforeBan)
                {
                    Swarm.Ban(peer, "sent data for piece " + piece + " that failed its hash");
                }
            }

            _engine.RaisePieceVerified(this, piece, false);
            Swarm.ResumeRequesting();
        }

        void IPieceIoOwner.OnStorageError(Exception error, int piece)
        {
            if (_checker != null)
            {
                _checker.OnFailed();
            }
            else if (piece >= 0 && !_removed)
            {
                // The piece's bytes on disk are unknown now: forget what was received, without blaming its peers.
                Picker!.MarkFailed(piece, null);
            }

            Fail("Storage failed: " + error.Message, error);
        }

        void IPieceIoOwner.OnBlockReadForUpload(PeerConnection peer, BlockRequest request, ReadOnlySpan<byte> block) =>
            Swarm.SendBlock(peer, request, block);

        void IPieceIoOwner.OnWriteCompleted()
        {
            // Requesting pauses while the disk lags; once it has caught up by a quarter, it resumes.
            if (_context.PendingWriteBytes <= _context.Options.MaxPendingWriteBytes * 3 / 4 && Swarm.Running && Io!.PendingWriteBytes == 0)
            {
                Swarm.ResumeRequesting();
            }
        }

        internal void OnCheckProgress(double share) => CheckProgress = share;

        private void OnCompleted()
        {
            if (CompletedAt is null)
            {
                CompletedAt = DateTimeOffset.UtcNow;
            }

            Log.Info("Download complete");

            // Make the finished download durable in the session soon, not one sync interval later.
            _syncedMs = long.MinValue / 2;
            _trackers.OnDownloadCompleted();
            UpdateState();
            _engine.RaiseCompleted(this);
        }

        private void RefreshVerifiedBytes()
        {
            var picker = Picker;
            var layout = Layout;
            if (picker is null || layout is null)
            {
                return;
            }

            long wanted = 0;
            long verified = 0;
            for (int piece = 0; piece < layout.PieceCount; piece++)
            {
                if (!picker.IsWanted(piece))
                {
                    continue;
                }

                int size = layout.GetPieceSize(piece);
                wanted += size;
                if (picker.Verified[piece])
                {
                    verified += size;
                }
            }

            WantedSize = wanted;
            VerifiedBytes = verified;
            VerifiedPieceCount = picker.Verified.CountSet;
        }
    }
}
