using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Core
{
    /// <content>
    /// Coming back from the session: the saved user state, priorities and counters, then a check of
    /// the files against the saved stamps (<see cref="ResumeCheck"/>). Trusted pieces count at once;
    /// unsure and changed ones are hashed when the torrent first runs, instead of a full check.
    /// </content>
    public sealed partial class Torrent
    {
        private ResumeCheck? _resume;

        // An error found by the restore's own checks (a missing root or files) is found again at the next
        // restore, so it is not saved: once the root is back, the torrent must not stay in error.
        private bool _errorFromRestoreCheck;

        /// <summary>Takes the saved user state, priorities, limits, counters and peers.</summary>
        internal void ApplyRestored(TorrentProgressRecord progress, IReadOnlyList<SavedPeer> peers)
        {
            UserState = progress.UserState;
            AddedAt = progress.AddedAt;
            CompletedAt = progress.CompletedAt;
            BytesDownloaded = progress.BytesDownloaded;
            BytesUploaded = progress.BytesUploaded;
            ErrorMessage = progress.ErrorMessage;
            DownloadLimit.BytesPerSecond = progress.DownloadRateLimit;
            UploadLimit.BytesPerSecond = progress.UploadRateLimit;
            if (Metainfo != null && progress.FilePriorities.Length == _filePriorities.Length)
            {
                Array.Copy(progress.FilePriorities, _filePriorities, _filePriorities.Length);
                ApplyFilePriorities();
            }

            _savedPeers = peers;
            foreach (var peer in peers)
            {
                Swarm.Connector.AddPeer(peer.Host, peer.Port);
            }
        }

        /// <summary>Compares the files with the saved stamps and takes the pieces that can be trusted.</summary>
        /// <param name="saved">The saved bitfield; null (none, corrupt or for another layout) means a normal first check.</param>
        internal async Task CheckRestoredFilesAsync(TorrentBitfieldRecord? saved)
        {
            if (saved is null || Storage is null || Picker is null || saved.PieceCount != Layout!.PieceCount)
            {
                UpdateState();
                return;
            }

            var stamps = await FileStamps.TakeAsync(Storage, FileSystem!, default).ConfigureAwait(true);
            var check = ResumeCheck.Run(Metainfo!, saved, stamps);
            for (int piece = check.Trusted.NextSet(0); piece >= 0; piece = check.Trusted.NextSet(piece + 1))
            {
                Picker.MarkVerified(piece);
            }

            RefreshVerifiedBytes();
            Swarm.RefreshInterest();
            _durable = check.Trusted.Clone();
            _stamps = stamps;
            _resume = check.Rehash.Count > 0 ? check : null;
            _checkedOnce = _resume is null;
            ReportRestoreFindings(check);
            UpdateState();
        }

        /// <summary>The restore found the torrent cannot run as saved (its storage root is gone).</summary>
        internal void FailRestore(string message, Exception? exception)
        {
            _errorFromRestoreCheck = true;
            ErrorMessage = null;
            Fail(message, exception);
        }

        private void ReportRestoreFindings(ResumeCheck check)
        {
            if (check.TruncatedFiles.Count > 0 || check.ChangedFiles.Count > 0)
            {
                var parts = new List<string>();
                if (check.TruncatedFiles.Count > 0)
                {
                    parts.Add(Describe(check.TruncatedFiles) + " shorter than when the session was saved");
                }

                if (check.ChangedFiles.Count > 0)
                {
                    parts.Add(Describe(check.ChangedFiles) + " changed on disk since the session was saved");
                }

                LastWarning = string.Join("; ", parts) + ": " + check.Rehash.Count + " piece(s) will be checked again before they count.";
                Log.Warning(LastWarning);
            }

            if (check.MissingFiles.Count > 0)
            {
                FailRestore(
                    Describe(check.MissingFiles) + " missing since the session was saved (" + (check.MissingFiles.Count == 1 ? "it was" : "they were") +
                    " deleted or moved). Start the torrent to download " + (check.MissingFiles.Count == 1 ? "it" : "them") + " again.",
                    null);
            }
        }

        private static string Describe(IReadOnlyList<string> files)
        {
            const int Shown = 3;
            var names = new List<string>();
            for (int i = 0; i < files.Count && i < Shown; i++)
            {
                names.Add("'" + files[i] + "'");
            }

            string list = string.Join(", ", names) + (files.Count > Shown ? " and " + (files.Count - Shown) + " more" : string.Empty);
            return (files.Count == 1 ? "The file " : files.Count + " files, ") + list + (files.Count == 1 ? " is" : ", are");
        }
    }
}
