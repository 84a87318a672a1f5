using System;
using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// A BEP 11 <c>ut_pex</c> message: a bencoded dictionary of compact peer lists, <c>added</c> /
    /// <c>added6</c> (6 or 18 bytes per peer) with one flag byte per peer in <c>added.f</c> /
    /// <c>added6.f</c>, and <c>dropped</c> / <c>dropped6</c>. <see cref="PexMessageWriter"/> makes them.
    /// </summary>
    /// <remarks>
    /// Parsing is strict about the shape (valid bencode, a dictionary) and lenient about each list:
    /// a list that is not a string, or whose length is not a multiple of its entry size, is ignored
    /// and counted in <see cref="IgnoredLists"/>; a flag list of the wrong length is ignored (the
    /// peers keep no flags). Only the first <see cref="MaxPeersPerList"/> entries of a list are read,
    /// as BEP 11 allows no more per message; entries with port 0 or an unspecified address are skipped.
    /// </remarks>
    internal sealed class PexMessage
    {
        /// <summary>Most entries read from one list of a message; also the most peers we add (or drop) over both families in one.</summary>
        public const int MaxPeersPerList = 50;

        /// <summary>Bytes of an IPv4 entry: address and port.</summary>
        public const int IPv4EntryLength = CompactAddress.IPv4Length + 2;

        /// <summary>Bytes of an IPv6 entry: address and port.</summary>
        public const int IPv6EntryLength = CompactAddress.IPv6Length + 2;

        private static readonly BencodeReaderOptions Options = new BencodeReaderOptions { MaxDepth = 4, MaxValues = 256, AllowTrailingData = true };

        private PexMessage(List<PexPeer> added, List<PexPeer> dropped, int ignoredLists)
        {
            Added = added;
            Dropped = dropped;
            IgnoredLists = ignoredLists;
        }

        /// <summary>Peers added since the sender's previous message: IPv4 first, then IPv6.</summary>
        public IReadOnlyList<PexPeer> Added { get; }

        /// <summary>Peers the sender dropped since its previous message: IPv4 first, then IPv6.</summary>
        public IReadOnlyList<PexPeer> Dropped { get; }

        /// <summary>Lists (flag lists included) that were present but malformed, and so ignored.</summary>
        public int IgnoredLists { get; }

        /// <summary>Reads the payload of a <c>ut_pex</c> message (after the extended id byte).</summary>
        /// <exception cref="PeerProtocolException">The payload is not bencode, or not a dictionary.</exception>
        public static PexMessage Parse(ReadOnlySpan<byte> payload)
        {
            BencodeValue root;
            try
            {
                root = BencodeReader.Read(payload, out _, Options);
            }
            catch (BencodeFormatException ex)
            {
                throw new PeerProtocolException("A malformed ut_pex message: " + ex.Reason, ex);
            }

            if (root is not BencodeDictionary dictionary)
            {
                throw new PeerProtocolException("A ut_pex message that is not a dictionary.");
            }

            var added = new List<PexPeer>();
            var dropped = new List<PexPeer>();
            int ignored = 0;
            ignored += ReadList(dictionary, "added", "added.f", IPv4EntryLength, added);
            ignored += ReadList(dictionary, "added6", "added6.f", IPv6EntryLength, added);
            ignored += ReadList(dictionary, "dropped", null, IPv4EntryLength, dropped);
            ignored += ReadList(dictionary, "dropped6", null, IPv6EntryLength, dropped);
            return new PexMessage(added, dropped, ignored);
        }

        /// <returns>How many of the list and its flags were malformed (0 to 2).</returns>
        private static int ReadList(BencodeDictionary dictionary, string key, string? flagsKey, int entryLength, List<PexPeer> into)
        {
            var value = dictionary[key];
            if (value is null)
            {
                return 0;
            }

            if (value is not BencodeString list || list.Length % entryLength != 0)
            {
                return 1;
            }

            int count = list.Length / entryLength;
            int ignored = 0;
            ReadOnlySpan<byte> flags = default;
            if (flagsKey != null && dictionary[flagsKey] is BencodeValue flagValue)
            {
                if (flagValue is BencodeString flagString && flagString.Length == count)
                {
                    flags = flagString.Span;
                }
                else
                {
                    ignored++;
                }
            }

            var entries = list.Span;
            for (int i = 0; i < count && i < MaxPeersPerList; i++)
            {
                if (CompactAddress.TryReadEndpoint(entries.Slice(i * entryLength, entryLength), out string host, out int port))
                {
                    into.Add(new PexPeer(host, port, flags.IsEmpty ? PexFlags.None : (PexFlags)flags[i]));
                }
            }

            return ignored;
        }
    }
}
