using System;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// The design's key convention: <c>torrent:{infohash}:metadata|bitfield|progress|peers</c> with the
    /// info-hash in lower-case hex, and <c>engine:*</c> for what belongs to the engine as a whole.
    /// </summary>
    internal static class SessionKeys
    {
        public const string TorrentPrefix = "torrent:";

        public const string Metadata = "metadata";

        public const string Bitfield = "bitfield";

        public const string Progress = "progress";

        public const string Peers = "peers";

        /// <summary>Storage roots, the default root and torrent assignments.</summary>
        public const string StorageRoots = "engine:storage-roots";

        private const int HexLength = 40;

        public static string For(InfoHash infoHash, string part) => TorrentPrefix + infoHash.ToString() + ":" + part;

        /// <summary>Splits a torrent key; false for keys that do not follow the convention.</summary>
        public static bool TryParse(string key, out InfoHash infoHash, out string part)
        {
            infoHash = default;
            part = string.Empty;
            if (key is null || !key.StartsWith(TorrentPrefix, StringComparison.Ordinal) || key.Length < TorrentPrefix.Length + HexLength + 2)
            {
                return false;
            }

            string hex = key.Substring(TorrentPrefix.Length, HexLength);
            if (key[TorrentPrefix.Length + HexLength] != ':' || !InfoHash.TryParse(hex, out infoHash) || !string.Equals(hex, infoHash.ToString(), StringComparison.Ordinal))
            {
                infoHash = default;
                return false;
            }

            part = key.Substring(TorrentPrefix.Length + HexLength + 1);
            return true;
        }
    }
}
