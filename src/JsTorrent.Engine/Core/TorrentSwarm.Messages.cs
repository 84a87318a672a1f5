using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <content>The reaction to each message a peer sends; anything malformed closes the connection.</content>
    internal sealed partial class TorrentSwarm
    {
        void IPeerConnectionHandler.OnMessage(PeerConnection peer, in PeerMessage message)
        {
            if (message.IsKeepAlive)
            {
                return;
            }

            switch (message.Id)
            {
                case PeerMessageId.Choke:
                    peer.PeerChoking = true;
                    peer.Pipeline.OnChoked();
                    if (!peer.SupportsFast)
                    {
                        // Without BEP 6 a choke silently drops every request; with it, rejects follow.
                        _torrent.Picker?.RemovePeerRequests(peer);
                    }

                    break;
                case PeerMessageId.Unchoke:
                    peer.PeerChoking = false;
                    RequestBlocks(peer);
                    break;
                case PeerMessageId.Interested:
                    peer.PeerInterested = true;
                    _choking.OnPeerInterested(_peers);
                    break;
                case PeerMessageId.NotInterested:
                    peer.PeerInterested = false;
                    break;
                case PeerMessageId.Have:
                    OnHave(peer, message.Index);
                    break;
                case PeerMessageId.Bitfield:
                    OnBitfield(peer, message.Payload);
                    break;
                case PeerMessageId.HaveAll:
                    RequireFast(peer);
                    OnFirstAvailability(peer);
                    OnHaveAll(peer);
                    break;
                case PeerMessageId.HaveNone:
                    RequireFast(peer);
                    OnFirstAvailability(peer);
                    break;
                case PeerMessageId.Request:
                    OnRequest(peer, new BlockRequest(message.Index, message.Begin, message.Length));
                    break;
                case PeerMessageId.Cancel:
                    if (peer.Uploads.Remove(message.Index, message.Begin, message.Length) && peer.SupportsFast)
                    {
                        peer.SendReject(message.Index, message.Begin, message.Length);
                    }

                    break;
                case PeerMessageId.Piece:
                    OnPiece(peer, message.Index, message.Begin, message.Payload);
                    break;
                case PeerMessageId.RejectRequest:
                    RequireFast(peer);
                    _torrent.Picker?.CancelRequest(peer, message.Index, message.Begin);
                    if (!peer.PeerChoking)
                    {
                        RequestBlocks(peer);
                    }

                    break;
                case PeerMessageId.AllowedFast:
                    RequireFast(peer);
                    if (_torrent.Layout is null || message.Index < _torrent.Layout.PieceCount)
                    {
                        peer.AllowedFast.Add(message.Index);
                    }

                    break;
                case PeerMessageId.Extended:
                    _torrent.OnExtendedMessage(peer, message.ExtendedId, message.Payload);
                    break;
                default:
                    // Port (DHT is off), Suggest (a hint we need not follow) and unknown ids are ignored, as BEP 3 asks.
                    break;
            }
        }

        private static void RequireFast(PeerConnection peer)
        {
            if (!peer.SupportsFast)
            {
                throw new PeerProtocolException("A fast-extension message from a peer that did not offer the fast extension.");
            }
        }

        private static void OnFirstAvailability(PeerConnection peer)
        {
            if (peer.ReceivedFirstMessage)
            {
                throw new PeerProtocolException("Bitfield, have-all or have-none after the first message.");
            }

            peer.ReceivedFirstMessage = true;
        }

        private void OnHave(PeerConnection peer, int piece)
        {
            peer.ReceivedFirstMessage = true;
            var pieces = peer.RemotePieces;
            if (peer.RemoteHasAll)
            {
                return;
            }

            if (pieces is null)
            {
                // Before the metadata the piece count is unknown: keep it (bounded) for when it is.
                peer.PendingHaves ??= new System.Collections.Generic.List<int>();
                if (peer.PendingHaves.Count < 100_000)
                {
                    peer.PendingHaves.Add(piece);
                }

                return;
            }

            if (piece >= pieces.Length)
            {
                throw new PeerProtocolException("Have names piece " + piece + " of " + pieces.Length + ".");
            }

            if (pieces[piece])
            {
                return;
            }

            pieces[piece] = true;
            _torrent.Picker!.AddPeerPiece(piece);
            if (pieces.IsAllSet)
            {
                SeedCount++;
            }

            if (!peer.AmInterested)
            {
                UpdateInterest(peer);
                RequestBlocks(peer);
            }
        }

        private void OnBitfield(PeerConnection peer, System.ReadOnlySpan<byte> bits)
        {
            OnFirstAvailability(peer);
            if (peer.RemotePieces is null)
            {
                peer.PendingBitfield = bits.ToArray();
                return;
            }

            if (!Bitfield.TryReadWire(bits, peer.RemotePieces.Length, out var received))
            {
                throw new PeerProtocolException("The bitfield has the wrong length or spare bits set.");
            }

            peer.RemotePieces.CopyFrom(received!);
            if (!peer.RemotePieces.IsEmpty)
            {
                _torrent.Picker!.AddPeer(peer.RemotePieces);
                SeedCount += peer.RemotePieces.IsAllSet ? 1 : 0;
            }

            UpdateInterest(peer);
        }

        private void OnHaveAll(PeerConnection peer)
        {
            peer.RemoteHasAll = true;
            SeedCount++;
            if (peer.RemotePieces != null)
            {
                peer.RemotePieces.SetAll();
                _torrent.Picker!.AddSeed();
                UpdateInterest(peer);
            }
        }

        private void OnPiece(PeerConnection peer, int piece, int begin, System.ReadOnlySpan<byte> block)
        {
            var picker = _torrent.Picker;
            if (picker is null || _torrent.Io is null)
            {
                throw new PeerProtocolException("A piece message before the metadata is known.");
            }

            long now = _context.Clock.NowMs;
            _cancelScratch.Clear();
            var result = picker.OnBlockReceived(peer, piece, begin, block.Length, _cancelScratch, out bool pieceComplete);
            if (result == BlockReceiveResult.Invalid)
            {
                throw new PeerProtocolException("A block that is not on a block boundary of piece " + piece + ".");
            }

            if (result != BlockReceiveResult.Accepted)
            {
                _torrent.WastedBytes += block.Length;
                return;
            }

            _torrent.Io.WriteBlock(piece, begin, block);
            peer.PayloadDownloaded += block.Length;
            peer.DownloadRate.Add(block.Length, now);
            peer.Pipeline.OnBlockReceived(now);
            _torrent.OnPayloadReceived(block.Length, now);
            foreach (var other in _cancelScratch)
            {
                var otherPeer = (PeerConnection)other;
                otherPeer.SendCancel(piece, begin, block.Length);
                otherPeer.Flush();
            }

            if (pieceComplete)
            {
                _torrent.Io.PieceReceived(piece);
            }

            RequestBlocks(peer);
        }
    }
}
