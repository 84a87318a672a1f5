namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>
    /// A bencoded value: <see cref="BencodeInteger"/>, <see cref="BencodeString"/>,
    /// <see cref="BencodeList"/> or <see cref="BencodeDictionary"/>.
    /// Values produced by <see cref="BencodeReader"/> remember where they were
    /// in the input, so that the exact bytes of a dictionary (the metainfo's
    /// <c>info</c>) can be hashed as they were received, never re-encoded.
    /// </summary>
    public abstract class BencodeValue
    {
        /// <summary>Byte offset of this value in the input it was read from, or -1 for a value built in code.</summary>
        public int SourceOffset { get; internal set; } = -1;

        /// <summary>Length in bytes of this value's encoding in the input, or 0 for a value built in code.</summary>
        public int SourceLength { get; internal set; }

        /// <summary>Encodes this value in canonical form (dictionary keys sorted).</summary>
        /// <returns>The bencoded bytes.</returns>
        public byte[] Encode() => BencodeWriter.Encode(this);
    }
}
