using System;
using System.Threading.Tasks;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Storage
{
    public class TorrentFileMapTests
    {
        // Movie: 0 a.bin [0,20000) 1 pad [20000,32768) 2 empty.txt [32768,32768) 3 c.bin [32768,72768) 4 pad [72768,81920) 5 d.bin [81920,86920)
        [Fact]
        public async Task TheTestTorrentHasTheExpectedLayout()
        {
            var t = await StorageTorrent.MultiFileAsync();
            var files = t.Metainfo.Files;
            Assert.Equal(6, files.Count);
            Assert.Equal(new[] { false, true, false, false, true, false }, new[] { files[0].IsPadding, files[1].IsPadding, files[2].IsPadding, files[3].IsPadding, files[4].IsPadding, files[5].IsPadding });
            Assert.Equal(new long[] { 0, 20_000, 32_768, 32_768, 72_768, 81_920 }, new[] { files[0].Offset, files[1].Offset, files[2].Offset, files[3].Offset, files[4].Offset, files[5].Offset });
            Assert.Equal(86_920, t.Metainfo.TotalSize);
            Assert.Equal(6, t.Metainfo.PieceCount);
            Assert.Equal(5_000, t.Metainfo.GetPieceSize(5));
        }

        [Theory]
        [InlineData(0, 0)]
        [InlineData(19_999, 0)]
        [InlineData(20_000, 1)]
        [InlineData(32_767, 1)]
        [InlineData(32_768, 3)] // never the empty file at the same offset
        [InlineData(72_767, 3)]
        [InlineData(81_920, 5)]
        [InlineData(86_919, 5)]
        public async Task FindFileReturnsTheFileHoldingTheByte(long offset, int expected)
        {
            var map = new TorrentFileMap((await StorageTorrent.MultiFileAsync()).Metainfo.Files);
            Assert.Equal(expected, map.FindFile(offset));
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(86_920)]
        public async Task FindFileRefusesOffsetsOutsideTheTorrent(long offset)
        {
            var map = new TorrentFileMap((await StorageTorrent.MultiFileAsync()).Metainfo.Files);
            Assert.Throws<ArgumentOutOfRangeException>(() => map.FindFile(offset));
        }

        [Fact]
        public async Task SegmentsCoverARangeAcrossFilesSkippingEmptyOnes()
        {
            var map = new TorrentFileMap((await StorageTorrent.MultiFileAsync()).Metainfo.Files);
            Span<FileSegment> segments = stackalloc FileSegment[8];
            int count = map.GetFileSegments(19_000, 60_000, segments);
            Assert.Equal(4, count);
            Assert.Equal(count, map.CountFileSegments(19_000, 60_000));
            AssertSegment(segments[0], 0, 19_000, 1_000);
            AssertSegment(segments[1], 1, 0, 12_768);
            AssertSegment(segments[2], 3, 0, 40_000);
            AssertSegment(segments[3], 4, 0, 6_232);
        }

        [Fact]
        public async Task SegmentsOfRangesOnBoundariesAndEmptyRanges()
        {
            var map = new TorrentFileMap((await StorageTorrent.MultiFileAsync()).Metainfo.Files);
            var segments = new FileSegment[4];
            Assert.Equal(1, map.GetFileSegments(0, 20_000, segments));
            AssertSegment(segments[0], 0, 0, 20_000);
            Assert.Equal(1, map.GetFileSegments(81_920, 5_000, segments));
            AssertSegment(segments[0], 5, 0, 5_000);
            Assert.Equal(0, map.GetFileSegments(86_920, 0, segments));
            Assert.Equal(0, map.CountFileSegments(100, 0));
        }

        [Fact]
        public async Task SegmentsRefuseBadRangesAndSmallDestinations()
        {
            var map = new TorrentFileMap((await StorageTorrent.MultiFileAsync()).Metainfo.Files);
            var one = new FileSegment[1];
            Assert.Throws<ArgumentOutOfRangeException>(() => map.GetFileSegments(86_000, 1_000, one));
            Assert.Throws<ArgumentOutOfRangeException>(() => map.GetFileSegments(-1, 10, one));
            Assert.Throws<ArgumentOutOfRangeException>(() => map.GetFileSegments(0, -1, one));
            Assert.Throws<ArgumentException>(() => map.GetFileSegments(0, 30_000, one));
        }

        [Fact]
        public async Task ASingleFileTorrentIsOneFileNamedLikeTheTorrent()
        {
            var t = await StorageTorrent.SingleFileAsync(40_000);
            var map = new TorrentFileMap(t.Metainfo.Files);
            Assert.Equal(1, map.FileCount);
            Assert.Equal(0, map.FindFile(39_999));
            Assert.Equal(new[] { "single.iso" }, t.Metainfo.Files[0].PathElements);
        }

        private static void AssertSegment(FileSegment segment, int file, long offset, long length)
        {
            Assert.Equal(file, segment.FileIndex);
            Assert.Equal(offset, segment.FileOffset);
            Assert.Equal(length, segment.Length);
        }
    }
}
