using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using Xunit;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>
    /// Several torrents of one engine given the same peer address each connect to it: a failed or closed attempt of one
    /// torrent (a refusal, "both ends are seeding") must not hold back the others' attempts to that address.
    /// </summary>
    public class SharedPeerAddressTests
    {
        private static async Task<Torrent> SeedAsync(SwarmHarness.Node seeder, TestTorrent torrent)
        {
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            return seeding;
        }

        [Fact]
        public async Task TwoTorrentsDownloadFromOneSeederAtOneAddress()
        {
            var one = await TestTorrent.CreateAsync("one", 16 * 1024, pad: false, seed: 71, ("one.bin", 200_000));
            var set = await TestTorrent.CreateAsync("set", 16 * 1024, pad: false, seed: 72, ("a.bin", 150_000), ("b/c.bin", 90_000));
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.71.1");
            await SeedAsync(seeder, one);
            await SeedAsync(seeder, set);
            var leecher = await swarm.AddNodeAsync("10.0.71.2");

            var first = await leecher.Engine.AddTorrentAsync(one.Metainfo);
            var second = await leecher.Engine.AddTorrentAsync(set.Metainfo);
            await first.AddPeerAsync(seeder.Address, seeder.Port);
            await second.AddPeerAsync(seeder.Address, seeder.Port);

            await EngineWait.UntilAsync(() => first.State == TorrentState.Seeding && second.State == TorrentState.Seeding, "both torrents complete");
            Assert.Equal(one.Files["one/one.bin"], leecher.FileSystem.ReadAllBytes("one/one.bin"));
            Assert.Equal(set.Files["set/b/c.bin"], leecher.FileSystem.ReadAllBytes("set/b/c.bin"));
        }

        [Fact]
        public async Task EachTorrentFindsItsSeederAmongAddressesThatServeOtherTorrents()
        {
            var one = await TestTorrent.CreateAsync("one", 16 * 1024, pad: false, seed: 73, ("one.bin", 200_000));
            var set = await TestTorrent.CreateAsync("set", 16 * 1024, pad: false, seed: 74, ("a.bin", 150_000));
            await using var swarm = new SwarmHarness();
            var seedsOne = await swarm.AddNodeAsync("10.0.73.1");
            var seedsSet = await swarm.AddNodeAsync("10.0.73.2");
            await SeedAsync(seedsOne, one);
            await SeedAsync(seedsSet, set);
            var leecher = await swarm.AddNodeAsync("10.0.73.3");

            var first = await leecher.Engine.AddTorrentAsync(one.Metainfo);
            var second = await leecher.Engine.AddTorrentAsync(set.Metainfo);
            foreach (var torrent in new[] { first, second })
            {
                // Both addresses for both torrents, as `Add-Torrent *.torrent -Peer a, b` does.
                await torrent.AddPeerAsync(seedsOne.Address, seedsOne.Port);
                await torrent.AddPeerAsync(seedsSet.Address, seedsSet.Port);
            }

            await EngineWait.UntilAsync(() => first.State == TorrentState.Seeding && second.State == TorrentState.Seeding, "both torrents complete");
            Assert.Equal(one.Files["one/one.bin"], leecher.FileSystem.ReadAllBytes("one/one.bin"));
            Assert.Equal(set.Files["set/a.bin"], leecher.FileSystem.ReadAllBytes("set/a.bin"));
        }
    }
}
