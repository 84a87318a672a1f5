namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>What <see cref="PiecePicker.OnBlockReceived"/> made of an incoming block.</summary>
    internal enum BlockReceiveResult
    {
        /// <summary>New data for a missing block: write it.</summary>
        Accepted,

        /// <summary>The block was already received (or is padding, or the piece is verified): drop it.</summary>
        Duplicate,

        /// <summary>Valid boundaries, but the piece is not wanted and nothing of it is in progress: drop it.</summary>
        NotRequested,

        /// <summary>Not a block of this torrent (bad piece index, offset or length): a protocol violation.</summary>
        Invalid,
    }
}
