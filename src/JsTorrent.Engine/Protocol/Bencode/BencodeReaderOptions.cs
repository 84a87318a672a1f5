using System;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>Limits and strictness of <see cref="BencodeReader"/>.</summary>
    public sealed class BencodeReaderOptions
    {
        // Used when a caller passes no options; never handed out, so no caller can change it for others.
        internal static readonly BencodeReaderOptions Defaults = new BencodeReaderOptions();

        /// <summary>The highest <see cref="MaxDepth"/> accepted: deeper recursion could exhaust a thread's stack.</summary>
        public const int DepthCeiling = 1024;

        private int _maxDepth = 256;
        private int _maxValues = 4_000_000;

        /// <summary>
        /// Maximum nesting of lists and dictionaries (1 to <see cref="DepthCeiling"/>). Real metainfo
        /// nests about five deep; the limit keeps hostile input from exhausting the stack.
        /// </summary>
        public int MaxDepth
        {
            get => _maxDepth;
            set => _maxDepth = value >= 1 && value <= DepthCeiling
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDepth must be from 1 to " + DepthCeiling + ".");
        }

        /// <summary>
        /// Maximum number of values (every integer, string, list and dictionary, keys included).
        /// Each value costs tens of bytes of memory for two or three bytes of input, so this bounds
        /// what a small hostile input can make the reader hold. The default, 4,000,000, fits a
        /// torrent of about 400,000 files.
        /// </summary>
        public int MaxValues
        {
            get => _maxValues;
            set => _maxValues = value >= 1
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxValues must be positive.");
        }

        /// <summary>
        /// Maximum length of one byte string. A string can never be longer than
        /// the input that holds it, so the default bound is the input itself.
        /// </summary>
        public int MaxStringLength { get; set; } = int.MaxValue;

        /// <summary>
        /// Refuse dictionaries whose keys are not in ascending byte order. Off by
        /// default: many real .torrent files have unsorted keys, and the info-hash
        /// is taken over the bytes as received, so accepting them is harmless.
        /// Duplicate keys are always refused.
        /// </summary>
        public bool RequireSortedKeys { get; set; }

        /// <summary>Allow bytes after the first complete value (e.g. a message payload that continues).</summary>
        public bool AllowTrailingData { get; set; }
    }
}
