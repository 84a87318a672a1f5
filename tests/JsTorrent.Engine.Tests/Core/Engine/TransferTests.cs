using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Whole engines moving real wire traffic over the in-process network.</summary>
    public class TransferTests
    {
        private static async Task<List<string>> ListFilesAsync(InMemoryFileSystem fileSystem, string folder)
        {
            var files = new List<string>();
            foreach (string name in await fileSystem.ReadDirectoryAsync(folder))
            {
                string path = folder.Length == 0 ? name : folder + "/" + name;
                if ((await fileSystem.StatAsync(path)).IsDirectory)
                {
                    files.AddRange(await ListFilesAsync(fileSystem, path));
                }
                else
                {
                    files.Add(path);
                }
            }

            return files;
        }

        [Fact]
        public async Task SeederToLeecherMovesMultiFileTorrentWithPaddingEmptyFileAndOddLastPiece()
        {
            var torrent = await TestTorrent.CreateAsync(
                "album", 32 * 1024, pad: true, seed: 3,
                ("cover.jpg", 50_001), ("empty.txt", 0), ("disc1/track01.flac", 131_072 + 7), ("disc1/notes.txt", 1234));
            Assert.Contains(torrent.Metainfo.Files, f => f.IsPadding);
            Assert.NotEqual(0, torrent.Metainfo.TotalSize % torrent.Metainfo.PieceLength);

            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.0.1");
            var leecher = await swarm.AddNodeAsync("10.0.0.2");
            torrent.WriteTo(seeder.FileSystem);

            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder has checked its files");
            var downloading = await leecher.Engine.AddTorrentAsync(torrent.Metainfo);
            await downloading.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => downloading.State == TorrentState.Seeding, "the leecher has every piece");

            torrent.AssertContentIn(leecher.FileSystem);
            Assert.True(await leecher.FileSystem.ExistsAsync("album/empty.txt"), "the zero-length file is created");
            Assert.DoesNotContain(await ListFilesAsync(leecher.FileSystem, string.Empty), p => p.Contains(".pad"));
            Assert.Equal(1.0, downloading.Progress);
            Assert.Equal(torrent.Metainfo.PieceCount, downloading.VerifiedPieceCount);
            Assert.True(seeding.BytesUploaded >= torrent.ContentSize);
        }

        [Fact]
        public async Task OneSeederAndFiveLeechersAllCompleteAndLeechersTradeWithEachOther()
        {
            var torrent = await TestTorrent.SingleFileAsync("video.mkv", 2 * 1024 * 1024 + 12_345, 32 * 1024, seed: 5);
            await using var swarm = new SwarmHarness();

            // The seeder's uplink is slow, so the leechers can only finish in time by trading among themselves.
            var seeder = await swarm.AddNodeAsync("10.0.1.1");
            swarm.SetOutbound(seeder, new Adapters.Memory.MemoryLinkOptions { BandwidthBytesPerSecond = 1024 * 1024 });
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder has checked its files");

            var leechers = new SwarmHarness.Node[5];
            var downloads = new Torrent[5];
            for (int i = 0; i < leechers.Length; i++)
            {
                leechers[i] = await swarm.AddNodeAsync("10.0.1." + (i + 2));
                downloads[i] = await leechers[i].Engine.AddTorrentAsync(torrent.Metainfo);
            }

            for (int i = 0; i < leechers.Length; i++)
            {
                await downloads[i].AddPeerAsync(seeder.Address, seeder.Port);
                for (int j = 0; j < i; j++)
                {
                    await downloads[i].AddPeerAsync(leechers[j].Address, leechers[j].Port);
                }
            }

            await EngineWait.UntilAsync(() => downloads.All(d => d.State == TorrentState.Seeding), "every leecher has every piece", TimeSpan.FromSeconds(60));
            foreach (var leecher in leechers)
            {
                torrent.AssertContentIn(leecher.FileSystem);
            }

            long leechersReceived = downloads.Sum(d => d.BytesDownloaded);
            Assert.True(leechersReceived >= 5 * torrent.ContentSize);
            Assert.True(seeding.BytesUploaded < leechersReceived, "seeder sent " + seeding.BytesUploaded + " of " + leechersReceived);
            Assert.True(downloads.Sum(d => d.BytesUploaded) > 0);
            Assert.True(downloads.Count(d => d.BytesUploaded > 0) >= 2, "several leechers uploaded to others");
        }
    }
}
