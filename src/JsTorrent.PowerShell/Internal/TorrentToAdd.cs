using JsTorrent.Engine.Protocol;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>A torrent to add: parsed metadata (from a .torrent) or a magnet link, and where it came from.</summary>
    internal sealed class TorrentToAdd
    {
        public TorrentToAdd(Metainfo metainfo, string origin)
        {
            Metainfo = metainfo;
            Origin = origin;
        }

        public TorrentToAdd(MagnetLink magnet, string origin)
        {
            Magnet = magnet;
            Origin = origin;
        }

        public Metainfo? Metainfo { get; }

        public MagnetLink? Magnet { get; }

        /// <summary>The file, URL or link it was read from (the target of its errors).</summary>
        public string Origin { get; }

        public InfoHash InfoHash => Metainfo?.InfoHash ?? Magnet!.SwarmInfoHash;

        /// <summary>The torrent's name, a magnet's display name, else its info-hash.</summary>
        public string Name => Metainfo?.Name ?? Magnet!.DisplayName ?? InfoHash.ToString();
    }
}
