using System;
using System.Collections.Generic;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Storage;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// Everything a <see cref="BtEngine"/> is built from: its adapters (sockets, files, session
    /// store) and its limits. Presets fill these in; tests set what they need.
    /// </summary>
    public sealed class EngineOptions
    {
        /// <summary>Makes every socket the engine uses. Required.</summary>
        public ISocketFactory? SocketFactory { get; set; }

        /// <summary>Where torrent content goes when a torrent names no file system of its own: the download root.</summary>
        public IFileSystem? FileSystem { get; set; }

        /// <summary>Resume data store; null keeps nothing between runs.</summary>
        public ISessionStore? SessionStore { get; set; }

        /// <summary>Dispose <see cref="SessionStore"/> (if it is disposable) when the engine is disposed, after the last write.</summary>
        public bool DisposeSessionStore { get; set; }

        /// <summary>
        /// Makes the file system of a storage root (the native preset opens the root's folder). Null means
        /// only <see cref="FileSystem"/> and per-torrent file systems are available.
        /// </summary>
        public Func<StorageRoot, IFileSystem>? StorageRootFileSystemFactory { get; set; }

        /// <summary>Storage roots to register at start, in addition to those saved in the session.</summary>
        public IList<StorageRoot> StorageRoots { get; } = new List<StorageRoot>();

        /// <summary>Token or label of the root that becomes the default at start; null keeps the session's default.</summary>
        public string? DefaultStorageRoot { get; set; }

        /// <summary>
        /// Least time between two saves of a torrent's verified pieces (they coalesce in between). A crash
        /// loses at most this much verification work, never data.
        /// </summary>
        public TimeSpan SessionSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// How often a downloading torrent's files are flushed to the device (fsync), turning the pieces
        /// verified before the flush durable in the session; pieces verified since are re-hashed after a
        /// crash. Stopping a torrent always flushes.
        /// </summary>
        public TimeSpan ContentSyncInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>TCP port for incoming peers; 0 lets the socket factory choose; null does not listen.</summary>
        public int? ListenPort { get; set; } = 0;

        /// <summary>Tracker time-outs, intervals and limits.</summary>
        public TrackerOptions Trackers { get; set; } = new TrackerOptions();

        /// <summary>Replaces the engine's tracker client factory (tests give fake trackers); null uses the default.</summary>
        internal ITrackerClientFactory? TrackerClientFactory { get; set; }

        /// <summary>Our peer id; null makes a fresh one.</summary>
        public PeerId? PeerId { get; set; }

        /// <summary>Most peer connections over all torrents.</summary>
        public int MaxConnections { get; set; } = 200;

        /// <summary>Most peer connections per torrent.</summary>
        public int MaxConnectionsPerTorrent { get; set; } = 20;

        /// <summary>Share of a torrent's connection slots that incoming connections may take (0..1).</summary>
        public double IncomingConnectionShare { get; set; } = 0.6;

        /// <summary>Most incoming connections still in their handshake.</summary>
        public int MaxPendingIncoming { get; set; } = 50;

        /// <summary>Upload slots per torrent: the tit-for-tat slots plus one optimistic slot.</summary>
        public int UploadSlots { get; set; } = 4;

        /// <summary>How often the choker re-ranks peers.</summary>
        public TimeSpan RechokeInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long an optimistic unchoke lasts before it rotates.</summary>
        public TimeSpan OptimisticUnchokeInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>A block request not answered in this time is asked of another peer.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Time allowed to connect and finish the handshake.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>A connection that has received nothing (not even a keep-alive) for this long is closed.</summary>
        public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>A keep-alive is sent when nothing else was sent for this long.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(90);

        /// <summary>Period of the engine's housekeeping tick (timeouts, choking, connecting, rates).</summary>
        public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>Global payload download limit in bytes per second; 0 is unlimited.</summary>
        public long DownloadRateLimit { get; set; }

        /// <summary>Global payload upload limit in bytes per second; 0 is unlimited.</summary>
        public long UploadRateLimit { get; set; }

        /// <summary>Most bytes of received blocks waiting for the disk before requesting stops (back-pressure under a slow disk).</summary>
        public long MaxPendingWriteBytes { get; set; } = 8L * 1024 * 1024;

        /// <summary>Concurrent disk and hashing workers.</summary>
        public int DiskWorkers { get; set; } = 2;

        /// <summary>Most file handles each torrent keeps open.</summary>
        public int MaxOpenFilesPerTorrent { get; set; } = 8;

        /// <summary>Seed for the engine's random choices (tie-breaks, optimistic unchoke); null uses a random seed.</summary>
        public int? RandomSeed { get; set; }

        /// <summary>Entries kept by the engine's log ring buffer.</summary>
        public int LogCapacity { get; set; } = 1000;

        /// <summary>Lowest level that is logged.</summary>
        public LogLevel LogLevel { get; set; } = LogLevel.Information;

        /// <summary>Per-component overrides of <see cref="LogLevel"/>, e.g. <c>"peer" = Debug</c> (component names are in <see cref="LogComponents"/>).</summary>
        public IDictionary<string, LogLevel> ComponentLogLevels { get; } = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Receives every log entry as it is written (the design's <c>onLog</c>); called on the thread that logged.</summary>
        public Action<LogEntry>? OnLog { get; set; }

        /// <summary>
        /// Exchange peer addresses with connected peers (BEP 11 <c>ut_pex</c>). Private torrents never
        /// do, whatever this says. Default true.
        /// </summary>
        public bool EnablePeerExchange { get; set; } = true;

        /// <summary>
        /// Least time between two peer-exchange messages to the same peer (BEP 11 asks for one
        /// minute, the default). The first message goes right after the peer's extension handshake.
        /// Peers that send to us much more often than this have their extra messages ignored.
        /// </summary>
        public TimeSpan PexInterval { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>A short client name and version sent in the extension handshake.</summary>
        public string ClientVersion { get; set; } = "JsTorrent 0.1";

        internal EngineOptions Validate()
        {
            if (SocketFactory is null)
            {
                throw new ArgumentException("EngineOptions.SocketFactory is required.", "options");
            }

            if (MaxConnections < 1 || MaxConnectionsPerTorrent < 1 || UploadSlots < 1 || DiskWorkers < 1)
            {
                throw new ArgumentException("Connection limits, upload slots and disk workers must be at least 1.", "options");
            }

            if (IncomingConnectionShare < 0 || IncomingConnectionShare > 1)
            {
                throw new ArgumentException("IncomingConnectionShare must be between 0 and 1.", "options");
            }

            if (SessionSaveInterval <= TimeSpan.Zero || ContentSyncInterval <= TimeSpan.Zero)
            {
                throw new ArgumentException("SessionSaveInterval and ContentSyncInterval must be positive.", "options");
            }

            if (PexInterval <= TimeSpan.Zero)
            {
                throw new ArgumentException("PexInterval must be positive.", "options");
            }

            if (Trackers is null)
            {
                throw new ArgumentException("EngineOptions.Trackers is required.", "options");
            }

            Trackers.Validate();

            return this;
        }
    }
}
