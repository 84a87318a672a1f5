namespace JsTorrent.Adapters.Memory
{
    /// <summary>A queued UDP datagram: a pooled copy of the payload and the sender.</summary>
    internal readonly struct MemoryUdpEntry
    {
        public MemoryUdpEntry(byte[] buffer, int length, string address, int port)
        {
            Buffer = buffer;
            Length = length;
            Address = address;
            Port = port;
        }

        /// <summary>Rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>; whoever drops or reads the entry returns it.</summary>
        public byte[] Buffer { get; }

        public int Length { get; }

        public string Address { get; }

        public int Port { get; }
    }
}
