namespace JsTorrent.Engine.Protocol
{
    /// <summary>Malformed bencode: carries the byte offset of the first bad byte and the reason.</summary>
    public sealed class BencodeFormatException : TorrentFormatException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="reason">What is wrong.</param>
        /// <param name="offset">Byte offset into the input.</param>
        public BencodeFormatException(string reason, long offset) : base(reason, offset)
        {
        }
    }
}
