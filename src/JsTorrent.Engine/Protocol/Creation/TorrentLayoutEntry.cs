using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>A file of a torrent being created, placed in the torrent's byte space; padding has no source.</summary>
    internal sealed class TorrentLayoutEntry
    {
        public TorrentLayoutEntry(TorrentSourceFile? source, IReadOnlyList<string> path, long length, long offset)
        {
            Source = source;
            Path = path;
            Length = length;
            Offset = offset;
        }

        /// <summary>The content, or null for a BEP 47 padding file (zeros).</summary>
        public TorrentSourceFile? Source { get; }

        public IReadOnlyList<string> Path { get; }

        public long Length { get; }

        public long Offset { get; }

        public long End => Offset + Length;

        public bool IsPadding => Source is null;
    }
}
