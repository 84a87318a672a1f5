using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// One torrent's records, read back from the store. The metadata is required; a missing or corrupt
    /// progress falls back to defaults (the torrent comes back active), a corrupt bitfield to a full check
    /// of the files, corrupt peers to none. Each fallback is logged as a warning.
    /// </summary>
    internal sealed class SavedTorrent
    {
        private SavedTorrent(InfoHash infoHash, Metainfo? metainfo, MagnetLink? magnet, TorrentProgressRecord progress, TorrentBitfieldRecord? bitfield, IReadOnlyList<SavedPeer> peers)
        {
            InfoHash = infoHash;
            Metainfo = metainfo;
            Magnet = magnet;
            Progress = progress;
            Bitfield = bitfield;
            Peers = peers;
        }

        public InfoHash InfoHash { get; }

        public Metainfo? Metainfo { get; }

        public MagnetLink? Magnet { get; }

        public TorrentProgressRecord Progress { get; }

        public TorrentBitfieldRecord? Bitfield { get; }

        public IReadOnlyList<SavedPeer> Peers { get; }

        /// <returns>The torrent's records; null when its metadata is missing or unreadable (it cannot come back).</returns>
        public static async Task<SavedTorrent?> ReadAsync(ISessionStore store, InfoHash infoHash, Logger log, CancellationToken cancellationToken)
        {
            string metadataKey = SessionKeys.For(infoHash, SessionKeys.Metadata);
            byte[]? metadataBytes = await store.GetAsync(metadataKey, cancellationToken).ConfigureAwait(false);
            if (metadataBytes is null)
            {
                log.Warning("The session holds records of " + infoHash + " but not its metadata; it was not restored.");
                return null;
            }

            Metainfo? metainfo;
            MagnetLink? magnet;
            try
            {
                TorrentMetadataRecord.Decode(metadataKey, metadataBytes).Materialize(metadataKey, infoHash, out metainfo, out magnet);
            }
            catch (SessionRecordFormatException ex)
            {
                log.Warning(ex.Message + " The torrent was not restored.", ex);
                return null;
            }

            var progress = await ReadAsync(store, infoHash, SessionKeys.Progress, (k, b) => TorrentProgressRecord.Decode(k, b), log, cancellationToken).ConfigureAwait(false)
                ?? new TorrentProgressRecord { AddedAt = DateTimeOffset.UtcNow };
            var bitfield = await ReadAsync(store, infoHash, SessionKeys.Bitfield, (k, b) => TorrentBitfieldRecord.Decode(k, b), log, cancellationToken).ConfigureAwait(false);
            var peers = await ReadAsync(store, infoHash, SessionKeys.Peers, (k, b) => TorrentPeersRecord.Decode(k, b), log, cancellationToken).ConfigureAwait(false);
            if (metainfo != null && bitfield != null && bitfield.PieceCount != metainfo.PieceCount)
            {
                log.Warning("The saved pieces of " + infoHash + " are for another layout; its files will be checked in full.");
                bitfield = null;
            }

            return new SavedTorrent(infoHash, metainfo, magnet, progress, bitfield, peers?.Peers ?? Array.Empty<SavedPeer>());
        }

        private static async Task<T?> ReadAsync<T>(ISessionStore store, InfoHash infoHash, string part, Func<string, byte[], T> decode, Logger log, CancellationToken cancellationToken)
            where T : class
        {
            string key = SessionKeys.For(infoHash, part);
            byte[]? bytes = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return null;
            }

            try
            {
                return decode(key, bytes);
            }
            catch (SessionRecordFormatException ex)
            {
                log.Warning(ex.Message + " It was ignored.", ex);
                return null;
            }
        }
    }
}
