using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>One file of a torrent, with its place in the torrent's byte space.</summary>
    public sealed class MetainfoFile
    {
        internal MetainfoFile(int index, IReadOnlyList<string> pathElements, string originalPath, long length, long offset, string attributes, bool isPadding, int firstPiece, int lastPiece)
        {
            FirstPiece = firstPiece;
            LastPiece = lastPiece;
            Index = index;
            PathElements = pathElements;
            OriginalPath = originalPath;
            Length = length;
            Offset = offset;
            Attributes = attributes;
            IsPadding = isPadding;
        }

        /// <summary>Position of the file in the torrent's file list (padding files included).</summary>
        public int Index { get; }

        /// <summary>
        /// Safe path elements relative to the storage root: <c>[name]</c> for a
        /// single-file torrent, <c>[name, dir..., file]</c> for a multi-file one.
        /// Every element has passed <see cref="PathSanitizer"/> and de-duplication.
        /// </summary>
        public IReadOnlyList<string> PathElements { get; }

        /// <summary>The safe path relative to the storage root, elements joined with <c>/</c>.</summary>
        public string RelativePath => string.Join("/", PathElements);

        /// <summary>The path as the torrent spells it (decoded, unsanitised), for display only; never use it to open a file.</summary>
        public string OriginalPath { get; }

        /// <summary>File size in bytes.</summary>
        public long Length { get; }

        /// <summary>Offset of the file's first byte in the torrent's byte space (the concatenation of all files).</summary>
        public long Offset { get; }

        /// <summary>Offset one past the file's last byte.</summary>
        public long EndOffset => Offset + Length;

        /// <summary>BEP 47 attribute letters as given (<c>p</c> padding, <c>x</c> executable, <c>h</c> hidden, <c>l</c> symlink).</summary>
        public string Attributes { get; }

        /// <summary>True for a BEP 47 padding file: its bytes are zeros, never requested, never written.</summary>
        public bool IsPadding { get; }

        /// <summary>True when the torrent marks the file executable (BEP 47 <c>x</c>).</summary>
        public bool IsExecutable => Attributes.IndexOf('x') >= 0;

        /// <summary>True when the torrent marks the file hidden (BEP 47 <c>h</c>).</summary>
        public bool IsHidden => Attributes.IndexOf('h') >= 0;

        /// <summary>Index of the first piece holding bytes of this file; for an empty file, the piece at its offset (the last piece when it sits at the very end).</summary>
        public int FirstPiece { get; }

        /// <summary>Index of the last piece holding bytes of this file; equals <see cref="FirstPiece"/> for an empty file.</summary>
        public int LastPiece { get; }

        /// <inheritdoc/>
        public override string ToString() => RelativePath;
    }
}
