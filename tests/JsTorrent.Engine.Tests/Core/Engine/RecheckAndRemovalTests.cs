using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Tests.Core.Session;
using JsTorrent.Engine.Tests.Protocol;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>A recheck the user cancels, and removal with data of torrents that share a storage root.</summary>
    public class RecheckAndRemovalTests
    {
        private static async Task<Torrent> SeedingAsync(SwarmHarness.Node node, TestTorrent torrent)
        {
            torrent.WriteTo(node.FileSystem);
            var added = await node.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => added.State == TorrentState.Seeding, added.Name + " seeds");
            return added;
        }

        [Fact]
        public async Task CancellingARecheckStopsItAndLeavesTheTorrentStopped()
        {
            var torrent = await TestTorrent.SingleFileAsync("big.bin", 4 * 1024 * 1024, 16 * 1024, seed: 5);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.30.1");
            var seeding = await SeedingAsync(node, torrent);

            using var cts = new CancellationTokenSource();
            var recheck = seeding.RecheckAsync(new SynchronousProgress<double>(_ => cts.Cancel()), cts.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recheck.WaitAsync(EngineWait.Default));
            Assert.Equal(TorrentState.Stopped, seeding.State);
            Assert.Equal(TorrentUserState.Stopped, seeding.UserState);
            Assert.InRange(seeding.VerifiedPieceCount, 1, seeding.PieceCount - 1);
            Assert.Equal(0, node.FileSystem.OpenHandleCount);

            await seeding.StartAsync();
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "starting checks again and finds it complete");
            Assert.Equal(seeding.PieceCount, seeding.VerifiedPieceCount);
        }

        [Fact]
        public async Task StartAfterAStopCutARecheckShortChecksAgain()
        {
            var torrent = await TestTorrent.SingleFileAsync("big.bin", 4 * 1024 * 1024, 16 * 1024, seed: 9);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.30.4");
            var seeding = await SeedingAsync(node, torrent);

            Task? stop = null;
            await seeding.RecheckAsync(new SynchronousProgress<double>(_ => stop ??= seeding.StopAsync())).WaitAsync(EngineWait.Default);
            await stop!.WaitAsync(EngineWait.Default);
            Assert.InRange(seeding.VerifiedPieceCount, 1, seeding.PieceCount - 1);

            // Without a check the unverified pieces would be fetched again (and with no peer, never).
            await seeding.StartAsync();
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the start checks the content again");
        }

        [Fact]
        public async Task CancellingAfterTheRecheckEndedChangesNothing()
        {
            var torrent = await TestTorrent.SingleFileAsync("small.bin", 100_000, 16 * 1024, seed: 6);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.30.2");
            var seeding = await SeedingAsync(node, torrent);

            using var cts = new CancellationTokenSource();
            await seeding.RecheckAsync(null, cts.Token).WaitAsync(EngineWait.Default);
            cts.Cancel();
            await seeding.GetFilesAsync(); // a round trip through the loop, after anything the cancellation posted

            Assert.Equal(TorrentState.Seeding, seeding.State);
            Assert.Equal(TorrentUserState.Active, seeding.UserState);
        }

        [Fact]
        public async Task RemovingWithDataKeepsFilesAnotherTorrentOfTheRootUses()
        {
            // The same content with two piece sizes: two torrents, one file on disk.
            var coarse = await TestTorrent.SingleFileAsync("movie.mp4", 200_000, 32 * 1024, seed: 7);
            var fine = await TestTorrent.SingleFileAsync("movie.mp4", 200_000, 16 * 1024, seed: 7);
            var album = await TestTorrent.CreateAsync("Album", 16 * 1024, false, 8, ("a.bin", 30_000), ("b.bin", 20_000));
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.30.3");
            var first = await SeedingAsync(node, coarse);
            var second = await SeedingAsync(node, fine);
            var third = await SeedingAsync(node, album);
            node.FileSystem.WriteAllBytes("unrelated.txt", new byte[] { 1, 2, 3 });

            await node.Engine.RemoveTorrentAsync(first, deleteData: true);

            Assert.True(await node.FileSystem.ExistsAsync("movie.mp4"), "the file the other torrent uses is kept");
            Assert.Equal(TorrentState.Seeding, second.State);

            await node.Engine.RemoveTorrentAsync(second, deleteData: true);
            await node.Engine.RemoveTorrentAsync(third, deleteData: true);

            Assert.Equal(new[] { "unrelated.txt" }, await node.FileSystem.ReadDirectoryAsync(string.Empty));
            Assert.Equal(new byte[] { 1, 2, 3 }, node.FileSystem.ReadAllBytes("unrelated.txt"));
        }

        [Fact]
        public async Task ATorrentWhoseFilesCannotBeDeletedIsStillRemovedAndForgotten()
        {
            var network = new MemoryNetwork();
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();
            var album = await TestTorrent.CreateAsync("Album", 16 * 1024, false, 10, ("a.bin", 30_000), ("b.bin", 20_000));
            album.WriteTo(files);
            var engine = await SessionNode.StartAsync(network, store, files);
            await using (engine)
            {
                var added = await engine.AddTorrentAsync(album.Metainfo);
                await EngineWait.UntilAsync(() => added.State == TorrentState.Seeding, "it seeds");
                await added.StopAsync();

                // A folder now stands where one of its files was: deleting that path fails.
                await files.DeleteAsync("Album/b.bin");
                files.WriteAllBytes("Album/b.bin/user.txt", new byte[] { 4 });
                int removedEvents = 0;
                engine.TorrentRemoved += (_, e) => removedEvents += ReferenceEquals(e.Torrent, added) ? 1 : 0;

                var error = await Assert.ThrowsAsync<StorageException>(() => engine.RemoveTorrentAsync(added, deleteData: true));
                Assert.Equal("Album/b.bin", error.Path);
                Assert.Empty(engine.Torrents);
                Assert.Equal(1, removedEvents);
                Assert.False(await files.ExistsAsync("Album/a.bin"));
            }

            var restarted = await SessionNode.StartAsync(network, store, files);
            await using (restarted)
            {
                Assert.Empty(await restarted.RestoreSessionAsync());
            }
        }
    }
}
