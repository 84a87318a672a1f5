namespace JsTorrent.Engine.Protocol
{
    /// <summary>A magnet link that cannot be used, with the reason and the character offset where known.</summary>
    public sealed class MagnetLinkFormatException : TorrentFormatException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong.</param>
        public MagnetLinkFormatException(string message) : base(message)
        {
        }

        /// <summary>Creates the exception with the offending character offset.</summary>
        /// <param name="message">What is wrong.</param>
        /// <param name="offset">Character offset into the link.</param>
        public MagnetLinkFormatException(string message, long offset) : base(message, offset)
        {
        }
    }
}
