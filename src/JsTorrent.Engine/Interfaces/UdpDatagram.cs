namespace JsTorrent.Engine.Interfaces
{
    /// <summary>What <see cref="IUdpSocket.ReceiveAsync"/> received: the length and the sender (the design's <c>rinfo</c>).</summary>
    public readonly struct UdpDatagram
    {
        /// <summary>Creates the result.</summary>
        /// <param name="length">Bytes placed in the caller's buffer.</param>
        /// <param name="address">Sender address.</param>
        /// <param name="port">Sender port.</param>
        public UdpDatagram(int length, string address, int port)
        {
            Length = length;
            Address = address;
            Port = port;
        }

        /// <summary>Bytes placed in the caller's buffer.</summary>
        public int Length { get; }

        /// <summary>Sender address.</summary>
        public string Address { get; }

        /// <summary>Sender port.</summary>
        public int Port { get; }
    }
}
