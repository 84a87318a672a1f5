using System;
using System.Linq;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Core.Pieces;
using static JsTorrent.Engine.Tests.Core.Pieces.PickerTestKit;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    public class FilePiecePrioritiesTests
    {
        // 32 KiB pieces: a [0, 40000) | padding [40000, 65536) | b [65536, 165536) | c [165536, 215536) | empty | d [215536, 245536)
        private static readonly (long Offset, long Length, bool IsPadding)[] Files =
        {
            (0, 40_000, false), (40_000, 25_536, true), (65_536, 100_000, false), (165_536, 50_000, false), (215_536, 0, false), (215_536, 30_000, false),
        };

        private static readonly PieceLayout FileLayout = Layout(245_536, 32_768, (40_000, 25_536));

        [Fact]
        public void APieceTakesTheHighestPriorityOfItsFilesAndSharedBoundaryPiecesStayWanted()
        {
            var result = Compute(FilePriority.Normal, FilePriority.Skip, FilePriority.Skip, FilePriority.High, FilePriority.Skip, FilePriority.Low);

            Assert.Equal(
                new[] { FilePriority.Normal, FilePriority.Normal, FilePriority.Skip, FilePriority.Skip, FilePriority.Skip, FilePriority.High, FilePriority.High, FilePriority.Low },
                result);
        }

        [Fact]
        public void PaddingAndEmptyFilesDoNotMakeAPieceWanted()
        {
            // Piece 1 holds a's tail and padding; with a skipped it is skipped whatever the padding file's priority.
            var result = Compute(FilePriority.Skip, FilePriority.High, FilePriority.Normal, FilePriority.Skip, FilePriority.High, FilePriority.Skip);

            Assert.Equal(FilePriority.Skip, result[0]);
            Assert.Equal(FilePriority.Skip, result[1]);
            Assert.Equal(FilePriority.Normal, result[5]); // b's tail
            Assert.Equal(FilePriority.Skip, result[6]); // c and d skipped; the empty file at c's end does not count
        }

        [Fact]
        public void PickerAppliesFilePrioritiesToItsPieces()
        {
            var picker = new PiecePicker(FileLayout, new Random(3));
            picker.SetFilePriorities(Files, new[] { FilePriority.Skip, FilePriority.Skip, FilePriority.Normal, FilePriority.Skip, FilePriority.Skip, FilePriority.Skip });

            Assert.Equal(new[] { 2, 3, 4, 5 }, Enumerable.Range(0, 8).Where(picker.IsWanted));
            Assert.Equal(Enumerable.Range(2, 4).Sum(p => (long)FileLayout.GetPieceSize(p)), picker.WantedBytesRemaining);
            Assert.Throws<ArgumentException>(() => picker.SetFilePriorities(Files, new[] { FilePriority.Normal }));
        }

        private static FilePriority[] Compute(params FilePriority[] priorities)
        {
            var result = new FilePriority[FileLayout.PieceCount];
            FilePiecePriorities.Compute(FileLayout, Files, priorities, result);
            return result;
        }
    }
}
