namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>One peer of a <see cref="PexMessage"/>: a literal address (IPv4 dotted quad or IPv6 text), a port and its flags.</summary>
    internal readonly struct PexPeer
    {
        public PexPeer(string host, int port, PexFlags flags)
        {
            Host = host;
            Port = port;
            Flags = flags;
        }

        public string Host { get; }

        public int Port { get; }

        /// <summary>The flags sent with an added peer; <see cref="PexFlags.None"/> for dropped ones.</summary>
        public PexFlags Flags { get; }

        public bool IsIPv6 => Host.IndexOf(':') >= 0;

        public override string ToString() => PeerAddressSyntax.FormatEndpoint(Host, Port);
    }
}
