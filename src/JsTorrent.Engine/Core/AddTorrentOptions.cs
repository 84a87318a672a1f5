using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Core
{
    /// <summary>How <see cref="BtEngine.AddTorrentAsync(Protocol.Metainfo, AddTorrentOptions?, System.Threading.CancellationToken)"/> adds a torrent.</summary>
    public sealed class AddTorrentOptions
    {
        /// <summary>Where this torrent's content goes; null uses the engine's <see cref="EngineOptions.FileSystem"/>.</summary>
        public IFileSystem? FileSystem { get; set; }

        /// <summary>
        /// Token or label of the storage root to store it in; null uses <see cref="FileSystem"/>, else the
        /// default root, else the engine's <see cref="EngineOptions.FileSystem"/>. With none of these the
        /// torrent waits in <see cref="TorrentState.NeedsStorageRoot"/> until a root is assigned.
        /// </summary>
        public string? StorageRoot { get; set; }

        /// <summary>Add without starting (user state <see cref="TorrentUserState.Stopped"/>).</summary>
        public bool Stopped { get; set; }
    }
}
