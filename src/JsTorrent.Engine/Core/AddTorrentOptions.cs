using System;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;

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

        /// <summary>
        /// Chooses each file's priority (<see cref="FilePriority.Skip"/> leaves it out) before anything is requested or
        /// checked: for a .torrent while it is added, for a magnet as soon as its metadata arrives. Called once per file,
        /// padding files excepted, on the engine loop, so it must be quick and must not block. Null leaves every file
        /// <see cref="FilePriority.Normal"/>. The chosen priorities are saved in the session like those set later with
        /// <see cref="Torrent.SetFilePriorityAsync"/>; the function itself is not (a magnet restored before its metadata
        /// arrived gets every file). Ignored when the torrent is already in the engine.
        /// </summary>
        /// <remarks>
        /// What it throws for a .torrent fails the add (nothing is added); for a magnet it puts the torrent in
        /// <see cref="TorrentState.Error"/> with nothing downloaded. A value outside <see cref="FilePriority"/> counts as
        /// an <see cref="ArgumentOutOfRangeException"/> thrown by it.
        /// </remarks>
        public Func<MetainfoFile, FilePriority>? FilePriorities { get; set; }
    }
}
