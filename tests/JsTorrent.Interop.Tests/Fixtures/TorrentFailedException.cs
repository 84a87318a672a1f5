using System;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>A torrent of a <see cref="NativePeer"/> entered the error state while a test waited for it.</summary>
    internal sealed class TorrentFailedException : Exception
    {
    }
}
