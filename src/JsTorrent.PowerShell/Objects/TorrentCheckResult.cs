using System;
using System.Collections.Generic;

namespace JsTorrent
{
    /// <summary>What Test-Torrent found on disk for one torrent.</summary>
    public sealed class TorrentCheckResult
    {
        internal TorrentCheckResult(Torrent torrent, int validPieces, long bytesValid, long size, TimeSpan duration, IReadOnlyList<string> incompleteFiles, IReadOnlyList<string> missingFiles)
        {
            Name = torrent.Name;
            InfoHash = torrent.InfoHash;
            PieceCount = torrent.PieceCount;
            ValidPieces = validPieces;
            BytesValid = bytesValid;
            Size = size;
            PercentComplete = size == 0 ? 100 : Math.Round(bytesValid * 100.0 / size, 2);
            Duration = duration;
            IncompleteFiles = incompleteFiles;
            MissingFiles = missingFiles;
            Torrent = torrent;
        }

        /// <summary>The torrent's name.</summary>
        public string Name { get; }

        /// <summary>The torrent's info-hash.</summary>
        public string InfoHash { get; }

        /// <summary>Pieces of the torrent.</summary>
        public int PieceCount { get; }

        /// <summary>Pieces whose data on disk matches their hash.</summary>
        public int ValidPieces { get; }

        /// <summary>Pieces that are absent or do not match their hash.</summary>
        public int MissingPieces => PieceCount - ValidPieces;

        /// <summary>Bytes of the content in valid pieces.</summary>
        public long BytesValid { get; }

        /// <summary>Bytes of the whole content (skipped files included).</summary>
        public long Size { get; }

        /// <summary>Valid share of the whole content, 0-100.</summary>
        public double PercentComplete { get; }

        /// <summary>True when every piece is valid.</summary>
        public bool IsComplete => ValidPieces == PieceCount;

        /// <summary>How long the check took.</summary>
        public TimeSpan Duration { get; }

        /// <summary>Paths (as Get-TorrentFile's Path) of the files not wholly valid, the missing ones included.</summary>
        public IReadOnlyList<string> IncompleteFiles { get; }

        /// <summary>Paths of the files that are not on disk at all.</summary>
        public IReadOnlyList<string> MissingFiles { get; }

        /// <summary>The torrent checked.</summary>
        public Torrent Torrent { get; }

        /// <inheritdoc/>
        public override string ToString() => Name + ": " + ValidPieces + " of " + PieceCount + " pieces valid";
    }
}
