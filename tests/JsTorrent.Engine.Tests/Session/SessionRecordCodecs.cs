using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Tests.Protocol;

namespace JsTorrent.Engine.Tests.Session
{
    /// <summary>The four torrent records seen alike by the hostile-input tests: a decoder, a re-encoder and small valid encodings.</summary>
    internal sealed class SessionRecordCodecs
    {
        public const string Progress = "progress";
        public const string Bitfield = "bitfield";
        public const string Peers = "peers";
        public const string Metadata = "metadata";

        public static readonly string[] Names = { Progress, Bitfield, Peers, Metadata };

        private SessionRecordCodecs(string name, Func<string, byte[], byte[]> decodeAndEncode, byte[] small, byte[] large)
        {
            Name = name;
            Key = "torrent:" + HashHex + ":" + name;
            DecodeAndEncode = decodeAndEncode;
            Small = small;
            Large = large;
        }

        /// <summary>The info-hash of <see cref="SmallTorrent"/>: the hash every record key names.</summary>
        public static string HashHex => SmallTorrentMetainfo.InfoHash.ToString();

        /// <summary>A one-piece torrent made by hand, small enough to mutate every byte of.</summary>
        public static byte[] SmallTorrent { get; } = TestTorrents.Torrent(TestTorrents.SingleFileInfo("f", 10, 16_384));

        private static Metainfo SmallTorrentMetainfo { get; } = Metainfo.Parse(SmallTorrent);

        public string Name { get; }

        public string Key { get; }

        /// <summary>Decodes (and, for metadata, materializes), then encodes what was decoded.</summary>
        public Func<string, byte[], byte[]> DecodeAndEncode { get; }

        /// <summary>A valid encoding of a few dozen bytes.</summary>
        public byte[] Small { get; }

        /// <summary>A valid encoding with every field set.</summary>
        public byte[] Large { get; }

        public static SessionRecordCodecs Get(string name) => name switch
        {
            Progress => new SessionRecordCodecs(
                name,
                (key, bytes) => TorrentProgressRecord.Decode(key, bytes).Encode(),
                new TorrentProgressRecord { FilePriorities = new[] { FilePriority.High, FilePriority.Skip }, ErrorMessage = "\u00e9" }.Encode(),
                TorrentProgressRecordTests.Sample().Encode()),
            Bitfield => new SessionRecordCodecs(
                name,
                (key, bytes) => TorrentBitfieldRecord.Decode(key, bytes).Encode(),
                new TorrentBitfieldRecord(TorrentBitfieldRecordTests.Bits(9, 0, 8), TorrentBitfieldRecordTests.Bits(9, 3), new[] { new FileStamp(5, 6), FileStamp.Missing }).Encode(),
                TorrentBitfieldRecordTests.Sample(1000, 3).Encode()),
            Peers => new SessionRecordCodecs(
                name,
                (key, bytes) => TorrentPeersRecord.Decode(key, bytes).Encode(),
                new TorrentPeersRecord(new[] { new SavedPeer("10.0.0.1", 6881, 9), new SavedPeer("::1", 1, -1) }).Encode(),
                TorrentPeersRecordTests.Sample().Encode()),
            Metadata => new SessionRecordCodecs(
                name,
                (key, bytes) =>
                {
                    var record = TorrentMetadataRecord.Decode(key, bytes);
                    record.Materialize(key, SmallTorrentMetainfo.InfoHash, out _, out _);
                    return record.Encode();
                },
                TorrentMetadataRecord.From(SmallTorrentMetainfo, null).Encode(),
                TorrentMetadataRecord.From(Metainfo.FromInfoDictionary(SmallTorrentMetainfo.InfoBytes), TorrentMetadataRecordTests.MagnetFor(SmallTorrentMetainfo.InfoHash)).Encode()),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a record."),
        };

        /// <summary>Runs the decoder: true when it decoded, false when it refused with the one format exception; anything else fails the test with the input shown.</summary>
        public bool DecodesOrRefuses(byte[] input)
        {
            byte[] encoded;
            try
            {
                encoded = DecodeAndEncode(Key, input);
            }
            catch (SessionRecordFormatException e)
            {
                Assert.Equal(Key, e.Key);
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                return false;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException("The " + Name + " decoder threw " + e.GetType().Name + " for " + Show(input) + ":\n" + e);
            }

            // Whatever decodes is consistent: its own encoding decodes to the same bytes.
            Assert.Equal(encoded, DecodeAndEncode(Key, encoded));
            return true;
        }

        public static string Show(byte[] input) =>
            "[" + input.Length + "] " + new string(input.Take(300).Select(b => b >= 0x20 && b < 0x7F ? (char)b : '.').ToArray());

        public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });
    }
}
