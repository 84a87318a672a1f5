namespace JsTorrent.Engine.Tracker
{
    /// <summary>One peer a tracker or PEX handed out: a literal address (IPv4 or IPv6, no brackets) or, from dictionary-model trackers, a host name.</summary>
    internal readonly struct TrackerPeer
    {
        public TrackerPeer(string host, int port)
        {
            Host = host;
            Port = port;
        }

        public string Host { get; }

        public int Port { get; }

        public override string ToString() => Protocol.PeerAddressSyntax.FormatEndpoint(Host, Port);
    }
}
