using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Interop.Tests
{
    /// <summary>Field-by-field comparison of our <see cref="Metainfo"/> with libtorrent's reading of the same file.</summary>
    public static class TorrentAssert
    {
        /// <summary>Everything both readings expose must agree: hash, name, geometry, files, piece hashes, flags, trackers, web seeds.</summary>
        public static void SameAsLibtorrent(LtTorrent expected, Metainfo actual)
        {
            Assert.Equal(expected.InfoHash, actual.InfoHash.ToString());
            Assert.Equal(expected.HasV2, actual.IsHybrid);
            Assert.Equal(expected.InfoHashV2, actual.InfoHashV2?.ToString());
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.PieceLength, actual.PieceLength);
            Assert.Equal(expected.NumPieces, actual.PieceCount);
            Assert.Equal(expected.TotalSize, actual.TotalSize);
            Assert.Equal(expected.IsPrivate, actual.IsPrivate);
            Assert.Equal(expected.Comment, actual.Comment ?? string.Empty);
            Assert.Equal(expected.Creator, actual.CreatedBy ?? string.Empty);

            Assert.Equal(Describe(expected.Files), Describe(actual.Files));
            for (int i = 0; i < expected.Files.Count; i++)
            {
                Assert.Equal(expected.Files[i].Path, actual.Files[i].PathElements);
            }

            for (int i = 0; i < expected.NumPieces; i++)
            {
                Assert.True(
                    expected.PieceHashes[i] == Convert.ToHexStringLower(actual.GetPieceHash(i)),
                    "Piece " + i + ": libtorrent reads hash " + expected.PieceHashes[i] + ", we read " + Convert.ToHexStringLower(actual.GetPieceHash(i)) + ".");
            }

            Assert.Equal(Tiers(expected.Trackers), Tiers(actual.AnnounceTiers));
            Assert.Equal(expected.WebSeeds, actual.WebSeeds);
        }

        /// <summary>
        /// The non-padding files libtorrent lists are exactly the files on disk under
        /// <paramref name="content"/> (names, sizes), each once.
        /// </summary>
        public static void ListsExactlyTheFilesOnDisk(LtTorrent torrent, string content)
        {
            var onDisk = new List<string>();
            if (File.Exists(content))
            {
                onDisk.Add(Path.GetFileName(content) + " " + new FileInfo(content).Length);
            }
            else
            {
                string name = Path.GetFileName(content);
                foreach (string file in Directory.EnumerateFiles(content, "*", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(content, file).Replace(Path.DirectorySeparatorChar, '/');
                    onDisk.Add(name + "/" + relative + " " + new FileInfo(file).Length);
                }
            }

            var listed = torrent.Files.Where(f => !f.IsPadding).Select(f => string.Join("/", f.Path) + " " + f.Size).ToList();
            onDisk.Sort(StringComparer.Ordinal);
            listed.Sort(StringComparer.Ordinal);
            Assert.Equal(onDisk, listed);
        }

        /// <summary>Every non-empty real file starts on a piece boundary, and pad files are <c>.pad/&lt;size&gt;</c> with attr p.</summary>
        public static void FilesAreAligned(LtTorrent torrent)
        {
            Assert.Contains(torrent.Files, f => f.IsPadding);
            foreach (var file in torrent.Files)
            {
                if (file.IsPadding)
                {
                    Assert.Equal(new[] { torrent.Name, ".pad", file.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) }, file.Path);
                    Assert.InRange(file.Size, 1, torrent.PieceLength - 1);
                }
                else if (file.Size > 0)
                {
                    Assert.True(file.Offset % torrent.PieceLength == 0, file + " starts at " + file.Offset + ", not on a piece boundary.");
                }
            }
        }

        /// <summary>libtorrent verified every piece against the data: nothing missing, seeding.</summary>
        public static void AllPiecesVerified(LtRecheck check, int pieceCount)
        {
            Assert.True(
                check.Missing.Count == 0,
                "libtorrent found " + check.Missing.Count + " of " + check.NumPieces + " pieces not matching the data: " + string.Join(", ", check.Missing.Take(20))
                + "; errors: " + string.Join(" | ", check.Errors));
            Assert.Empty(check.Errors);
            Assert.Equal(pieceCount, check.NumPieces);
            Assert.Equal(Enumerable.Range(0, pieceCount), check.Have);
            Assert.Equal(1.0, check.Progress);
            Assert.Equal("seeding", check.State);
        }

        private static List<string> Describe(IEnumerable<LtFile> files) =>
            files.Select(f => string.Join("/", f.Path) + " size=" + f.Size + " offset=" + f.Offset + (f.IsPadding ? " pad" : string.Empty)).ToList();

        private static List<string> Describe(IEnumerable<MetainfoFile> files) =>
            files.Select(f => f.RelativePath + " size=" + f.Length + " offset=" + f.Offset + (f.IsPadding ? " pad" : string.Empty)).ToList();

        // libtorrent shuffles the trackers within a tier when it loads a torrent (BEP 12), so compare tiers as sorted sets.
        private static List<string> Tiers(IEnumerable<LtTracker> trackers) =>
            trackers.GroupBy(t => t.Tier).OrderBy(g => g.Key).Select(g => string.Join(" ", g.Select(t => t.Url).OrderBy(u => u, StringComparer.Ordinal))).ToList();

        private static List<string> Tiers(IReadOnlyList<IReadOnlyList<string>> tiers) =>
            tiers.Select(tier => string.Join(" ", tier.OrderBy(u => u, StringComparer.Ordinal))).ToList();
    }
}
