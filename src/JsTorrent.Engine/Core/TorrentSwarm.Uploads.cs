using System;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <content>Serving blocks to peers: requests are queued per peer and read from disk a few at a time.</content>
    internal sealed partial class TorrentSwarm
    {
        private const int MaxReadsInFlightPerPeer = 16;
        private const int MaxRequestLength = 128 * 1024;

        /// <summary>A block read for upload came back from the disk.</summary>
        public void SendBlock(PeerConnection peer, BlockRequest request, ReadOnlySpan<byte> block)
        {
            if (peer.IsClosed)
            {
                return;
            }

            if (peer.AmChoking)
            {
                // BEP 6: every request of a fast peer is answered, with the block or a reject.
                if (peer.SupportsFast)
                {
                    peer.SendReject(request.Piece, request.Begin, request.Length);
                    peer.Flush();
                }

                return;
            }

            peer.SendPiece(request.Piece, request.Begin, block);
            long now = _context.Clock.NowMs;
            peer.PayloadUploaded += block.Length;
            peer.UploadRate.Add(block.Length, now);
            _torrent.OnPayloadSent(block.Length, now);
            ServeUploads(peer);
            peer.FlushWhenDrained();
        }

        private void OnRequest(PeerConnection peer, BlockRequest request)
        {
            var layout = _torrent.Layout;
            var picker = _torrent.Picker;
            if (layout is null || picker is null)
            {
                throw new PeerProtocolException("A request before the metadata is known.");
            }

            if (request.Piece >= layout.PieceCount || request.Length <= 0 || request.Length > MaxRequestLength
                || (long)request.Begin + request.Length > layout.GetPieceSize(request.Piece))
            {
                throw new PeerProtocolException("A request outside piece " + request.Piece + ".");
            }

            bool refuse = peer.AmChoking || !picker.Verified[request.Piece] || !peer.Uploads.TryEnqueue(request);
            if (refuse)
            {
                if (peer.SupportsFast)
                {
                    peer.SendReject(request.Piece, request.Begin, request.Length);
                }

                return;
            }

            ServeUploads(peer);
        }

        private void ServeUploads(PeerConnection peer)
        {
            var io = _torrent.Io;
            if (io is null || peer.IsClosed)
            {
                return;
            }

            long now = _context.Clock.NowMs;
            while (peer.QueuedSendBytes < PeerConnection.SendHighWater
                && peer.Uploads.InFlight < MaxReadsInFlightPerPeer
                && peer.Uploads.TryPeek(out var request))
            {
                if (!TokenBucket.TryTakeBoth(_context.UploadLimit.Bucket, _torrent.UploadLimit.Bucket, request.Length, now))
                {
                    // The tick retries once the buckets refill.
                    return;
                }

                peer.Uploads.TryDequeue(out request);
                io.ReadBlock(peer, request);
            }
        }

        private void RejectQueuedUploads(PeerConnection peer)
        {
            while (peer.Uploads.TryDequeue(out var request))
            {
                if (peer.SupportsFast)
                {
                    peer.SendReject(request.Piece, request.Begin, request.Length);
                }
            }
        }
    }
}
