using System;
using System.IO;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>
    /// One hashing worker: reads a run of consecutive pieces from the source files
    /// into its own buffer and hashes each piece. It keeps the stream of the file it
    /// is in open, since consecutive runs usually continue in the same file.
    /// </summary>
    internal sealed class PieceRangeHasher : IDisposable
    {
        private readonly TorrentLayout _layout;
        private readonly int _pieceLength;
        private readonly byte[] _buffer;
        private readonly PieceHasher _hasher = new PieceHasher();
        private int _openEntry = -1;
        private Stream? _stream;

        public PieceRangeHasher(TorrentLayout layout, int pieceLength, int piecesPerRun)
        {
            _layout = layout;
            _pieceLength = pieceLength;
            // The creator sizes runs to about 4 MiB (at least one piece of at most 64 MiB), so this cannot overflow.
            _buffer = new byte[checked(pieceLength * piecesPerRun)];
        }

        /// <summary>Hashes pieces [first, first+count) into <paramref name="hashes"/> at 20 bytes per piece.</summary>
        /// <returns>Number of content bytes read (padding excluded), for progress.</returns>
        public long HashRun(int first, int count, byte[] hashes)
        {
            long start = (long)first * _pieceLength;
            long end = Math.Min(_layout.TotalSize, start + ((long)count * _pieceLength));
            long content = Fill(start, (int)(end - start));
            for (int i = 0; i < count; i++)
            {
                int offset = i * _pieceLength;
                int size = (int)Math.Min(_pieceLength, end - start - offset);
                _hasher.Hash(_buffer, offset, size, new Span<byte>(hashes, (first + i) * Sha1.DigestLength, Sha1.DigestLength));
            }

            return content;
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _hasher.Dispose();
        }

        private long Fill(long position, int length)
        {
            int filled = 0;
            long content = 0;
            int index = _layout.FindEntry(position);
            while (filled < length)
            {
                var entry = _layout.Entries[index];
                long within = position + filled - entry.Offset;
                int take = (int)Math.Min(length - filled, entry.Length - within);
                if (take > 0)
                {
                    if (entry.IsPadding)
                    {
                        Array.Clear(_buffer, filled, take);
                    }
                    else
                    {
                        ReadExactly(index, entry, within, filled, take);
                        content += take;
                    }

                    filled += take;
                }

                index++;
            }

            return content;
        }

        private void ReadExactly(int index, TorrentLayoutEntry entry, long within, int bufferOffset, int count)
        {
            if (_openEntry != index)
            {
                _stream?.Dispose();
                _stream = null;
                _stream = entry.Source!.OpenRead();
                _openEntry = index;
                if (!_stream.CanRead || !_stream.CanSeek)
                {
                    throw new IOException("The stream for '" + string.Join("/", entry.Path) + "' must be readable and seekable.");
                }
            }

            var stream = _stream!;
            if (stream.Position != within)
            {
                stream.Position = within;
            }

            while (count > 0)
            {
                int read = stream.Read(_buffer, bufferOffset, count);
                if (read <= 0)
                {
                    throw new IOException(
                        "'" + string.Join("/", entry.Path) + "' became shorter than its listed " + entry.Length + " bytes while it was being hashed.");
                }

                bufferOffset += read;
                count -= read;
            }
        }
    }
}
