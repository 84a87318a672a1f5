using System;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>A UDP datagram on its way, as a <see cref="MemoryUdpDropFilter"/> sees it.</summary>
    public readonly struct MemoryUdpPacket
    {
        /// <summary>Creates the description.</summary>
        /// <param name="sourceAddress">Address of the sending host.</param>
        /// <param name="sourcePort">Port of the sending socket.</param>
        /// <param name="destinationAddress">Address of the receiving host.</param>
        /// <param name="destinationPort">Port it is sent to.</param>
        /// <param name="data">The payload; valid only during the filter call.</param>
        public MemoryUdpPacket(string sourceAddress, int sourcePort, string destinationAddress, int destinationPort, ReadOnlyMemory<byte> data)
        {
            SourceAddress = sourceAddress;
            SourcePort = sourcePort;
            DestinationAddress = destinationAddress;
            DestinationPort = destinationPort;
            Data = data;
        }

        /// <summary>Address of the sending host.</summary>
        public string SourceAddress { get; }

        /// <summary>Port of the sending socket.</summary>
        public int SourcePort { get; }

        /// <summary>Address of the receiving host.</summary>
        public string DestinationAddress { get; }

        /// <summary>Port it is sent to.</summary>
        public int DestinationPort { get; }

        /// <summary>The payload; valid only during the filter call.</summary>
        public ReadOnlyMemory<byte> Data { get; }
    }
}
