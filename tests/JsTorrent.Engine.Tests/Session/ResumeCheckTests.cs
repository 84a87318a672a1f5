using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Tests.Storage;

namespace JsTorrent.Engine.Tests.Session
{
    public class ResumeCheckTests
    {
        private const string A = "Movie/a.bin";
        private const string Empty = "Movie/b/empty.txt";
        private const string C = "Movie/b/sub/c.bin";
        private const string D = "Movie/d.bin";

        /// <summary>
        /// Files end to end, 16 KiB pieces: a.bin [0, 20000) is pieces 0-1, b/empty.txt sits at 20000,
        /// b/sub/c.bin [20000, 60000) is pieces 1-3, d.bin [60000, 65000) is piece 3. Piece 1 spans a and c,
        /// piece 3 spans c and d.
        /// </summary>
        private static async Task<Metainfo> EndToEndAsync()
        {
            var metainfo = (await StorageTorrent.MultiFileAsync(pad: false)).Metainfo;
            Assert.Equal(new[] { A, Empty, C, D }, metainfo.Files.Select(f => f.RelativePath));
            Assert.Equal(4, metainfo.PieceCount);
            Assert.Equal(new[] { (0, 1), (1, 1), (1, 3), (3, 3) }, metainfo.Files.Select(f => (f.FirstPiece, f.LastPiece)));
            return metainfo;
        }

        /// <summary>Aligned with padding: a.bin is pieces 0-1, c.bin 2-4, d.bin 5; no piece spans two real files.</summary>
        private static async Task<Metainfo> PaddedAsync()
        {
            var metainfo = (await StorageTorrent.MultiFileAsync(pad: true)).Metainfo;
            Assert.Equal(6, metainfo.PieceCount);
            Assert.Equal(2, metainfo.Files.Count(f => f.IsPadding));
            Assert.Equal((0, 1), Pieces(metainfo, A));
            Assert.Equal((2, 4), Pieces(metainfo, C));
            Assert.Equal((5, 5), Pieces(metainfo, D));
            return metainfo;
        }

        private static (int, int) Pieces(Metainfo metainfo, string path)
        {
            var file = metainfo.Files.Single(f => f.RelativePath == path);
            return (file.FirstPiece, file.LastPiece);
        }

        /// <summary>The stamps right after the sync: each real file its own size and time, padding missing.</summary>
        private static FileStamp[] Stamps(Metainfo metainfo) =>
            metainfo.Files.Select(f => f.IsPadding ? FileStamp.Missing : new FileStamp(f.Length, 637_000_000_000_000_000 + f.Index)).ToArray();

        private static FileStamp[] With(Metainfo metainfo, FileStamp[] stamps, string path, FileStamp stamp)
        {
            var copy = (FileStamp[])stamps.Clone();
            copy[metainfo.Files.Single(f => f.RelativePath == path).Index] = stamp;
            return copy;
        }

        private static TorrentBitfieldRecord Saved(Metainfo metainfo, IEnumerable<int> durable, IEnumerable<int> unsure, FileStamp[]? stamps = null) =>
            new TorrentBitfieldRecord(
                TorrentBitfieldRecordTests.Bits(metainfo.PieceCount, durable.ToArray()),
                TorrentBitfieldRecordTests.Bits(metainfo.PieceCount, unsure.ToArray()),
                stamps ?? Stamps(metainfo));

        private static int[] All(Metainfo metainfo) => Enumerable.Range(0, metainfo.PieceCount).ToArray();

        private static int[] SetBits(Bitfield bits) => Enumerable.Range(0, bits.Length).Where(i => bits[i]).ToArray();

        private static void AssertOutcome(ResumeCheck check, int[] trusted, int[] rehash, string[]? missing = null, string[]? truncated = null, string[]? changed = null)
        {
            Assert.Equal(trusted, SetBits(check.Trusted));
            Assert.Equal(rehash, check.Rehash);
            Assert.Equal(missing ?? new string[0], check.MissingFiles);
            Assert.Equal(truncated ?? new string[0], check.TruncatedFiles);
            Assert.Equal(changed ?? new string[0], check.ChangedFiles);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task DurablePiecesOfUnchangedFilesAreAllTrusted(bool pad)
        {
            var metainfo = pad ? await PaddedAsync() : await EndToEndAsync();
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0]), Stamps(metainfo));
            Assert.Equal(metainfo.PieceCount, check.Trusted.Length);
            Assert.True(check.Trusted.IsAllSet);
            AssertOutcome(check, All(metainfo), new int[0]);
        }

        [Fact]
        public async Task NothingSavedMeansNothingTrustedAndNothingListed()
        {
            var metainfo = await EndToEndAsync();
            var now = With(metainfo, Stamps(metainfo), C, FileStamp.Missing);
            AssertOutcome(ResumeCheck.Run(metainfo, Saved(metainfo, new int[0], new int[0]), now), new int[0], new int[0]);
        }

        [Fact]
        public async Task ExactlyTheUnsurePiecesAreHashedAgain()
        {
            var metainfo = await EndToEndAsync();
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0, 2 }, new[] { 3, 1 }), Stamps(metainfo));
            AssertOutcome(check, new[] { 0, 2 }, new[] { 1, 3 });
        }

        [Fact]
        public async Task APieceBothDurableAndUnsureIsHashedAgain()
        {
            var metainfo = await EndToEndAsync();
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0, 1, 2 }, new[] { 2 }), Stamps(metainfo));
            AssertOutcome(check, new[] { 0, 1 }, new[] { 2 });
        }

        [Fact]
        public async Task AChangedTimeMakesEveryClaimedPieceOfThatFileSuspectSpanningPiecesIncluded()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var c = saved[2];
            var now = With(metainfo, saved, C, new FileStamp(c.Size, c.ModifiedTicks + 1));

            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), now);
            AssertOutcome(check, new[] { 0 }, new[] { 1, 2, 3 }, changed: new[] { C });

            // The same change to a.bin only touches its pieces, 0 and the spanning 1.
            var a = saved[0];
            check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), With(metainfo, saved, A, new FileStamp(a.Size, 0)));
            AssertOutcome(check, new[] { 2, 3 }, new[] { 0, 1 }, changed: new[] { A });
        }

        [Fact]
        public async Task OnlyTheClaimedPiecesOfAChangedFileAreHashedAgain()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var now = With(metainfo, saved, C, new FileStamp(saved[2].Size, 1));
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0, 2 }, new int[0], saved), now);
            AssertOutcome(check, new[] { 0 }, new[] { 2 }, changed: new[] { C });
        }

        [Fact]
        public async Task AShorterFileIsTruncatedAndALongerOneChanged()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var now = With(metainfo, saved, C, new FileStamp(saved[2].Size - 1, saved[2].ModifiedTicks));
            now = With(metainfo, now, D, new FileStamp(saved[3].Size + 100, saved[3].ModifiedTicks));

            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), now);
            AssertOutcome(check, new[] { 0 }, new[] { 1, 2, 3 }, truncated: new[] { C }, changed: new[] { D });
        }

        [Fact]
        public async Task AFileNowEmptyIsTruncated()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), With(metainfo, saved, D, new FileStamp(0, saved[3].ModifiedTicks)));
            AssertOutcome(check, new[] { 0, 1, 2 }, new[] { 3 }, truncated: new[] { D });
        }

        [Fact]
        public async Task TheClaimedPiecesOfAMissingFileAreDroppedSpanningPiecesIncluded()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var now = With(metainfo, saved, C, FileStamp.Missing);

            // Pieces 1 and 3 hold bytes of a.bin and d.bin too, but a piece is whole or nothing.
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), now);
            AssertOutcome(check, new[] { 0 }, new int[0], missing: new[] { C });

            // Unsure pieces of a missing file are dropped as well, not hashed again.
            check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0 }, new[] { 2, 3 }, saved), now);
            AssertOutcome(check, new[] { 0 }, new int[0], missing: new[] { C });
        }

        [Fact]
        public async Task AMissingFileWinsOverAChangedNeighbourOnASharedPiece()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var now = With(metainfo, saved, A, FileStamp.Missing);
            now = With(metainfo, now, C, new FileStamp(saved[2].Size, 42));

            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), now);
            AssertOutcome(check, new int[0], new[] { 2, 3 }, missing: new[] { A }, changed: new[] { C });
        }

        [Fact]
        public async Task StampsOfAnotherLayoutMakeEveryClaimedPieceSuspect()
        {
            var metainfo = await EndToEndAsync();
            var wrong = Stamps(metainfo).Take(2).ToArray();

            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0, 1, 3 }, new int[0], wrong), Stamps(metainfo));
            AssertOutcome(check, new int[0], new[] { 0, 1, 3 }, changed: new[] { A, C, D });

            // Too many stamps are as unknown as too few; a file that is gone still drops its pieces.
            var tooMany = Stamps(metainfo).Concat(new[] { new FileStamp(1, 1) }).ToArray();
            check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0, 3 }, new int[0], tooMany), With(metainfo, Stamps(metainfo), A, FileStamp.Missing));
            AssertOutcome(check, new int[0], new[] { 3 }, missing: new[] { A }, changed: new[] { C, D });
        }

        [Fact]
        public async Task AFileThatHadNoStampWhenSavedCountsAsChangedNotTruncated()
        {
            var metainfo = await EndToEndAsync();
            var saved = With(metainfo, Stamps(metainfo), D, FileStamp.Missing);
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0 }, new[] { 3 }, saved), Stamps(metainfo));
            AssertOutcome(check, new[] { 0 }, new[] { 3 }, changed: new[] { D });
        }

        [Fact]
        public async Task FilesWithoutClaimedPiecesAreNeverListed()
        {
            var metainfo = await EndToEndAsync();
            var saved = Stamps(metainfo);
            var now = With(metainfo, saved, C, FileStamp.Missing);
            now = With(metainfo, now, D, new FileStamp(1, 1));
            now = With(metainfo, now, Empty, FileStamp.Missing);

            // Only piece 0 is claimed, and it lies in a.bin alone.
            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0 }, new int[0], saved), now);
            AssertOutcome(check, new[] { 0 }, new int[0]);
        }

        [Fact]
        public async Task EmptyFilesAndPaddingNeverCountAgainstAPiece()
        {
            var metainfo = await PaddedAsync();
            var saved = Stamps(metainfo);

            // The empty file is gone and a padding file "has" a stamp now; neither matters.
            var now = With(metainfo, saved, Empty, FileStamp.Missing);
            int paddingIndex = metainfo.Files.First(f => f.IsPadding).Index;
            now[paddingIndex] = new FileStamp(12_345, 1);

            var check = ResumeCheck.Run(metainfo, Saved(metainfo, All(metainfo), new int[0], saved), now);
            AssertOutcome(check, All(metainfo), new int[0]);
        }

        [Fact]
        public async Task WithPaddingAChangedFileTouchesOnlyItsOwnPieces()
        {
            var metainfo = await PaddedAsync();
            var saved = Stamps(metainfo);
            var now = With(metainfo, saved, C, new FileStamp(1, 1));
            now = With(metainfo, now, D, FileStamp.Missing);

            var check = ResumeCheck.Run(metainfo, Saved(metainfo, new[] { 0, 1, 2, 3, 5 }, new[] { 4 }, saved), now);
            AssertOutcome(check, new[] { 0, 1 }, new[] { 2, 3, 4 }, missing: new[] { D }, truncated: new[] { C });
        }
    }
}
