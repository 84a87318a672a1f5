using System.Collections.Generic;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// Decides, on restore, which saved pieces can be trusted without reading them. This is the
    /// restore half of the crash-safety policy (docs/session.md):
    /// <list type="bullet">
    /// <item>a piece is trusted only if it was durable (verified before a finished content sync) and
    /// every file it touches has the same size and modification time as right after that sync;</item>
    /// <item>unsure pieces (verified after the last sync), and saved pieces of a file that changed size or
    /// time since (written after the sync, truncated, or edited by someone else), are hashed again, and
    /// only those;</item>
    /// <item>saved pieces of a file that is gone are dropped, and the torrent reports the missing files.</item>
    /// </list>
    /// </summary>
    internal sealed class ResumeCheck
    {
        private ResumeCheck(Bitfield trusted, List<int> rehash, List<string> missing, List<string> truncated, List<string> changed)
        {
            Trusted = trusted;
            Rehash = rehash;
            MissingFiles = missing;
            TruncatedFiles = truncated;
            ChangedFiles = changed;
        }

        /// <summary>Pieces taken as verified without reading them.</summary>
        public Bitfield Trusted { get; }

        /// <summary>Saved pieces to hash again before they count, in order.</summary>
        public IReadOnlyList<int> Rehash { get; }

        /// <summary>Files that held saved pieces and are gone.</summary>
        public IReadOnlyList<string> MissingFiles { get; }

        /// <summary>Files shorter than when their pieces were saved.</summary>
        public IReadOnlyList<string> TruncatedFiles { get; }

        /// <summary>Files whose size grew or whose modification time moved since their pieces were saved.</summary>
        public IReadOnlyList<string> ChangedFiles { get; }

        /// <param name="metainfo">The torrent.</param>
        /// <param name="saved">The saved bitfield record (its piece count is checked by the caller).</param>
        /// <param name="current">The files' stamps now, one per file of the metadata.</param>
        public static ResumeCheck Run(Metainfo metainfo, TorrentBitfieldRecord saved, FileStamp[] current)
        {
            int pieceCount = metainfo.PieceCount;
            var claimed = saved.Durable.Clone();
            for (int piece = saved.Unsure.NextSet(0); piece >= 0; piece = saved.Unsure.NextSet(piece + 1))
            {
                claimed.TrySet(piece);
            }

            var dropped = new Bitfield(pieceCount);
            var suspect = saved.Unsure.Clone();
            var missing = new List<string>();
            var truncated = new List<string>();
            var changed = new List<string>();
            bool stampsKnown = saved.Files.Length == metainfo.Files.Count;
            foreach (var file in metainfo.Files)
            {
                if (file.IsPadding || file.Length == 0 || !AnyClaimed(claimed, file))
                {
                    continue;
                }

                var now = current[file.Index];
                var then = stampsKnown ? saved.Files[file.Index] : FileStamp.Missing;
                if (now.IsMissing)
                {
                    missing.Add(file.RelativePath);
                    Mark(dropped, file);
                }
                else if (!stampsKnown || !now.Equals(then))
                {
                    (stampsKnown && !then.IsMissing && now.Size < then.Size ? truncated : changed).Add(file.RelativePath);
                    Mark(suspect, file);
                }
            }

            var trusted = new Bitfield(pieceCount);
            var rehash = new List<int>();
            for (int piece = claimed.NextSet(0); piece >= 0; piece = claimed.NextSet(piece + 1))
            {
                if (dropped[piece])
                {
                    continue;
                }

                if (suspect[piece])
                {
                    rehash.Add(piece);
                }
                else
                {
                    trusted.TrySet(piece);
                }
            }

            return new ResumeCheck(trusted, rehash, missing, truncated, changed);
        }

        private static bool AnyClaimed(Bitfield claimed, MetainfoFile file)
        {
            int next = claimed.NextSet(file.FirstPiece);
            return next >= 0 && next <= file.LastPiece;
        }

        private static void Mark(Bitfield bits, MetainfoFile file)
        {
            for (int piece = file.FirstPiece; piece <= file.LastPiece; piece++)
            {
                bits.TrySet(piece);
            }
        }
    }
}
