using System;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>What a wait on a <see cref="LibtorrentPeer"/> learns when the script can no longer print what it waits for.</summary>
    internal sealed class LibtorrentPeerStoppedException : Exception
    {
        public LibtorrentPeerStoppedException(string message)
            : base(message)
        {
        }
    }
}
