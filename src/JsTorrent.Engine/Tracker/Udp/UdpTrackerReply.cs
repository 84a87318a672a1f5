namespace JsTorrent.Engine.Tracker.Udp
{
    /// <summary>A datagram that answered a pending request: its bytes (a copy the request owns) and the address it came from.</summary>
    internal readonly struct UdpTrackerReply
    {
        public UdpTrackerReply(byte[] data, string senderAddress)
        {
            Data = data;
            SenderAddress = senderAddress;
        }

        public byte[] Data { get; }

        /// <summary>The tracker's address as the socket reported it; its family decides the peer entry size (BEP 15).</summary>
        public string SenderAddress { get; }

        /// <summary>
        /// Whether the tracker was reached over IPv6 (a literal IPv4 address or a name of the memory
        /// network means IPv4). An IPv4-mapped sender, as a dual-stack socket may report it, is IPv4:
        /// such a tracker sends 6-byte entries, which read as 18-byte ones would be garbage peers.
        /// </summary>
        public bool FromIPv6 => (UdpTrackerAddress.CanonicalLiteral(SenderAddress) ?? SenderAddress).IndexOf(':') >= 0;
    }
}
