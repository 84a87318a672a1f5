using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tests.Protocol;

namespace JsTorrent.Engine.Tests.Core.Pieces
{
    /// <summary>A whole download driven through the picker by three fake peers that answer, reject, stall and choke.</summary>
    public class PiecePickerSimulationTests
    {
        private sealed class FakePeer
        {
            public FakePeer(string name, Bitfield pieces)
            {
                Name = name;
                Pieces = pieces;
            }

            public string Name { get; }

            public Bitfield Pieces { get; }

            public List<BlockRequest> Outstanding { get; } = new List<BlockRequest>();

            public bool Choking { get; set; }

            public override string ToString() => Name;
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(2024)]
        public void ThreePeersCompleteEveryWantedPieceWithoutPaddingOrSkippedRequests(int seed)
        {
            // 32 KiB pieces: a [0, 40000) | padding to 65536 | b [65536, 165536) skipped | c [165536, 215536) | d [215536, 245536)
            var metainfo = Metainfo.Parse(TestTorrents.Torrent(TestTorrents.MultiFileInfo("t", 32_768,
                ("a.bin", 40_000, null), (".pad|25536", 25_536, "p"), ("b.bin", 100_000, null), ("c.bin", 50_000, null), ("d.bin", 30_000, null))));
            var layout = new PieceLayout(metainfo);
            var picker = new PiecePicker(layout, new Random(seed));
            picker.SetFilePriorities(metainfo.Files, new[] { FilePriority.Normal, FilePriority.Normal, FilePriority.Skip, FilePriority.High, FilePriority.Low });
            int[] wanted = { 0, 1, 5, 6, 7 };
            Assert.Equal(wanted, Enumerable.Range(0, layout.PieceCount).Where(picker.IsWanted));

            var peers = new[]
            {
                new FakePeer("p0", PickerTestKit.Have(8, 0, 1, 2, 5, 6)),
                new FakePeer("p1", PickerTestKit.Have(8, 1, 3, 5, 7)),
                new FakePeer("p2", PickerTestKit.Have(8, 0, 4, 6, 7)),
            };
            foreach (var peer in peers)
            {
                picker.AddPeer(peer.Pieces);
            }

            var random = new Random(seed);
            var buffer = new BlockRequest[8];
            var cancels = new List<object>();
            var expired = new List<(object Peer, BlockRequest Request)>();
            var allowedFast = new[] { 6 };
            bool failedOnce = false;
            long now = 0;
            int step = 0;
            for (; step < 5000 && !picker.IsCompleteForWanted; step++)
            {
                now += 10;
                foreach (var peer in peers)
                {
                    // Choking comes and goes; without the fast extension a choke drops every request.
                    if (random.Next(20) == 0)
                    {
                        peer.Choking = !peer.Choking;
                        if (peer.Choking)
                        {
                            picker.RemovePeerRequests(peer);
                            peer.Outstanding.Clear();
                        }
                    }

                    int room = 4 - peer.Outstanding.Count;
                    int n = picker.PickBlocks(peer, peer.Pieces, peer.Choking, allowedFast, room, buffer, now);
                    for (int i = 0; i < n; i++)
                    {
                        var request = buffer[i];
                        Assert.True(peer.Pieces[request.Piece], peer + " asked for a piece it lacks");
                        Assert.True(picker.IsWanted(request.Piece), "asked for skipped piece " + request.Piece);
                        Assert.False(picker.Verified[request.Piece]);
                        Assert.False(layout.IsPaddingBlock(request.Piece, request.Block), "asked for a padding block");
                        Assert.True(!peer.Choking || request.Piece == 6, "a choking peer was asked for a piece outside the allowed-fast set");
                        Assert.DoesNotContain(request, peer.Outstanding);
                        peer.Outstanding.Add(request);
                    }

                    Assert.Equal(peer.Outstanding.Count, picker.CountRequests(peer));
                    Serve(peer);
                }

                if (step % 25 == 0)
                {
                    expired.Clear();
                    picker.ExpireRequests(now, 200, expired);
                    foreach (var (peer, request) in expired)
                    {
                        Assert.True(((FakePeer)peer).Outstanding.Remove(request));
                    }
                }
            }

            Assert.True(picker.IsCompleteForWanted, "not complete after " + step + " steps");
            Assert.True(failedOnce);
            Assert.Equal(wanted, Enumerable.Range(0, 8).Where(p => picker.Verified[p]));
            Assert.Equal(0L, picker.WantedBytesRemaining);
            Assert.Equal(0, picker.ActivePieceCount);

            void Serve(FakePeer peer)
            {
                if (peer.Outstanding.Count == 0 || random.Next(3) == 0)
                {
                    return; // a slow peer
                }

                var request = peer.Outstanding[0];
                peer.Outstanding.RemoveAt(0);
                if (random.Next(10) == 0)
                {
                    Assert.True(picker.CancelRequest(peer, request.Piece, request.Begin)); // REJECT
                    return;
                }

                cancels.Clear();
                var result = picker.OnBlockReceived(peer, request.Piece, request.Begin, request.Length, cancels, out bool complete);
                Assert.Equal(BlockReceiveResult.Accepted, result);
                foreach (FakePeer other in cancels)
                {
                    Assert.NotSame(peer, other);
                    Assert.True(other.Outstanding.Remove(request));
                }

                if (complete)
                {
                    if (!failedOnce && request.Piece == 6)
                    {
                        failedOnce = true;
                        var contributors = new List<object>();
                        picker.MarkFailed(6, contributors);
                        Assert.Contains(peer, contributors);
                    }
                    else
                    {
                        picker.MarkVerified(request.Piece);
                    }
                }
            }
        }
    }
}
