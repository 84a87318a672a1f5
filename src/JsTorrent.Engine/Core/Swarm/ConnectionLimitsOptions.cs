namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>Limits for <see cref="ConnectionLimits"/>; read on every acquire, so changes apply at once to new connections.</summary>
    internal sealed class ConnectionLimitsOptions
    {
        /// <summary>Peer connections across all torrents.</summary>
        public int MaxConnections { get; set; } = 200;

        /// <summary>Peer connections per torrent.</summary>
        public int MaxConnectionsPerTorrent { get; set; } = 20;

        /// <summary>
        /// The share of a torrent's slots incoming connections may hold (rounded down), so that
        /// a popular seed still has room for peers it chose itself.
        /// </summary>
        public double IncomingShare { get; set; } = 0.6;

        /// <summary>Incoming connections still handshaking (torrent not yet known).</summary>
        public int MaxPendingIncoming { get; set; } = 50;
    }
}
