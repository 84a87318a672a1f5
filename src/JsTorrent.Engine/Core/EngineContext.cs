using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Swarm;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Protocol.Wire;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Http;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Engine.Core
{
    /// <summary>What every torrent of one engine shares: its loop, clock, pools, workers, limits and log.</summary>
    internal sealed class EngineContext
    {
        private bool _shuttingDown;

        public EngineContext(EngineOptions options, EngineLoop loop, EngineLog log)
        {
            Options = options;
            Loop = loop;
            Log = log;
            SocketFactory = options.SocketFactory!;
            LocalPeerId = options.PeerId ?? PeerId.Generate();
            Random = options.RandomSeed.HasValue ? new Random(options.RandomSeed.Value) : new Random();
            TrackerKey = (uint)Random.Next() ^ ((uint)Random.Next() << 16);

            // Every UDP tracker of this engine shares one socket; its own Random, because it is used off the loop.
            UdpTrackers = new UdpTrackerSocket(SocketFactory, new Random(Random.Next()), log.CreateLogger(LogComponents.Tracker));
            TrackerClients = options.TrackerClientFactory ?? new TrackerClientFactory(new[]
            {
                TrackerScheme("http", url => new HttpTrackerClient(url, SocketFactory, options.Trackers, options.ClientVersion)),
                TrackerScheme("https", url => new HttpTrackerClient(url, SocketFactory, options.Trackers, options.ClientVersion)),
                TrackerScheme("udp", url => new UdpTrackerClient(url, UdpTrackers, options.Trackers, () => Clock.NowMs)),
            });
            // Enough blocks for a full disk queue plus the reads of a busy seeder.
            Buffers = new EngineBufferPool((int)Math.Min(int.MaxValue, options.MaxPendingWriteBytes / EngineBufferPool.BlockSize) + 1024);
            DiskWorker = new DiskWorker(options.DiskWorkers, loop);
            Limits = new ConnectionLimits(new ConnectionLimitsOptions
            {
                MaxConnections = options.MaxConnections,
                MaxConnectionsPerTorrent = options.MaxConnectionsPerTorrent,
                IncomingShare = options.IncomingConnectionShare,
                MaxPendingIncoming = options.MaxPendingIncoming,
            });
            DownloadLimit = new RateLimitSetting(loop, options.DownloadRateLimit);
            UploadLimit = new RateLimitSetting(loop, options.UploadRateLimit);
            Session = options.SessionStore is null ? null : new SessionWriter(options.SessionStore, log.CreateLogger(LogComponents.Session));
        }

        /// <summary>Writes session records off the loop; null when the engine keeps no session.</summary>
        public SessionWriter? Session { get; }

        public EngineOptions Options { get; }

        public EngineLoop Loop { get; }

        public EngineLog Log { get; }

        public EngineClock Clock { get; } = new EngineClock();

        public EngineBufferPool Buffers { get; }

        public DiskWorker DiskWorker { get; }

        public ISocketFactory SocketFactory { get; }

        public PeerId LocalPeerId { get; }

        /// <summary>Extension protocol and fast extension; no DHT.</summary>
        public ReservedBits LocalReserved { get; } = ReservedBits.Ours;

        public Random Random { get; }

        public ConnectionLimits Limits { get; }

        /// <summary>Makes the client for each tracker URL; shared by every torrent (UDP trackers share one socket).</summary>
        public ITrackerClientFactory TrackerClients { get; }

        /// <summary>The socket every UDP tracker client of this engine sends and receives through; disposed with the engine.</summary>
        public UdpTrackerSocket UdpTrackers { get; }

        /// <summary>The announce <c>key</c>: random per engine, so trackers recognise us when our address changes.</summary>
        public uint TrackerKey { get; }

        public PeerBanList Bans { get; } = new PeerBanList();

        public RateLimitSetting DownloadLimit { get; }

        public RateLimitSetting UploadLimit { get; }

        public ConnectionTracker Connections { get; } = new ConnectionTracker();

        public RateMeter DownloadRate { get; } = new RateMeter();

        /// <summary>Every byte received from peers, messages and handshakes included.</summary>
        public RateMeter ProtocolDownloadRate { get; } = new RateMeter();

        /// <summary>Every byte sent to peers, messages and handshakes included.</summary>
        public RateMeter ProtocolUploadRate { get; } = new RateMeter();

        public RateMeter UploadRate { get; } = new RateMeter();

        /// <summary>Bytes of received blocks handed to the disk and not yet written, over all torrents.</summary>
        public long PendingWriteBytes { get; set; }

        /// <summary>Set once disposal began: nothing may start any more.</summary>
        public bool ShuttingDown
        {
            get => System.Threading.Volatile.Read(ref _shuttingDown);
            set => System.Threading.Volatile.Write(ref _shuttingDown, value);
        }

        /// <summary>Set while the engine is suspended: every torrent is stopped but keeps its user state.</summary>
        public bool Suspended { get; set; }

        private static KeyValuePair<string, Func<Uri, ITrackerClient>> TrackerScheme(string scheme, Func<Uri, ITrackerClient> create) =>
            new KeyValuePair<string, Func<Uri, ITrackerClient>>(scheme, create);
    }
}
