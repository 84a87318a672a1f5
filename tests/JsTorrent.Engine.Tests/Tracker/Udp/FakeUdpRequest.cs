using System;
using System.Buffers.Binary;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>A request the fake tracker received, with its BEP 15 fields read back out.</summary>
    internal sealed class FakeUdpRequest
    {
        public FakeUdpRequest(byte[] data, string address, int port)
        {
            Data = data;
            Address = address;
            Port = port;
        }

        public byte[] Data { get; }

        public string Address { get; }

        public int Port { get; }

        /// <summary>The protocol id of a connect, the connection id of anything else.</summary>
        public long ConnectionId => BinaryPrimitives.ReadInt64BigEndian(Data);

        public int Action => BinaryPrimitives.ReadInt32BigEndian(Data.AsSpan(8));

        public uint TransactionId => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(12));

        public byte[] InfoHash => Data.AsSpan(16, 20).ToArray();

        public byte[] PeerId => Data.AsSpan(36, 20).ToArray();

        public long Downloaded => BinaryPrimitives.ReadInt64BigEndian(Data.AsSpan(56));

        public long Left => BinaryPrimitives.ReadInt64BigEndian(Data.AsSpan(64));

        public long Uploaded => BinaryPrimitives.ReadInt64BigEndian(Data.AsSpan(72));

        public int Event => BinaryPrimitives.ReadInt32BigEndian(Data.AsSpan(80));

        public uint IpAddress => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(84));

        public uint Key => BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(88));

        public int NumWant => BinaryPrimitives.ReadInt32BigEndian(Data.AsSpan(92));

        public int AnnouncePort => BinaryPrimitives.ReadUInt16BigEndian(Data.AsSpan(96));
    }
}
