using System;
using System.Buffers.Binary;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>The 8 reserved bytes of the handshake, where peers advertise protocol extensions.</summary>
    internal readonly struct ReservedBits : IEquatable<ReservedBits>
    {
        public const int Length = 8;

        // The 8 bytes read big-endian: byte 0 is the top byte, byte 7 the bottom one.
        private const ulong ExtensionProtocolBit = 0x10UL << 16; // reserved[5] & 0x10 (BEP 10)
        private const ulong FastExtensionBit = 0x04; // reserved[7] & 0x04 (BEP 6)
        private const ulong DhtBit = 0x01; // reserved[7] & 0x01 (BEP 5)

        public ReservedBits(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length != Length)
            {
                throw new ArgumentException("Reserved bits are exactly 8 bytes; got " + bytes.Length + ".", nameof(bytes));
            }

            Value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }

        public ReservedBits(ulong value)
        {
            Value = value;
        }

        /// <summary>What this engine advertises: the extension protocol and the fast extension, no DHT.</summary>
        public static ReservedBits Ours => Create(extensionProtocol: true, fastExtension: true, dht: false);

        /// <summary>The 8 bytes as a big-endian number.</summary>
        public ulong Value { get; }

        public bool SupportsExtensionProtocol => (Value & ExtensionProtocolBit) != 0;

        public bool SupportsFastExtension => (Value & FastExtensionBit) != 0;

        public bool SupportsDht => (Value & DhtBit) != 0;

        public static ReservedBits Create(bool extensionProtocol, bool fastExtension, bool dht) =>
            new ReservedBits(
                (extensionProtocol ? ExtensionProtocolBit : 0)
                | (fastExtension ? FastExtensionBit : 0)
                | (dht ? DhtBit : 0));

        public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

        public bool Equals(ReservedBits other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is ReservedBits other && Equals(other);

        public override int GetHashCode() => Value.GetHashCode();

        public override string ToString() => Value.ToString("x16");

        public static bool operator ==(ReservedBits left, ReservedBits right) => left.Equals(right);

        public static bool operator !=(ReservedBits left, ReservedBits right) => !left.Equals(right);
    }
}
