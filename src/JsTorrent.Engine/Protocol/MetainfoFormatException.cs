using System;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>A .torrent file that is valid bencode but not a valid (or not a supported) metainfo.</summary>
    public sealed class MetainfoFormatException : TorrentFormatException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What is wrong, naming the key at fault.</param>
        public MetainfoFormatException(string message) : base(message)
        {
        }

        /// <summary>Creates the exception around a bencode error.</summary>
        /// <param name="message">What is wrong.</param>
        /// <param name="inner">The bencode error.</param>
        public MetainfoFormatException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
