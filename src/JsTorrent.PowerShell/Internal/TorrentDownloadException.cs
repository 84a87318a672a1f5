using System;
using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Why a .torrent could not be downloaded, with the ErrorId and category Add-Torrent reports it under.</summary>
    internal sealed class TorrentDownloadException : Exception
    {
        public TorrentDownloadException(string errorId, ErrorCategory category, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }
    }
}
