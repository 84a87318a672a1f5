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

        // A magnet's AddTorrentOptions.FilePriorities, run once when the metadata arrives.
        private Func<MetainfoFile, FilePriority>? _choosePriorities;

        /// <summary>Our listen port (0 when not listening): peers exchange it, and it tells us our own endpoint apart.</summary>
        internal int LocalListenPort => _engine.ListenPort;

        /// <summary>
        /// Our BEP 10 handshake: the extensions we take (<c>ut_metadata</c>, and <c>ut_pex</c> unless the
        /// torrent is private), our listen port, request queue, metadata size, and the peer's address as
        /// we see it (<c>yourip</c>), which helps it learn its external address.
        /// </summary>
        /// <param name="peer">The peer it is for.</param>
        /// <param name="withdrawPeerExchange">A later handshake that turns <c>ut_pex</c> off (id 0) after it was offered.</param>
        internal byte[] CreateExtensionHandshake(PeerConnection peer, bool withdrawPeerExchange = false)
        {
            var ids = new List<KeyValuePair<string, int>>(2) { new KeyValuePair<string, int>("ut_metadata", LocalMetadataId) };
            if (Swarm.Exchange.IsEnabled)
            {
                ids.Add(new KeyValuePair<string, int>(PeerExchange.ExtensionName, PeerExchange.LocalId));
            }
            else if (withdrawPeerExchange)
            {
                ids.Add(new KeyValuePair<string, int>(PeerExchange.ExtensionName, 0));
            }

            var handshake = new ExtensionHandshake(ids)
            {
                ClientVersion = _context.Options.ClientVersion,
                RequestQueueLength = UploadQueue.Capacity,
                ListenPort = _engine.ListenPort > 0 ? _engine.ListenPort : (int?)null,
                MetadataSize = Metainfo?.InfoBytes.Length,
                YourIp = CompactAddress.ToBytes(peer.Address),
            };
            return handshake.Encode();
        }

        internal void OnExtendedMessage(PeerConnection peer, byte extendedId, ReadOnlySpan<byte> payload)
        {
            if (extendedId == 0)
            {
                // Later handshakes update the first (BEP 10): fields they leave out keep their values.
                var handshake = ExtensionHandshake.Parse(payload);
                if (peer.RemoteExtensions is null)
                {
                    peer.RemoteExtensions = handshake;
                }
                else
                {
                    peer.RemoteExtensions.Update(handshake);
                }

                if (handshake.RequestQueueLength is int reqq && reqq > 0)
                {
                    peer.Pipeline.SetRemoteLimit(reqq);
                }

                if (_metadataFetcher != null && handshake.MetadataSize is long size && RemoteMetadataId(peer) > 0)
                {
                    _metadataFetcher.OfferSize(size);
                    RequestMetadata(peer);
                }

                Swarm.Exchange.OnHandshake(peer);
                return;
            }

            if (extendedId == PeerExchange.LocalId)
            {
                Swarm.Exchange.OnMessage(peer, payload);
                return;
            }

            if (extendedId != LocalMetadataId)
            {
                // Extensions we did not offer: BEP 10 lets us ignore them.
                return;
            }

            var message = MetadataMessage.Parse(payload);
            switch (message.Type)
            {
                case MetadataMessageType.Request:
                    ServeMetadata(peer, message.Piece);
                    break;
                case MetadataMessageType.Data when _metadataFetcher != null:
                    switch (_metadataFetcher.OnData(peer, message.Piece, message.TotalSize, message.Data, out byte[]? info, out object? culprit))
                    {
                        case MetadataOutcome.Complete:
                            OnMetadataAssembled(info!);
                            break;
                        case MetadataOutcome.HashFailed:
                            OnMetadataHashFailed(culprit as PeerConnection);
                            break;
                        default:
                            RequestMetadata(peer);
                            break;
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
            if (fetcher is null || !fetcher.HasSize || remoteId <= 0 || peer.IsClosed
                || peer.RemoteExtensions!.MetadataSize != fetcher.Size)
            {
                // A peer that announced another size has other metadata (or lies); it is asked
                // again only if the assembly under way fails and its size is tried next.
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

        /// <summary>A magnet's files get their priorities from <paramref name="choose"/> when the metadata arrives, before any piece is requested.</summary>
        internal void ChoosePrioritiesOnMetadata(Func<MetainfoFile, FilePriority>? choose) => _choosePriorities = choose;

        private void OnMetadataHashFailed(PeerConnection? culprit)
        {
            if (culprit != null)
            {
                Log.Warning("Metadata from " + culprit.Endpoint + " does not hash to the info-hash; banning that peer");
                Swarm.Ban(culprit, "sent metadata that does not hash to the info-hash");
            }
            else
            {
                Log.Warning("Metadata assembled from several peers does not hash to the info-hash; fetching it again from one peer at a time");
            }

            var fetcher = _metadataFetcher!;
            foreach (var peer in Swarm.Peers)
            {
                if (!peer.IsClosed && peer.RemoteExtensions?.MetadataSize is long size)
                {
                    fetcher.OfferSize(size);
                }
            }

            for (int i = Swarm.Peers.Count - 1; i >= 0 && i < Swarm.Peers.Count; i--)
            {
                RequestMetadata(Swarm.Peers[i]);
            }
        }

        private static int RemoteMetadataId(PeerConnection peer) =>
            peer.RemoteExtensions?.GetMessageId("ut_metadata") ?? 0;

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

        /// <summary>A magnet's trackers, each in a tier of its own (a magnet link says nothing of tiers).</summary>
        internal static IReadOnlyList<IReadOnlyList<string>> MagnetTrackerTiers(MagnetLink? magnet)
        {
            var tiers = new List<IReadOnlyList<string>>();
            foreach (string tracker in magnet?.Trackers ?? (IReadOnlyList<string>)Array.Empty<string>())
            {
                tiers.Add(new[] { tracker });
            }

            return tiers;
        }

        private void OnMetadataAssembled(byte[] infoDictionary)
        {
            Metainfo metainfo;
            try
            {
                metainfo = Metainfo.FromInfoDictionary(infoDictionary, MagnetTrackerTiers(Magnet));
            }
            catch (TorrentFormatException ex)
            {
                _metadataFetcher = null;
                Fail("The metadata received from peers is not a usable torrent: " + ex.Message, ex);
                return;
            }

            FilePriority[]? priorities = null;
            Exception? choiceFailure = null;
            if (_choosePriorities is { } choose)
            {
                _choosePriorities = null;
                try
                {
                    priorities = FilePrioritySelection.Choose(metainfo, choose);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // The caller's function: its failure must not fetch the files it would have left out, so every
                    // file is skipped, and the torrent fails before the metadata makes it look complete.
                    choiceFailure = ex;
                    priorities = new FilePriority[metainfo.Files.Count];
                    Fail("Choosing the files to download failed: " + ex.Message, ex);
                }
            }

            _metadataFetcher = null;
            SetMetadata(metainfo, priorities);
            if (metainfo.IsPrivate)
            {
                // A magnet is public until its metadata says otherwise; from now on PEX is off both ways.
                Swarm.Exchange.Withdraw();
            }

            AddMetadataTrackers(metainfo);
            SaveMetadata();
            SaveProgress();
            Log.Info("Metadata received: " + metainfo.Files.Count + " file(s), " + metainfo.PieceCount + " pieces");
            _engine.RaiseMetadataReceived(this);
            if (choiceFailure != null)
            {
                return;
            }

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
                if (Storage is null)
                {
                    // Nowhere to store pieces: the torrent waits for a storage root, without peers.
                    Swarm.Stop("needs a storage root");
                    UpdateState();
                    return;
                }

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
