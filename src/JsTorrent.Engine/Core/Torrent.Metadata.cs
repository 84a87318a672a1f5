using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <content>
    /// The extension protocol (BEP 10) and metadata exchange (BEP 9): a magnet's info dictionary
    /// is fetched from peers, a few pieces per peer, verified against the info-hash, and then the
    /// same connections go on to exchange pieces. Metadata we have is served to peers that ask.
    /// </content>
    public sealed partial class Torrent
    {
        /// <summary>Our id for <c>ut_metadata</c> messages (peers send with it; we send with theirs).</summary>
        internal const byte LocalMetadataId = 1;

        private const int MetadataRequestsPerPeer = 4;

        private MetadataFetcher? _metadataFetcher;

        internal byte[] CreateExtensionHandshake(PeerConnection peer)
        {
            var handshake = new ExtensionHandshake(new[] { new KeyValuePair<string, int>("ut_metadata", LocalMetadataId) })
            {
                ClientVersion = _context.Options.ClientVersion,
                RequestQueueLength = UploadQueue.Capacity,
                ListenPort = _engine.ListenPort > 0 ? _engine.ListenPort : (int?)null,
                MetadataSize = Metainfo?.InfoBytes.Length,
            };
            return handshake.Encode();
        }

        internal void OnExtendedMessage(PeerConnection peer, byte extendedId, ReadOnlySpan<byte> payload)
        {
            if (extendedId == 0)
            {
                var handshake = ExtensionHandshake.Parse(payload);
                peer.RemoteExtensions = handshake;
                if (handshake.RequestQueueLength is int reqq && reqq > 0)
                {
                    peer.Pipeline.SetRemoteLimit(reqq);
                }

                if (_metadataFetcher != null && handshake.MetadataSize is long size && RemoteMetadataId(peer) > 0)
                {
                    _metadataFetcher.OfferSize(size);
                    RequestMetadata(peer);
                }

                return;
            }

            if (extendedId != LocalMetadataId)
            {
                // ut_pex arrives with the trackers; other extensions are not ours.
                return;
            }

            var message = MetadataMessage.Parse(payload);
            switch (message.Type)
            {
                case MetadataMessageType.Request:
                    ServeMetadata(peer, message.Piece);
                    break;
                case MetadataMessageType.Data when _metadataFetcher != null:
                    var info = _metadataFetcher.OnData(message.Piece, message.TotalSize, message.Data);
                    if (info != null)
                    {
                        OnMetadataAssembled(info);
                    }
                    else
                    {
                        RequestMetadata(peer);
                    }

                    break;
                case MetadataMessageType.Reject:
                    _metadataFetcher?.Forget(peer);
                    break;
                default:
                    break;
            }
        }

        /// <summary>Asks a peer for metadata pieces, a few at a time (also from the tick, to retry unanswered ones).</summary>
        internal void RequestMetadata(PeerConnection peer)
        {
            int remoteId = RemoteMetadataId(peer);
            var fetcher = _metadataFetcher;
            if (fetcher is null || !fetcher.HasSize || remoteId <= 0 || peer.IsClosed)
            {
                return;
            }

            long now = _context.Clock.NowMs;
            while (fetcher.CountRequests(peer) < MetadataRequestsPerPeer && fetcher.TryPickRequest(peer, now, out int piece))
            {
                peer.SendExtended((byte)remoteId, MetadataMessage.EncodeRequest(piece));
            }

            peer.Flush();
        }

        internal void OnPeerClosed(PeerConnection peer) => _metadataFetcher?.Forget(peer);

        private static int RemoteMetadataId(PeerConnection peer) =>
            peer.RemoteExtensions != null && peer.RemoteExtensions.MessageIds.TryGetValue("ut_metadata", out int id) && id > 0 && id < 256 ? id : 0;

        private void ServeMetadata(PeerConnection peer, int piece)
        {
            int remoteId = RemoteMetadataId(peer);
            if (remoteId <= 0)
            {
                return;
            }

            var info = Metainfo?.InfoBytes;
            long offset = (long)piece * MetadataMessage.PieceSize;
            if (info is null || offset >= info.Length)
            {
                peer.SendExtended((byte)remoteId, MetadataMessage.EncodeReject(piece));
            }
            else
            {
                int length = (int)Math.Min(MetadataMessage.PieceSize, info.Length - offset);
                peer.SendExtended((byte)remoteId, MetadataMessage.EncodeData(piece, info.Length, new ReadOnlySpan<byte>(info, (int)offset, length)));
            }

            peer.Flush();
        }

        private void OnMetadataAssembled(byte[] infoDictionary)
        {
            Metainfo metainfo;
            try
            {
                var tiers = new List<IReadOnlyList<string>>();
                foreach (string tracker in Magnet?.Trackers ?? (IReadOnlyList<string>)Array.Empty<string>())
                {
                    tiers.Add(new[] { tracker });
                }

                metainfo = Metainfo.FromInfoDictionary(infoDictionary, tiers);
            }
            catch (TorrentFormatException ex)
            {
                _metadataFetcher = null;
                Fail("The metadata received from peers is not a usable torrent: " + ex.Message, ex);
                return;
            }

            _metadataFetcher = null;
            SetMetadata(metainfo);
            AddMetadataTrackers(metainfo);
            Log.Info("Metadata received: " + metainfo.Files.Count + " file(s), " + metainfo.PieceCount + " pieces");
            _engine.RaiseMetadataReceived(this);
            _ = ContinueWithMetadataAsync();
        }

        /// <remarks>
        /// The connections stay and the swarm goes on to pieces once the files are prepared. Files
        /// already on disk are checked first, through the normal start (which checks, prepares and
        /// starts). Failures end in the error state.
        /// </remarks>
        private async Task ContinueWithMetadataAsync()
        {
            await _lifecycle.WaitAsync().ConfigureAwait(true);
            try
            {
                int activation = _activation;
                if (!Swarm.Running)
                {
                    // Stopped meanwhile: the next start checks and prepares as usual.
                    UpdateState();
                    return;
                }

                if (await AnyContentOnDiskAsync().ConfigureAwait(true) && activation == _activation)
                {
                    Swarm.Stop("checking files already on disk");
                    await Io!.WhenIdleAsync().ConfigureAwait(true);
                    await ActivateHeldAsync().ConfigureAwait(true);
                    return;
                }

                if (activation == _activation)
                {
                    _checkedOnce = true;
                    await Storage!.PrepareAsync(default).ConfigureAwait(true);
                }

                if (activation == _activation)
                {
                    Swarm.OnMetadataReceived();
                }

                UpdateState();
            }
            catch (StorageException ex)
            {
                Fail("Cannot prepare the files: " + ex.Message, ex);
            }
            finally
            {
                _lifecycle.Release();
            }
        }
    }
}
