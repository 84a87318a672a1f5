using System;
using System.Collections.Generic;
using System.IO;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>
    /// One file to put in a new torrent. The core never opens files itself: the
    /// adapter that found the file supplies <see cref="OpenRead"/>, which must
    /// return a readable, seekable stream positioned anywhere.
    /// </summary>
    public sealed class TorrentSourceFile
    {
        /// <summary>Creates the entry.</summary>
        /// <param name="path">Path elements below the torrent's folder (empty for a single-file torrent).</param>
        /// <param name="length">Size in bytes at the time the file was listed.</param>
        /// <param name="openRead">Opens the content; called once per hashing worker that needs the file.</param>
        public TorrentSourceFile(IReadOnlyList<string> path, long length, Func<Stream> openRead)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            if (length < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "A file length cannot be negative.");
            }

            Length = length;
            OpenRead = openRead ?? throw new ArgumentNullException(nameof(openRead));
        }

        /// <summary>Path elements below the torrent's folder; empty for a single-file torrent.</summary>
        public IReadOnlyList<string> Path { get; }

        /// <summary>Size in bytes.</summary>
        public long Length { get; }

        /// <summary>Opens a readable, seekable stream over the content.</summary>
        public Func<Stream> OpenRead { get; }
    }
}
