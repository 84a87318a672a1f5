using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Core.Pieces;
using static JsTorrent.Engine.Tests.Core.Pieces.PickerTestKit;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    /// <summary>Request bookkeeping: endgame, received blocks, cancels, expiry, failures.</summary>
    public class PiecePickerRequestTests
    {
        [Fact]
        public void EndgameAsksAtMostThreePeersPerBlockAndNeverOnePeerTwice()
        {
            var picker = Picker(Layout(2 * Block, 2 * Block));
            var everything = All(1);
            var peers = Enumerable.Range(0, 4).Select(_ => new object()).ToArray();
            for (int i = 0; i < peers.Length; i++)
            {
                picker.AddPeer(everything);
            }

            Assert.Equal(2, Pick(picker, peers[0], everything, 10).Count);
            Assert.True(picker.IsEndgame);
            Assert.Empty(Pick(picker, peers[0], everything, 10));

            var second = Pick(picker, peers[1], everything, 10);
            var third = Pick(picker, peers[2], everything, 10);
            Assert.Equal(new[] { 0, Block }, second.Select(r => r.Begin));
            Assert.Equal(new[] { 0, Block }, third.Select(r => r.Begin));
            Assert.Empty(Pick(picker, peers[3], everything, 10));
            Assert.Equal(3, picker.GetRequesterCount(0, 0));
            Assert.Equal(3, picker.GetRequesterCount(0, 1));
            Assert.Equal(2, picker.CountRequests(peers[2]));
        }

        [Fact]
        public void EndgameSpreadsDuplicatesBeforeAddingAThirdRequester()
        {
            var picker = Picker(Layout(2 * Block, 2 * Block));
            var everything = All(1);
            Assert.Equal(2, Pick(picker, new object(), everything, 2).Count);
            Assert.Equal(Block, Assert.Single(Pick(picker, new object(), everything, 1)).Length);

            var c = Pick(picker, new object(), everything, 1);
            Assert.Equal(2, picker.GetRequesterCount(0, 0));
            Assert.Equal(2, picker.GetRequesterCount(0, 1)); // the block with one requester went first
            Assert.Single(c);
        }

        [Fact]
        public void AReceivedBlockListsItsOtherRequestersForCancel()
        {
            var picker = Picker(Layout(2 * Block, 2 * Block));
            var everything = All(1);
            var (a, b, c) = (new object(), new object(), new object());
            Pick(picker, a, everything, 10);
            Pick(picker, b, everything, 10);
            Pick(picker, c, everything, 10);

            var cancelFrom = new List<object>();
            var result = picker.OnBlockReceived(b, 0, Block, Block, cancelFrom, out bool complete);

            Assert.Equal(BlockReceiveResult.Accepted, result);
            Assert.False(complete);
            Assert.Equal(2, cancelFrom.Count);
            Assert.Contains(a, cancelFrom);
            Assert.Contains(c, cancelFrom);
            Assert.Equal(new[] { 1, 1, 1 }, new[] { a, b, c }.Select(picker.CountRequests));
            Assert.Equal(0, picker.GetRequesterCount(0, 1));
            Assert.Same(b, Assert.Single(picker.GetContributors(0)));

            cancelFrom.Clear();
            Assert.Equal(BlockReceiveResult.Duplicate, picker.OnBlockReceived(a, 0, Block, Block, cancelFrom, out _));
            Assert.Empty(cancelFrom);

            Assert.Equal(BlockReceiveResult.Accepted, picker.OnBlockReceived(a, 0, 0, Block, cancelFrom, out complete));
            Assert.True(complete);
            Assert.Equal(new[] { b, c }, cancelFrom.OrderBy(p => p == b ? 0 : 1));
            Assert.Equal(2, picker.GetContributors(0).Count);
            Assert.Equal(0, picker.CountRequests(b));
        }

        [Fact]
        public void BadBlocksAreInvalidAndRepeatsAreDuplicates()
        {
            var picker = Picker(Layout(3 * Block + 100, 2 * Block)); // piece 1: one full block and 100 bytes
            var peer = new object();
            var cancels = new List<object>();

            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, 2, 0, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, -1, 0, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, 0, 100, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, 0, -Block, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, 0, 2 * Block, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, 0, 0, Block - 1, cancels, out _));
            Assert.Equal(BlockReceiveResult.Invalid, picker.OnBlockReceived(peer, 1, Block, Block, cancels, out _));
            Assert.Equal(0, picker.ActivePieceCount);

            // Unrequested data for a missing block of a wanted piece is still useful.
            Assert.Equal(BlockReceiveResult.Accepted, picker.OnBlockReceived(peer, 1, Block, 100, cancels, out bool complete));
            Assert.False(complete);
            Assert.Equal(BlockReceiveResult.Duplicate, picker.OnBlockReceived(peer, 1, Block, 100, cancels, out _));
            Assert.Equal(1, picker.ReceivedBlockCount(1));

            picker.MarkVerified(0);
            Assert.Equal(BlockReceiveResult.Duplicate, picker.OnBlockReceived(peer, 0, 0, Block, cancels, out _));
            picker.SetPiecePriority(1, FilePriority.Skip);
            Assert.Equal(BlockReceiveResult.Accepted, picker.OnBlockReceived(peer, 1, 0, Block, cancels, out complete)); // already in progress
            Assert.True(complete);
            Assert.Empty(cancels);
        }

        [Fact]
        public void UnrequestedBlocksOfSkippedPiecesAndPaddingAreNotTaken()
        {
            var picker = Picker(Layout(4 * Block, 2 * Block, (3 * Block, Block)));
            picker.SetPiecePriority(0, FilePriority.Skip);
            var cancels = new List<object>();

            Assert.Equal(BlockReceiveResult.NotRequested, picker.OnBlockReceived(new object(), 0, 0, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Duplicate, picker.OnBlockReceived(new object(), 1, Block, Block, cancels, out _));
            Assert.Equal(BlockReceiveResult.Accepted, picker.OnBlockReceived(new object(), 1, 0, Block, cancels, out bool complete));
            Assert.True(complete); // the padding block counts as received
            Assert.Equal(2, picker.ReceivedBlockCount(1));
        }

        [Fact]
        public void ExpiredRequestsAreReportedAndCanBeRequestedAgain()
        {
            var picker = Picker(Layout(4 * Block, 4 * Block));
            var everything = All(1);
            var (slow, other) = (new object(), new object());
            Assert.Equal(2, Pick(picker, slow, everything, 2, nowMs: 0).Count);
            Assert.Single(Pick(picker, slow, everything, 1, nowMs: 500));

            var expired = new List<(object Peer, BlockRequest Request)>();
            Assert.Equal(0, picker.ExpireRequests(999, 1000, expired));
            Assert.Equal(2, picker.ExpireRequests(1000, 1000, expired));

            Assert.All(expired, e => Assert.Same(slow, e.Peer));
            Assert.Equal(new[] { 0, Block }, expired.Select(e => e.Request.Begin).OrderBy(b => b));
            Assert.Equal(1, picker.CountRequests(slow));
            var again = Pick(picker, other, everything, 3, nowMs: 1000);
            Assert.Equal(new[] { 0, Block, 3 * Block }, again.Select(r => r.Begin)); // the expired two, then the one nobody asked for
        }

        [Fact]
        public void RemovingAPeersRequestsFreesItsBlocksAndIdlePieces()
        {
            var picker = Picker(Layout(8 * Block, 2 * Block));
            var everything = All(4);
            var (gone, stays) = (new object(), new object());
            var taken = Pick(picker, gone, everything, 3);
            Assert.Equal(2, picker.ActivePieceCount);

            picker.RemovePeerRequests(gone);
            Assert.Equal(0, picker.CountRequests(gone));
            Assert.Equal(0, picker.ActivePieceCount);

            var retaken = Pick(picker, stays, everything, 8);
            Assert.Equal(8, retaken.Count);
            Assert.Subset(new HashSet<BlockRequest>(retaken), new HashSet<BlockRequest>(taken)); // what was freed is among what is asked again
        }

        [Fact]
        public void CancelRequestForgetsOneRequest()
        {
            var picker = Picker(Layout(2 * Block, 2 * Block));
            var peer = new object();
            Pick(picker, peer, All(1), 2);

            Assert.True(picker.CancelRequest(peer, 0, Block));
            Assert.False(picker.CancelRequest(peer, 0, Block));
            Assert.False(picker.CancelRequest(peer, 0, 7));
            Assert.False(picker.CancelRequest(peer, 5, 0));
            Assert.Equal(1, picker.CountRequests(peer));
            Assert.Equal(new BlockRequest(0, Block, Block), Assert.Single(Pick(picker, new object(), All(1), 1)));
        }

        [Fact]
        public void AFailedPieceReportsItsContributorsAndIsRequestedAgain()
        {
            var picker = Picker(Layout(2 * Block, 2 * Block));
            var everything = All(1);
            var (a, b) = (new object(), new object());
            var fromA = Pick(picker, a, everything, 1);
            var fromB = Pick(picker, b, everything, 1);
            Assert.Equal(BlockReceiveResult.Accepted, Deliver(picker, a, fromA[0], out _));
            Assert.Equal(BlockReceiveResult.Accepted, Deliver(picker, b, fromB[0], out bool complete));
            Assert.True(complete);

            var contributors = new List<object>();
            picker.MarkFailed(0, contributors);

            Assert.Equal(2, contributors.Count);
            Assert.Contains(a, contributors);
            Assert.Contains(b, contributors);
            Assert.Empty(picker.GetContributors(0));
            Assert.Equal(0, picker.ReceivedBlockCount(0));
            Assert.False(picker.Verified[0]);
            Assert.Equal(2, Pick(picker, a, everything, 5).Count);
        }

        [Fact]
        public void VerifiedPiecesCountTowardsCompletion()
        {
            var picker = Picker(Layout(3 * Block + 10, Block));
            picker.SetPiecePriority(3, FilePriority.Skip);
            Assert.Equal(3L * Block, picker.WantedBytesRemaining);
            Assert.Equal(3, picker.WantedPiecesRemaining);

            picker.MarkVerified(0);
            picker.MarkVerified(3); // not wanted, still ours
            Assert.Equal(2L * Block, picker.WantedBytesRemaining);
            Assert.Equal(1, picker.ReceivedBlockCount(0));

            picker.MarkVerified(1);
            picker.MarkVerified(2);
            Assert.True(picker.IsCompleteForWanted);
            Assert.False(picker.IsEndgame);
            Assert.Empty(Pick(picker, new object(), All(4), 10));

            picker.MarkNotVerified(1);
            Assert.False(picker.IsCompleteForWanted);
            Assert.Equal(new BlockRequest(1, 0, Block), Assert.Single(Pick(picker, new object(), All(4), 10)));

            picker.ResetAll();
            Assert.Equal(0, picker.Verified.CountSet);
            Assert.Equal(0, picker.ActivePieceCount);
            Assert.Equal(3L * Block, picker.WantedBytesRemaining);
        }

        [Fact]
        public void ArgumentsAreChecked()
        {
            var picker = Picker(Layout(2 * Block, Block));
            Assert.Throws<ArgumentException>(() => picker.AddPeer(new Bitfield(3)));
            Assert.Throws<ArgumentOutOfRangeException>(() => picker.SetPiecePriority(0, (FilePriority)7));
            Assert.Throws<ArgumentOutOfRangeException>(() => picker.MarkVerified(2));
            Assert.Throws<ArgumentNullException>(() => picker.PickBlocks(null!, All(2), false, null, 1, new BlockRequest[1], 0));
            Assert.Equal(0, picker.PickBlocks(new object(), All(2), false, null, 0, new BlockRequest[1], 0));
            Assert.Equal(1, picker.PickBlocks(new object(), All(2), false, null, 5, new BlockRequest[1], 0));
        }
    }
}
