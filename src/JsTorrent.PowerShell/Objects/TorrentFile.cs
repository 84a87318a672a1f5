using System;
using JsTorrent.Engine.Core;

namespace JsTorrent
{
    /// <summary>One file of a torrent in the engine (the output of Get-TorrentFile and Set-TorrentFile).</summary>
    public sealed class TorrentFile
    {
        internal TorrentFile(Torrent torrent, TorrentFileStatus status, string? fullPath)
        {
            TorrentName = torrent.Name;
            InfoHash = torrent.InfoHash;
            Index = status.Index;
            Path = status.Path;
            FullPath = fullPath;
            Size = status.Length;
            BytesCompleted = status.BytesCompleted;
            PercentComplete = Math.Round(status.Progress * 100, 2);
            Priority = status.Priority;
        }

        /// <summary>The name of the torrent the file belongs to.</summary>
        public string TorrentName { get; }

        /// <summary>The info-hash of the torrent the file belongs to.</summary>
        public string InfoHash { get; }

        /// <summary>The file's position in the torrent, from 0 (what Set-TorrentFile -Index takes).</summary>
        public int Index { get; }

        /// <summary>The file's path under its storage root, '/'-separated, starting with the torrent's name.</summary>
        public string Path { get; }

        /// <summary>The file's full path on disk (or in memory); null while the torrent has no storage root.</summary>
        public string? FullPath { get; }

        /// <summary>Size in bytes.</summary>
        public long Size { get; }

        /// <summary>Bytes of the file in verified pieces.</summary>
        public long BytesCompleted { get; }

        /// <summary>Verified share of the file, 0-100.</summary>
        public double PercentComplete { get; }

        /// <summary>Download priority; Skip leaves the file out.</summary>
        public FilePriority Priority { get; }

        /// <inheritdoc/>
        public override string ToString() => Path;
    }
}
