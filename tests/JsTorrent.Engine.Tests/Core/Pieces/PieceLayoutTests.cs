using System;
using System.Linq;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tests.Protocol;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    public class PieceLayoutTests
    {
        private const int Block = PieceLayout.BlockSize;

        [Fact]
        public void OddLastPieceHasAShortLastBlock()
        {
            var layout = PickerTestKit.Layout(100_000, 32_768);

            Assert.Equal(4, layout.PieceCount);
            Assert.Equal(2, layout.MaxBlocksPerPiece);
            Assert.Equal(32_768, layout.GetPieceSize(2));
            Assert.Equal(100_000 - (3 * 32_768), layout.GetPieceSize(3));
            Assert.Equal(2, layout.GetBlockCount(0));
            Assert.Equal(1, layout.GetBlockCount(3));
            Assert.Equal(Block, layout.GetBlockSize(0, 1));
            Assert.Equal(1_696, layout.GetBlockSize(3, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => layout.GetBlockSize(3, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => layout.GetPieceSize(4));
        }

        [Fact]
        public void PieceSmallerThanABlockIsOneBlock()
        {
            var layout = PickerTestKit.Layout(10_000, 65_536);
            Assert.Equal(1, layout.PieceCount);
            Assert.Equal(1, layout.MaxBlocksPerPiece);
            Assert.Equal(10_000, layout.GetBlockSize(0, 0));
        }

        [Fact]
        public void OnlyBlocksWhollyInsidePaddingArePadding()
        {
            // a.bin [0, 20000), padding [20000, 65536), b.bin [65536, 135536); 64 KiB pieces of 4 blocks.
            var layout = PickerTestKit.Layout(135_536, 65_536, (20_000, 45_536));

            Assert.False(layout.IsPaddingBlock(0, 0));
            Assert.False(layout.IsPaddingBlock(0, 1)); // holds a.bin's last bytes
            Assert.True(layout.IsPaddingBlock(0, 2));
            Assert.True(layout.IsPaddingBlock(0, 3));
            Assert.False(layout.IsPaddingBlock(1, 0));
            Assert.Equal(2, layout.GetPaddingBlockCount(0));
            Assert.Equal(20_000, layout.GetContentSize(0));
            Assert.Equal(65_536, layout.GetContentSize(1));
            Assert.False(layout.IsPaddingPiece(0));
        }

        [Fact]
        public void AdjacentPaddingRangesMergeAndAWholePaddedPieceIsAPaddingPiece()
        {
            // Two padding files back to back cover piece 1 entirely.
            var layout = PickerTestKit.Layout(4 * Block, Block, (Block + 100, Block), (Block, 100));

            Assert.True(layout.IsPaddingPiece(1));
            Assert.True(layout.IsPaddingBlock(1, 0));
            Assert.Equal(0, layout.GetContentSize(1));
            Assert.Equal(Block - 100, layout.GetContentSize(2));
            Assert.False(layout.IsPaddingPiece(2));
            Assert.False(layout.IsPaddingPiece(0));
        }

        [Fact]
        public void MetainfoPaddingFilesBecomePadding()
        {
            var info = TestTorrents.MultiFileInfo("t", 32_768, ("a.bin", 10_000, null), (".pad|22768", 22_768, "p"), ("b.bin", 40_000, null));
            var metainfo = Metainfo.Parse(TestTorrents.Torrent(info));
            var layout = new PieceLayout(metainfo);

            Assert.Equal(metainfo.PieceCount, layout.PieceCount);
            Assert.Equal(metainfo.TotalSize, layout.TotalSize);
            Assert.Equal(Enumerable.Range(0, layout.PieceCount).Select(metainfo.GetPieceSize), Enumerable.Range(0, layout.PieceCount).Select(layout.GetPieceSize));
            Assert.False(layout.IsPaddingBlock(0, 0));
            Assert.True(layout.IsPaddingBlock(0, 1));
            Assert.Equal(10_000, layout.GetContentSize(0));
        }
    }
}
