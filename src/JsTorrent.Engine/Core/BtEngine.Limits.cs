using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Core
{
    /// <summary>The engine's limits: payload rates and connection counts, changeable while it runs.</summary>
    public sealed partial class BtEngine
    {
        /// <summary>Global payload download limit in bytes per second; 0 is unlimited.</summary>
        public long DownloadRateLimit
        {
            get => _context.DownloadLimit.BytesPerSecond;
            set => _context.DownloadLimit.BytesPerSecond = value;
        }

        /// <summary>Global payload upload limit in bytes per second; 0 is unlimited.</summary>
        public long UploadRateLimit
        {
            get => _context.UploadLimit.BytesPerSecond;
            set => _context.UploadLimit.BytesPerSecond = value;
        }

        /// <summary>Most peer connections of the engine (open and being opened).</summary>
        public int MaxConnections => _context.Limits.Options.MaxConnections;

        /// <summary>Most peer connections of one torrent.</summary>
        public int MaxConnectionsPerTorrent => _context.Limits.Options.MaxConnectionsPerTorrent;

        /// <summary>
        /// Changes the connection limits. Connections over a lowered limit are not closed; new ones wait until
        /// the count is under it.
        /// </summary>
        /// <param name="maxConnections">Most connections of the engine; null keeps the current value.</param>
        /// <param name="maxConnectionsPerTorrent">Most connections of one torrent; null keeps the current value.</param>
        /// <returns>Completes when the loop uses the new limits.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A limit is below 1.</exception>
        public Task SetConnectionLimitsAsync(int? maxConnections, int? maxConnectionsPerTorrent)
        {
            if (maxConnections < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxConnections), maxConnections, "The connection limit must be at least 1.");
            }

            if (maxConnectionsPerTorrent < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxConnectionsPerTorrent), maxConnectionsPerTorrent, "The per-torrent connection limit must be at least 1.");
            }

            return _loop.InvokeAsync(() =>
            {
                var current = _context.Limits.Options;

                // A new options object, so readers on the loop never see one limit changed and not the other.
                _context.Limits.Options = new ConnectionLimitsOptions
                {
                    MaxConnections = maxConnections ?? current.MaxConnections,
                    MaxConnectionsPerTorrent = maxConnectionsPerTorrent ?? current.MaxConnectionsPerTorrent,
                    IncomingShare = current.IncomingShare,
                    MaxPendingIncoming = current.MaxPendingIncoming,
                };
                return Task.CompletedTask;
            });
        }
    }
}
