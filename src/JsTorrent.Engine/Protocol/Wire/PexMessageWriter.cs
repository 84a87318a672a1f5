using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// Builds <c>ut_pex</c> payloads in buffers it keeps, so a message costs no allocation once the
    /// writer exists. As BEP 11 asks, a message adds at most <see cref="PexMessage.MaxPeersPerList"/>
    /// peers over both address families, and drops at most as many; what does not fit is left for the
    /// next message. Not thread-safe (one per torrent, on the loop).
    /// </summary>
    internal sealed class PexMessageWriter
    {
        /// <summary>Room for the longest payload <see cref="Encode()"/> returns (every list full, with room to spare).</summary>
        public const int MaxPayloadLength = 4096;

        private static readonly byte[] AddedKey = Encoding.ASCII.GetBytes("5:added");
        private static readonly byte[] AddedFlagsKey = Encoding.ASCII.GetBytes("7:added.f");
        private static readonly byte[] Added6Key = Encoding.ASCII.GetBytes("6:added6");
        private static readonly byte[] Added6FlagsKey = Encoding.ASCII.GetBytes("8:added6.f");
        private static readonly byte[] DroppedKey = Encoding.ASCII.GetBytes("7:dropped");
        private static readonly byte[] Dropped6Key = Encoding.ASCII.GetBytes("8:dropped6");

        private readonly byte[] _added = new byte[PexMessage.MaxPeersPerList * PexMessage.IPv4EntryLength];
        private readonly byte[] _addedFlags = new byte[PexMessage.MaxPeersPerList];
        private readonly byte[] _added6 = new byte[PexMessage.MaxPeersPerList * PexMessage.IPv6EntryLength];
        private readonly byte[] _added6Flags = new byte[PexMessage.MaxPeersPerList];
        private readonly byte[] _dropped = new byte[PexMessage.MaxPeersPerList * PexMessage.IPv4EntryLength];
        private readonly byte[] _dropped6 = new byte[PexMessage.MaxPeersPerList * PexMessage.IPv6EntryLength];
        private readonly byte[] _output = new byte[MaxPayloadLength];
        private int _addedCount;
        private int _added6Count;
        private int _droppedCount;
        private int _dropped6Count;

        /// <summary>True when no peer was added or dropped since <see cref="Clear"/>.</summary>
        public bool IsEmpty => _addedCount + _added6Count + _droppedCount + _dropped6Count == 0;

        /// <summary>Number of peers added and dropped so far.</summary>
        public int Count => _addedCount + _added6Count + _droppedCount + _dropped6Count;

        /// <summary>Makes a whole payload at once (tests and one-off senders).</summary>
        /// <exception cref="ArgumentException">A host is not a literal address, or a port is out of range.</exception>
        public static byte[] Encode(IEnumerable<PexPeer> added, IEnumerable<PexPeer> dropped)
        {
            var writer = new PexMessageWriter();
            Span<byte> address = stackalloc byte[CompactAddress.IPv6Length];
            foreach (var peer in added)
            {
                writer.TryAdd(address.Slice(0, AddressOf(peer, address)), peer.Port, peer.Flags);
            }

            foreach (var peer in dropped)
            {
                writer.TryDrop(address.Slice(0, AddressOf(peer, address)), peer.Port);
            }

            return writer.Encode().ToArray();
        }

        /// <summary>Forgets every entry, for the next message.</summary>
        public void Clear()
        {
            _addedCount = 0;
            _added6Count = 0;
            _droppedCount = 0;
            _dropped6Count = 0;
        }

        /// <summary>Adds a peer to <c>added</c> or <c>added6</c> (by the address length, 4 or 16).</summary>
        /// <returns>False when the message already adds as many peers as it may.</returns>
        public bool TryAdd(ReadOnlySpan<byte> address, int port, PexFlags flags)
        {
            CheckEntry(address, port);
            if (_addedCount + _added6Count >= PexMessage.MaxPeersPerList)
            {
                return false;
            }

            if (address.Length == CompactAddress.IPv4Length)
            {
                return Append(_added, ref _addedCount, address, port, _addedFlags, flags);
            }

            return Append(_added6, ref _added6Count, address, port, _added6Flags, flags);
        }

        /// <summary>Adds a peer to <c>dropped</c> or <c>dropped6</c>.</summary>
        /// <returns>False when the message already drops as many peers as it may.</returns>
        public bool TryDrop(ReadOnlySpan<byte> address, int port)
        {
            CheckEntry(address, port);
            if (_droppedCount + _dropped6Count >= PexMessage.MaxPeersPerList)
            {
                return false;
            }

            if (address.Length == CompactAddress.IPv4Length)
            {
                return Append(_dropped, ref _droppedCount, address, port, null, PexFlags.None);
            }

            return Append(_dropped6, ref _dropped6Count, address, port, null, PexFlags.None);
        }

        /// <summary>
        /// The payload: every key, in sorted order as bencode requires, even empty lists (some clients
        /// expect <c>added</c> and <c>dropped</c> to be there). Valid until the writer is used again.
        /// </summary>
        public ReadOnlySpan<byte> Encode()
        {
            var output = _output.AsSpan();
            int n = 0;
            output[n++] = (byte)'d';
            n += WriteString(output.Slice(n), AddedKey, _added.AsSpan(0, _addedCount * PexMessage.IPv4EntryLength));
            n += WriteString(output.Slice(n), AddedFlagsKey, _addedFlags.AsSpan(0, _addedCount));
            n += WriteString(output.Slice(n), Added6Key, _added6.AsSpan(0, _added6Count * PexMessage.IPv6EntryLength));
            n += WriteString(output.Slice(n), Added6FlagsKey, _added6Flags.AsSpan(0, _added6Count));
            n += WriteString(output.Slice(n), DroppedKey, _dropped.AsSpan(0, _droppedCount * PexMessage.IPv4EntryLength));
            n += WriteString(output.Slice(n), Dropped6Key, _dropped6.AsSpan(0, _dropped6Count * PexMessage.IPv6EntryLength));
            output[n++] = (byte)'e';
            return output.Slice(0, n);
        }

        private static int AddressOf(PexPeer peer, Span<byte> buffer)
        {
            int length = CompactAddress.Write(peer.Host, buffer);
            return length != 0 ? length : throw new ArgumentException("'" + peer.Host + "' is not a literal IPv4 or IPv6 address.", nameof(peer));
        }

        private static void CheckEntry(ReadOnlySpan<byte> address, int port)
        {
            if (address.Length != CompactAddress.IPv4Length && address.Length != CompactAddress.IPv6Length)
            {
                throw new ArgumentException("An address is 4 or 16 bytes; got " + address.Length + ".", nameof(address));
            }

            if (port < 1 || port > ushort.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 1 to 65535.");
            }
        }

        private static bool Append(byte[] list, ref int count, ReadOnlySpan<byte> address, int port, byte[]? flagList, PexFlags flags)
        {
            if (count >= PexMessage.MaxPeersPerList)
            {
                return false;
            }

            int entryLength = address.Length + 2;
            var entry = list.AsSpan(count * entryLength, entryLength);
            address.CopyTo(entry);
            BinaryPrimitives.WriteUInt16BigEndian(entry.Slice(address.Length), (ushort)port);
            if (flagList != null)
            {
                flagList[count] = (byte)flags;
            }

            count++;
            return true;
        }

        /// <summary>Writes a key (already in bencode) and a byte string value.</summary>
        private static int WriteString(Span<byte> destination, byte[] key, ReadOnlySpan<byte> value)
        {
            key.CopyTo(destination);
            int n = key.Length;
            n += WriteDecimal(destination.Slice(n), value.Length);
            destination[n++] = (byte)':';
            value.CopyTo(destination.Slice(n));
            return n + value.Length;
        }

        private static int WriteDecimal(Span<byte> destination, int value)
        {
            int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
            for (int i = digits - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            return digits;
        }
    }
}
