using System;

namespace JsTorrent.Engine.Core
{
    /// <summary>A torrent stopped on a failure (disk full, files gone, ...).</summary>
    public sealed class TorrentErrorEventArgs : TorrentEventArgs
    {
        /// <summary>Creates the arguments.</summary>
        /// <param name="torrent">The torrent.</param>
        /// <param name="message">What went wrong, for people.</param>
        /// <param name="exception">The underlying exception, if any.</param>
        public TorrentErrorEventArgs(Torrent torrent, string message, Exception? exception)
            : base(torrent)
        {
            Message = message;
            Exception = exception;
        }

        /// <summary>What went wrong, for people.</summary>
        public string Message { get; }

        /// <summary>The underlying exception, if any.</summary>
        public Exception? Exception { get; }
    }
}
