using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tests.Core.Session;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>
    /// <see cref="AddTorrentOptions.FilePriorities"/>: files left out when the torrent is added (or when a magnet's metadata
    /// arrives) are never requested. The files are aligned with padding, so no piece is shared between a skipped file
    /// and a wanted one and a skipped file is never written at all.
    /// </summary>
    public class FileSelectionOnAddTests
    {
        private static Task<TestTorrent> CreateSetAsync(int seed) =>
            TestTorrent.CreateAsync("set", 16 * 1024, pad: true, seed: seed, ("a.bin", 70_000), ("skip/b.bin", 90_000), ("c.iso", 50_000));

        private static async Task<SwarmHarness.Node> SeederAsync(SwarmHarness swarm, string address, TestTorrent torrent)
        {
            var seeder = await swarm.AddNodeAsync(address);
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            return seeder;
        }

        private static FilePriority SkipFolder(MetainfoFile file, List<string> seen)
        {
            lock (seen)
            {
                seen.Add(file.RelativePath);
            }

            return file.RelativePath.StartsWith("set/skip/", StringComparison.Ordinal) ? FilePriority.Skip : FilePriority.Normal;
        }

        private static async Task AssertOnlyWantedFilesArrivedAsync(Torrent download, SwarmHarness.Node leecher, TestTorrent torrent)
        {
            Assert.Equal(torrent.Files["set/a.bin"], leecher.FileSystem.ReadAllBytes("set/a.bin"));
            Assert.Equal(torrent.Files["set/c.iso"], leecher.FileSystem.ReadAllBytes("set/c.iso"));
            Assert.False(await leecher.FileSystem.ExistsAsync("set/skip/b.bin"), "the skipped file was never written");
            var files = await download.GetFilesAsync();
            Assert.Equal(FilePriority.Skip, files.Single(f => f.Path == "set/skip/b.bin").Priority);
            Assert.Equal(FilePriority.Normal, files.Single(f => f.Path == "set/a.bin").Priority);
            Assert.True(download.WantedSize < torrent.Metainfo.ContentSize, "the skipped file is not wanted");
        }

        [Fact]
        public async Task ATorrentAddedWithASelectionNeverFetchesTheFilesLeftOut()
        {
            var torrent = await CreateSetAsync(seed: 61);
            await using var swarm = new SwarmHarness();
            var seeder = await SeederAsync(swarm, "10.0.61.1", torrent);
            var leecher = await swarm.AddNodeAsync("10.0.61.2");
            var seen = new List<string>();

            var download = await leecher.Engine.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { FilePriorities = f => SkipFolder(f, seen) });
            await download.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "every wanted piece arrives");

            await AssertOnlyWantedFilesArrivedAsync(download, leecher, torrent);
            lock (seen)
            {
                // Once per real file: padding files are not offered.
                Assert.Equal(torrent.Metainfo.Files.Where(f => !f.IsPadding).Select(f => f.RelativePath), seen);
                Assert.Equal(3, seen.Count);
            }
        }

        [Fact]
        public async Task AMagnetAppliesTheSelectionWhenItsMetadataArrives()
        {
            var torrent = await CreateSetAsync(seed: 62);
            await using var swarm = new SwarmHarness();
            var seeder = await SeederAsync(swarm, "10.0.62.1", torrent);
            var leecher = await swarm.AddNodeAsync("10.0.62.2");
            var seen = new List<string>();
            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + torrent.Metainfo.InfoHash + "&x.pe=" + seeder.Address + ":" + seeder.Port);

            var download = await leecher.Engine.AddTorrentAsync(magnet, new AddTorrentOptions { FilePriorities = f => SkipFolder(f, seen) });
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "metadata then every wanted piece arrive");

            Assert.True(download.HasMetadata);
            await AssertOnlyWantedFilesArrivedAsync(download, leecher, torrent);
            lock (seen)
            {
                Assert.Equal(3, seen.Count);
            }
        }

        [Fact]
        public async Task TheChosenPrioritiesAreSavedInTheSession()
        {
            var torrent = await CreateSetAsync(seed: 63);
            var network = new MemoryNetwork();
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();
            var a = await SessionNode.StartAsync(network, store, files);
            await a.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { Stopped = true, FilePriorities = f => SkipFolder(f, new List<string>()) });
            await a.DisposeAsync();

            var b = await SessionNode.StartAsync(network, store, files);
            await using var _ = b;
            var restored = Assert.Single(await b.RestoreSessionAsync());
            var priorities = (await restored.GetFilesAsync()).ToDictionary(f => f.Path, f => f.Priority);
            Assert.Equal(FilePriority.Skip, priorities["set/skip/b.bin"]);
            Assert.Equal(FilePriority.Normal, priorities["set/a.bin"]);
            Assert.Equal(FilePriority.Normal, priorities["set/c.iso"]);
        }

        [Fact]
        public async Task ASelectionThatThrowsFailsTheAddAndAddsNothing()
        {
            var torrent = await CreateSetAsync(seed: 64);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.64.1");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                node.Engine.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { FilePriorities = _ => throw new InvalidOperationException("no choice") }));
            Assert.Equal("no choice", error.Message);
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
                node.Engine.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { FilePriorities = _ => (FilePriority)9 }));
            Assert.Empty(node.Engine.Torrents);
            Assert.Null(node.Engine.GetTorrent(torrent.Metainfo.InfoHash));
        }

        [Fact]
        public async Task AMagnetWhoseSelectionThrowsFailsWithNothingDownloaded()
        {
            var torrent = await CreateSetAsync(seed: 65);
            await using var swarm = new SwarmHarness();
            var seeder = await SeederAsync(swarm, "10.0.65.1", torrent);
            var leecher = await swarm.AddNodeAsync("10.0.65.2");
            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + torrent.Metainfo.InfoHash + "&x.pe=" + seeder.Address + ":" + seeder.Port);

            var download = await leecher.Engine.AddTorrentAsync(magnet, new AddTorrentOptions { FilePriorities = _ => throw new InvalidOperationException("no choice") });
            await EngineWait.UntilAsync(() => download.State == TorrentState.Error, "the selection fails when the metadata arrives");

            Assert.True(download.HasMetadata);
            Assert.Contains("no choice", download.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal(0, download.BytesDownloaded);
            Assert.All(await download.GetFilesAsync(), f => Assert.Equal(FilePriority.Skip, f.Priority));
        }
    }
}
