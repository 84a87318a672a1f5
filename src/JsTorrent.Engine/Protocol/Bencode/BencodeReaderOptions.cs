namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>Limits and strictness of <see cref="BencodeReader"/>.</summary>
    public sealed class BencodeReaderOptions
    {
        /// <summary>The defaults: depth 256, unsorted keys accepted, no trailing data.</summary>
        public static BencodeReaderOptions Default { get; } = new BencodeReaderOptions();

        /// <summary>
        /// Maximum nesting of lists and dictionaries. Real metainfo nests about
        /// five deep; the limit keeps hostile input from exhausting the stack.
        /// </summary>
        public int MaxDepth { get; set; } = 256;

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
