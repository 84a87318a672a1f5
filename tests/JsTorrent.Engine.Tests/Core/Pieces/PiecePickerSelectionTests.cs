using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Core.Pieces;
using static JsTorrent.Engine.Tests.Core.Pieces.PickerTestKit;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    /// <summary>Which piece a peer is asked for: rarity, randomness, partial pieces, priority, choking.</summary>
    public class PiecePickerSelectionTests
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(42)]
        public void RarestPieceIsPickedFirst(int seed)
        {
            var picker = Picker(Layout(4 * Block, Block), seed);
            var peer = new object();
            var everything = All(4);
            picker.AddPeer(everything);
            picker.AddPeer(Have(4, 0, 1, 3));
            picker.AddPeer(Have(4, 0, 1, 3));

            Assert.Equal(1, picker.GetAvailability(2));
            Assert.Equal(3, picker.GetAvailability(0));
            var first = Pick(picker, peer, everything, 1);
            Assert.Equal(new BlockRequest(2, 0, Block), Assert.Single(first));
        }

        [Fact]
        public void SeedsCountOnceForEveryPieceAndDoNotChangeTheOrder()
        {
            var picker = Picker(Layout(3 * Block, Block));
            picker.AddSeed();
            picker.AddSeed();
            picker.AddPeer(Have(3, 0, 2));
            picker.AddPeerPiece(1);
            picker.AddPeerPiece(1);

            Assert.Equal(new[] { 3, 4, 3 }, Enumerable.Range(0, 3).Select(picker.GetAvailability));
            Assert.NotEqual(1, Assert.Single(Pick(picker, new object(), All(3), 1)).Piece);
            picker.RemoveSeed();
            picker.RemovePeer(Have(3, 0, 2));
            Assert.Equal(new[] { 1, 3, 1 }, Enumerable.Range(0, 3).Select(picker.GetAvailability));
        }

        [Fact]
        public void EqualRarityIsBrokenAtRandomSoDifferentSeedsStartDifferentPieces()
        {
            var firsts = new HashSet<int>();
            for (int seed = 0; seed < 40; seed++)
            {
                var picker = Picker(Layout(16 * Block, Block), seed);
                var everything = All(16);
                picker.AddPeer(everything);
                firsts.Add(Assert.Single(Pick(picker, new object(), everything, 1)).Piece);
            }

            Assert.True(firsts.Count >= 8, "only " + firsts.Count + " distinct first pieces over 40 seeds");
        }

        [Fact]
        public void EqualRarityIsRandomForAPeerWithFewPiecesToo()
        {
            var firsts = new HashSet<int>();
            var peerPieces = Have(1000, 100, 300, 500, 700, 900);
            for (int seed = 0; seed < 40; seed++)
            {
                var picker = Picker(Layout(1000L * Block, Block), seed);
                picker.AddPeer(All(1000));
                picker.AddPeer(peerPieces);
                picker.AddPeer(Have(1000, Enumerable.Range(0, 1000).Where(i => i % 100 != 0).ToArray())); // the peer's 5 pieces hide among 990 as rare: the bucket walk gives up and scans words
                var request = Assert.Single(Pick(picker, new object(), peerPieces, 1));
                Assert.Contains(request.Piece, new[] { 100, 300, 500, 700, 900 });
                firsts.Add(request.Piece);
            }

            Assert.True(firsts.Count >= 3);
        }

        [Fact]
        public void PartialPiecesAreFinishedBeforeRarerPiecesAreStarted()
        {
            var picker = Picker(Layout(4L * 4 * Block, 4 * Block));
            var x = new object();
            var y = new object();
            var xPieces = Have(4, 0);
            var yPieces = All(4);
            picker.AddPeer(xPieces);
            picker.AddPeer(yPieces);

            var fromX = Pick(picker, x, xPieces, 2);
            Assert.All(fromX, r => Assert.Equal(0, r.Piece));
            Assert.Equal(1, picker.ActivePieceCount);

            var fromY = Pick(picker, y, yPieces, 3);
            Assert.Equal(new[] { 0, 0 }, fromY.Take(2).Select(r => r.Piece));
            Assert.Equal(new[] { 2 * Block, 3 * Block }, fromY.Take(2).Select(r => r.Begin));
            Assert.NotEqual(0, fromY[2].Piece); // piece 0 is fully requested; a rarer piece is started
            Assert.Equal(2, picker.ActivePieceCount);
        }

        [Fact]
        public void PiecesThePeerAlreadyWorksOnComeBeforeOtherPartialPieces()
        {
            var picker = Picker(Layout(2L * 4 * Block, 4 * Block));
            var x = new object();
            var y = new object();
            var yPieces = Have(2, 1);
            picker.AddPeer(All(2));
            picker.AddPeer(yPieces);

            Assert.Equal(0, Assert.Single(Pick(picker, x, Have(2, 0), 1)).Piece);
            Assert.Equal(1, Assert.Single(Pick(picker, y, yPieces, 1)).Piece);
            yPieces[0] = true;
            picker.AddPeerPiece(0);

            var next = Pick(picker, y, yPieces, 3);
            Assert.All(next, r => Assert.Equal(1, r.Piece));
            Assert.Equal(4, picker.CountRequests(y));
        }

        [Fact]
        public void HigherPriorityComesFirstWhateverTheRarity()
        {
            var picker = Picker(Layout(3 * Block, Block));
            picker.SetPiecePriority(0, FilePriority.Low);
            picker.SetPiecePriority(1, FilePriority.High);
            picker.SetPiecePriority(2, FilePriority.Normal);
            var peer = new object();
            var everything = All(3);
            picker.AddPeer(everything);
            picker.AddPeer(Have(3, 1, 2)); // piece 0 (Low) is the rarest

            var order = Enumerable.Range(0, 3).Select(_ => Assert.Single(Pick(picker, peer, everything, 1)).Piece).ToList();
            Assert.Equal(new[] { 1, 2, 0 }, order);
        }

        [Fact]
        public void SkippedPiecesAreNeverPickedNorCountedAsWanted()
        {
            var picker = Picker(Layout(4 * Block, Block));
            picker.SetPiecePriority(1, FilePriority.Skip);
            picker.SetPiecePriority(3, FilePriority.Skip);
            var everything = All(4);
            picker.AddPeer(everything);

            Assert.False(picker.IsWanted(1));
            Assert.Equal(2L * Block, picker.WantedBytesRemaining);
            var requests = Pick(picker, new object(), everything, 100);
            Assert.Equal(new[] { 0, 2 }, requests.Select(r => r.Piece).OrderBy(p => p));
            Assert.Empty(Pick(picker, new object(), Have(4, 1, 3), 100));
        }

        [Fact]
        public void AChokingPeerIsAskedOnlyForAllowedFastPiecesItHas()
        {
            var picker = Picker(Layout(4L * 2 * Block, 2 * Block));
            var peer = new object();
            var everything = All(4);
            picker.AddPeer(everything);

            Assert.Empty(Pick(picker, peer, everything, 10, true, null));
            Assert.Empty(Pick(picker, peer, Have(4, 0), 10, true, new[] { 2 }));

            var requests = Pick(picker, peer, everything, 10, true, new List<int> { 2 });
            Assert.Equal(new[] { new BlockRequest(2, 0, Block), new BlockRequest(2, Block, Block) }, requests);

            // Nothing more in the allowed set, and the same peer is never asked twice for a block.
            Assert.Empty(Pick(picker, peer, everything, 10, true, new HashSet<int> { 2 }));
        }

        [Fact]
        public void AllowedFastPiecesGetEndgameDuplicatesFromAnotherChokingPeer()
        {
            var picker = Picker(Layout(2L * 2 * Block, 2 * Block));
            var everything = All(2);
            picker.AddPeer(everything);
            picker.AddPeer(everything);
            Assert.Equal(2, Pick(picker, new object(), everything, 10, true, new[] { 1 }).Count);

            var second = Pick(picker, new object(), everything, 10, true, new HashSet<int> { 1 });
            Assert.Equal(2, second.Count);
            Assert.All(second, r => Assert.Equal(1, r.Piece));
            Assert.Equal(2, picker.GetRequesterCount(1, 0));
        }

        [Fact]
        public void PaddingBlocksAreNeverRequested()
        {
            // Piece 0: a.bin [0, 20000) then padding to 65536; blocks 2 and 3 are padding.
            var picker = Picker(Layout(135_536, 65_536, (20_000, 45_536)));
            var requests = Pick(picker, new object(), All(3), 100);

            Assert.Equal(new[] { 0, Block }, requests.Where(r => r.Piece == 0).Select(r => r.Begin).OrderBy(b => b));
            Assert.Equal(2 + 4 + 1, requests.Count);
        }

        [Fact]
        public void AWholePaddingPieceIsNotWantedAndNeverPicked()
        {
            var picker = Picker(Layout(3 * Block, Block, (Block, Block)));
            Assert.False(picker.IsWanted(1));
            Assert.Equal(2L * Block, picker.WantedBytesRemaining);
            Assert.DoesNotContain(1, Pick(picker, new object(), All(3), 10).Select(r => r.Piece));
        }
    }
}
