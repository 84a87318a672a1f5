using System;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Hosting;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent
{
    /// <summary>
    /// A torrent of the runspace's engine (the output of Add-Torrent, Get-Torrent and the lifecycle cmdlets,
    /// and their pipeline input). Every property reads the engine's current value. Sizes are bytes, rates
    /// bytes per second, percentages 0-100, so scripts can sort and compare; the format file makes them readable.
    /// </summary>
    public sealed class Torrent
    {
        private readonly RunningEngine _engine;

        internal Torrent(RunningEngine engine, EngineTorrent torrent)
        {
            _engine = engine;
            Engine = torrent;
        }

        /// <summary>The torrent's name (its file, or its top folder); the magnet's display name or info-hash until metadata arrives.</summary>
        public string Name => Engine.Name;

        /// <summary>The v1 info-hash, 40 lower-case hex digits.</summary>
        public string InfoHash => Engine.InfoHash.ToString();

        /// <summary>What the torrent is doing now.</summary>
        public TorrentState State => Engine.State;

        /// <summary>True when the user suspended it (Suspend-Torrent, Add-Torrent -Suspended).</summary>
        public bool IsSuspended => Engine.UserState != TorrentUserState.Active;

        /// <summary>Verified share of the wanted content, 0-100.</summary>
        public double PercentComplete => Math.Round(Engine.Progress * 100, 2);

        /// <summary>Bytes of the content that are wanted (skipped files excluded); 0 until a magnet's metadata arrives.</summary>
        public long Size => Engine.WantedSize;

        /// <summary>Bytes of the whole torrent, skipped files included.</summary>
        public long TotalSize => Engine.TotalSize;

        /// <summary>Verified bytes of the wanted content.</summary>
        public long BytesCompleted => Engine.VerifiedBytes;

        /// <summary>Payload bytes received from peers (this session and earlier ones).</summary>
        public long Downloaded => Engine.BytesDownloaded;

        /// <summary>Payload bytes sent to peers (this session and earlier ones).</summary>
        public long Uploaded => Engine.BytesUploaded;

        /// <summary>Uploaded divided by the content size (or by what was downloaded, when larger).</summary>
        public double Ratio
        {
            get
            {
                long basis = Math.Max(Engine.BytesDownloaded, Engine.WantedSize);
                return basis == 0 ? 0 : Math.Round((double)Engine.BytesUploaded / basis, 3);
            }
        }

        /// <summary>Download rate in bytes per second.</summary>
        public long DownloadRate => Engine.DownloadRate;

        /// <summary>Upload rate in bytes per second.</summary>
        public long UploadRate => Engine.UploadRate;

        /// <summary>Time left at the current rate; null when complete or unknown.</summary>
        public TimeSpan? Eta => Engine.Progress >= 1 ? null : RoundEta(Engine.EstimatedTimeRemaining);

        /// <summary>Connected peers.</summary>
        public int Peers => Engine.ConnectedPeers;

        /// <summary>Connected peers that have the whole torrent.</summary>
        public int Seeds => Engine.ConnectedSeeds;

        /// <summary>Peer addresses known (connected or not).</summary>
        public int KnownPeers => Engine.KnownPeers;

        /// <summary>Number of pieces (0 until metadata arrives).</summary>
        public int PieceCount => Engine.PieceCount;

        /// <summary>Pieces verified so far.</summary>
        public int VerifiedPieces => Engine.VerifiedPieceCount;

        /// <summary>True once the torrent's metadata (file list) is known.</summary>
        public bool HasMetadata => Engine.HasMetadata;

        /// <summary>The label (or token, when it has none) of the storage root the content is under; null while it has none.</summary>
        public string? StorageRoot
        {
            get
            {
                var root = _engine.Engine.GetTorrentStorageRoot(Engine);
                return root is null ? null : string.IsNullOrEmpty(root.Label) ? root.Token : root.Label;
            }
        }

        /// <summary>Where the content is: the file of a single-file torrent, the top folder of a multi-file one. Null while it has no root.</summary>
        public string? Path
        {
            get
            {
                var root = _engine.Engine.GetTorrentStorageRoot(Engine);
                return root is null ? null : ContentPaths.Combine(root.Path, Engine.Name);
            }
        }

        /// <summary>When it was added to the session (local time).</summary>
        public DateTime AddedAt => Engine.AddedAt.LocalDateTime;

        /// <summary>When the wanted content was complete (local time); null until then.</summary>
        public DateTime? CompletedAt => Engine.CompletedAt?.LocalDateTime;

        /// <summary>Why it stopped with an error; null when it has none.</summary>
        public string? Error => Engine.ErrorMessage;

        /// <summary>The last warning about its content (e.g. files changed on disk since the session was saved); null when none.</summary>
        public string? Warning => Engine.LastWarning;

        /// <summary>The magnet link it was added from, or null when added from a .torrent.</summary>
        public string? MagnetUri => Engine.Magnet?.ToString();

        internal EngineTorrent Engine { get; }

        internal RunningEngine Owner => _engine;

        /// <summary>The engine's torrent, for scripts that use the engine's .NET API directly.</summary>
        /// <returns>The <see cref="EngineTorrent"/> this object reads.</returns>
        public EngineTorrent GetEngineTorrent() => Engine;

        /// <inheritdoc/>
        public override string ToString() => Name;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is Torrent other && ReferenceEquals(other.Engine, Engine);

        /// <inheritdoc/>
        public override int GetHashCode() => Engine.GetHashCode();

        private static TimeSpan? RoundEta(TimeSpan? eta) =>
            eta is null ? null : TimeSpan.FromSeconds(Math.Ceiling(Math.Min(eta.Value.TotalSeconds, TimeSpan.FromDays(3650).TotalSeconds)));
    }
}
