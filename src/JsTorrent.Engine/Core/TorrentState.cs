namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// What a torrent is doing, derived from its <see cref="TorrentUserState"/> and its activity in
    /// this precedence: engine suspended → <see cref="Stopped"/>; <see cref="Checking"/>; user
    /// stopped or queued → <see cref="Stopped"/> (unless a restore found its storage root or files
    /// missing); <see cref="Error"/>; no metadata → <see cref="DownloadingMetadata"/>; no storage root →
    /// <see cref="NeedsStorageRoot"/>; every wanted piece present → <see cref="Seeding"/>; otherwise <see cref="Downloading"/>.
    /// </summary>
    public enum TorrentState
    {
        /// <summary>Not transferring (stopped or queued by the user, or the engine is suspended).</summary>
        Stopped,

        /// <summary>Verifying the data on disk against the piece hashes.</summary>
        Checking,

        /// <summary>Added from a magnet link and waiting for the info dictionary.</summary>
        DownloadingMetadata,

        /// <summary>
        /// Has its metadata but nowhere to store its content: no storage root was given and there is no
        /// default. It starts once a root is assigned.
        /// </summary>
        NeedsStorageRoot,

        /// <summary>Fetching wanted pieces.</summary>
        Downloading,

        /// <summary>Every wanted piece is verified; serving peers.</summary>
        Seeding,

        /// <summary>Stopped by a failure; <see cref="Torrent.ErrorMessage"/> says which.</summary>
        Error,
    }
}
