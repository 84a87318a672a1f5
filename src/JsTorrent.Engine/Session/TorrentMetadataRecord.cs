using System;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// <c>torrent:{infohash}:metadata</c>: what a torrent was added from. A .torrent keeps its own bytes;
    /// a magnet keeps its link (trackers, peers, name) and, once fetched, the info dictionary.
    /// </summary>
    internal sealed class TorrentMetadataRecord
    {
        private const int Version = 1;

        public TorrentMetadataRecord(byte[]? torrentBytes, byte[]? infoBytes, string? magnetUri)
        {
            TorrentBytes = torrentBytes;
            InfoBytes = infoBytes;
            MagnetUri = magnetUri;
        }

        public byte[]? TorrentBytes { get; }

        public byte[]? InfoBytes { get; }

        public string? MagnetUri { get; }

        public static TorrentMetadataRecord From(Metainfo? metainfo, MagnetLink? magnet) =>
            metainfo?.TorrentBytes != null && magnet is null
                ? new TorrentMetadataRecord(metainfo.TorrentBytes, null, null)
                : new TorrentMetadataRecord(null, metainfo?.InfoBytes, magnet?.ToString());

        public static TorrentMetadataRecord Decode(string key, ReadOnlySpan<byte> bytes)
        {
            var fields = RecordFields.Parse(key, bytes, Version);
            var record = new TorrentMetadataRecord(fields.OptionalBytes("torrent"), fields.OptionalBytes("info"), fields.OptionalText("magnet"));
            if (record.TorrentBytes is null && record.MagnetUri is null)
            {
                throw new SessionRecordFormatException(key, "it holds neither a torrent nor a magnet link.");
            }

            return record;
        }

        public byte[] Encode()
        {
            var fields = new BencodeDictionary();
            if (TorrentBytes != null)
            {
                fields.Set("torrent", new BencodeString(TorrentBytes));
            }

            if (InfoBytes != null)
            {
                fields.Set("info", new BencodeString(InfoBytes));
            }

            if (MagnetUri != null)
            {
                fields.Set("magnet", RecordFields.Text(MagnetUri));
            }

            return RecordFields.Encode(Version, fields);
        }

        /// <summary>Rebuilds what the torrent is added from, checking it is the torrent the key names.</summary>
        public void Materialize(string key, InfoHash expected, out Metainfo? metainfo, out MagnetLink? magnet)
        {
            try
            {
                magnet = MagnetUri is null ? null : MagnetLink.Parse(MagnetUri);
                if (TorrentBytes != null)
                {
                    metainfo = Metainfo.Parse(TorrentBytes);
                }
                else if (InfoBytes != null)
                {
                    metainfo = Metainfo.FromInfoDictionary(InfoBytes, Core.Torrent.MagnetTrackerTiers(magnet));
                }
                else
                {
                    metainfo = null;
                }
            }
            catch (TorrentFormatException ex)
            {
                throw new SessionRecordFormatException(key, "the stored torrent is invalid: " + ex.Message, ex);
            }

            InfoHash found = metainfo?.InfoHash ?? magnet!.SwarmInfoHash;
            if (magnet != null && !magnet.SwarmInfoHash.Equals(found))
            {
                throw new SessionRecordFormatException(key, "its magnet link names " + magnet.SwarmInfoHash + " but its metadata is " + found + ".");
            }

            if (!found.Equals(expected))
            {
                throw new SessionRecordFormatException(key, "it holds the torrent " + found + ", not " + expected + ".");
            }
        }
    }
}
