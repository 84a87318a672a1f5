using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Core
{
    /// <content>
    /// The torrent's trackers: a <see cref="TrackerManager"/> started and stopped with the swarm,
    /// told of completion and of a magnet's metadata, feeding the peers it learns to the connector.
    /// </content>
    public sealed partial class Torrent : ITrackerOwner
    {
        /// <summary>While downloading with fewer connected peers than this, announces come sooner.</summary>
        private const int FewPeers = 5;

        private readonly TrackerManager _trackers;

        InfoHash ITrackerOwner.InfoHash => InfoHash;

        bool ITrackerOwner.NeedsPeers =>
            Swarm.Running && !IsSeeding && Swarm.Peers.Count < Math.Min(FewPeers, _context.Limits.Options.MaxConnectionsPerTorrent);

        internal TrackerManager Trackers => _trackers;

        /// <summary>A snapshot of the torrent's trackers, tier by tier, in the order they are tried.</summary>
        /// <returns>One entry per tracker URL, unsupported ones included.</returns>
        public Task<IReadOnlyList<TrackerStatus>> GetTrackersAsync() =>
            _context.Loop.InvokeAsync(() => Task.FromResult(_trackers.Snapshot(_context.Clock.NowMs, DateTimeOffset.UtcNow)));

        /// <summary>
        /// Announces again to the tracker in use of every tier: now, or when the tracker's minimum
        /// interval since the last announce has passed if that is later. Does nothing while stopped.
        /// </summary>
        /// <returns>Completes when the announces are scheduled (they go out on the next tick).</returns>
        public Task AnnounceNowAsync() => _context.Loop.InvokeAsync(() =>
        {
            _trackers.AnnounceNow(_context.Clock.NowMs);
            return Task.CompletedTask;
        });

        /// <summary>Adds a tracker; a running torrent announces to it on the next tick. A URL already present is left as it is.</summary>
        /// <param name="url">The announce URL (http, https or udp).</param>
        /// <param name="tier">The tier (from 0) to join; null or past the last tier makes a tier of its own after the others.</param>
        /// <returns>Completes when the tracker is added.</returns>
        /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute URL.</exception>
        /// <exception cref="InvalidOperationException">The torrent is private (BEP 27): it uses only the trackers of its metadata.</exception>
        public Task AddTrackerAsync(string url, int? tier = null)
        {
            if (url is null)
            {
                throw new ArgumentNullException(nameof(url));
            }

            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out _))
            {
                throw new ArgumentException("Not an absolute tracker URL: " + url, nameof(url));
            }

            return _context.Loop.InvokeAsync(() =>
            {
                if (Metainfo?.IsPrivate == true)
                {
                    throw new InvalidOperationException(Name + " is private: it uses only the trackers in its metadata.");
                }

                if (_trackers.AddTracker(url, tier))
                {
                    Log.Info("Added tracker " + url.Trim());
                }

                return Task.CompletedTask;
            });
        }

        AnnounceRequest ITrackerOwner.CreateAnnounceRequest() => new AnnounceRequest(InfoHash, _context.LocalPeerId, _engine.ListenPort)
        {
            Uploaded = BytesUploaded,
            Downloaded = BytesDownloaded,
            Left = Metainfo is null ? -1 : Math.Max(0, WantedSize - VerifiedBytes),
        };

        void ITrackerOwner.OnPeersReceived(IReadOnlyList<TrackerPeer> peers)
        {
            foreach (var peer in peers)
            {
                Swarm.Connector.AddPeer(peer.Host, peer.Port);
            }

            Swarm.Connector.ConnectMore();
        }

        /// <summary>Sends stopped to the trackers now (the engine does it for all torrents at once before stopping them one by one).</summary>
        /// <returns>Completes within the stopped-announce deadline; never faults.</returns>
        internal Task StopTrackers() => _trackers.Stop();

        /// <summary>The metadata's tiers, then the magnet's trackers each in a tier of its own (not for a private torrent).</summary>
        private TrackerManager CreateTrackerManager(Metainfo? metainfo, MagnetLink? magnet)
        {
            var log = _context.Log.CreateLogger(LogComponents.Tracker, InfoHash.ToString());
            var manager = new TrackerManager(this, _context.TrackerClients, _context.Options.Trackers, _context.Random, _context.TrackerKey, () => _context.Clock.NowMs, log);
            if (metainfo != null)
            {
                manager.AddTiers(metainfo.AnnounceTiers);
            }

            if (magnet != null && metainfo?.IsPrivate != true)
            {
                foreach (string url in magnet.Trackers)
                {
                    manager.AddTiers(new[] { new[] { url } });
                }
            }

            return manager;
        }

        /// <summary>
        /// A magnet's metadata arrived: the magnet's trackers stay and the metadata's are added
        /// (no duplicates). A private torrent keeps only its metadata's trackers.
        /// </summary>
        private void AddMetadataTrackers(Metainfo metainfo)
        {
            _trackers.AddTiers(metainfo.AnnounceTiers);
            if (metainfo.IsPrivate)
            {
                var urls = new List<string>();
                foreach (var tier in metainfo.AnnounceTiers)
                {
                    urls.AddRange(tier);
                }

                _trackers.RetainOnly(urls);
            }
        }
    }
}
