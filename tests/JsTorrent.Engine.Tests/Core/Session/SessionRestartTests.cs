using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Tests.Core.Engine;

namespace JsTorrent.Engine.Tests.Core.Session
{
    /// <summary>Engine A works and goes away; engine B on the same store and files takes over without losing or inventing a byte.</summary>
    public class SessionRestartTests
    {
        private const int PieceLength = 32 * 1024;

        private static async Task<(BtEngine Engine, InMemoryFileSystem Files, string Address, int Port)> SeederAsync(MemoryNetwork network, TestTorrent torrent, long bandwidth)
        {
            var files = new InMemoryFileSystem();
            torrent.WriteTo(files);
            string address = SessionNode.NextAddress();
            var engine = await SessionNode.StartAsync(network, new MemorySessionStore(), files, address: address);
            var seeding = await engine.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            if (bandwidth > 0)
            {
                network.TryGetHost(address, out var host);
                host!.Outbound = new MemoryLinkOptions { BandwidthBytesPerSecond = bandwidth };
            }

            return (engine, files, address, engine.ListenPort);
        }

        [Fact]
        public async Task EngineBCompletesWhatEngineADownloadedHalfOfWithoutFetchingVerifiedPiecesAgain()
        {
            var network = new MemoryNetwork();
            var torrent = await TestTorrent.SingleFileAsync("half.bin", 2 * 1024 * 1024, PieceLength, seed: 51);
            var seeder = await SeederAsync(network, torrent, 1024 * 1024);
            await using var _ = seeder.Engine;
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();

            var a = await SessionNode.StartAsync(network, store, files);
            var first = await a.AddTorrentAsync(torrent.Metainfo);
            await first.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => first.VerifiedPieceCount >= first.PieceCount / 2, "half the pieces are verified");
            await a.DisposeAsync();
            int verifiedByA = first.VerifiedPieceCount;
            long downloadedByA = first.BytesDownloaded;
            Assert.True(verifiedByA < first.PieceCount, "engine A stopped before the end");

            var b = await SessionNode.StartAsync(network, store, files);
            await using var __ = b;
            var states = new List<TorrentState>();
            b.StateChanged += (s, e) => { lock (states) { states.Add(e.Current); } };
            var restored = await b.RestoreSessionAsync();
            var second = Assert.Single(restored);
            Assert.Equal(torrent.Metainfo.InfoHash, second.InfoHash);
            Assert.Equal(verifiedByA, second.VerifiedPieceCount);
            Assert.Equal(downloadedByA, second.BytesDownloaded);
            Assert.Equal(first.AddedAt.ToUnixTimeMilliseconds(), second.AddedAt.ToUnixTimeMilliseconds());

            await second.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => second.State == TorrentState.Seeding, "engine B completes the download");
            long fetchedByB = second.BytesDownloaded - downloadedByA;
            Assert.True(fetchedByB <= (long)(second.PieceCount - verifiedByA) * PieceLength, "B fetched " + fetchedByB + " bytes for " + (second.PieceCount - verifiedByA) + " missing pieces");
            lock (states)
            {
                Assert.DoesNotContain(TorrentState.Checking, states); // a clean stop leaves nothing to hash again
            }

            torrent.AssertContentIn(files);
            Assert.NotNull(second.CompletedAt);
        }

        [Fact]
        public async Task AfterACrashOnlyUnsureAndChangedPiecesAreHashedAgainAndNothingIsClaimedThatIsNotThere()
        {
            var network = new MemoryNetwork();
            var torrent = await TestTorrent.SingleFileAsync("crash.bin", 2 * 1024 * 1024, PieceLength, seed: 52);
            var seeder = await SeederAsync(network, torrent, 1024 * 1024);
            await using var _ = seeder.Engine;
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();

            var a = await SessionNode.StartAsync(network, store, files);
            var first = await a.AddTorrentAsync(torrent.Metainfo);
            await first.AddPeerAsync(seeder.Address, seeder.Port);
            string bitfieldKey = "torrent:" + torrent.Metainfo.InfoHash + ":bitfield";
            await EngineWait.UntilAsync(async () => first.VerifiedPieceCount >= 16 && await store.GetAsync(bitfieldKey) != null, "verified pieces are saved");

            // The crash: the session as it is now, while the download goes on writing the file.
            var crashed = await SessionNode.SnapshotAsync(store);
            var saved = JsTorrent.Engine.Session.TorrentBitfieldRecord.Decode(bitfieldKey, (await crashed.GetAsync(bitfieldKey))!);
            int claimed = saved.Durable.CountSet + saved.Unsure.CountSet;
            Assert.True(claimed > 0);
            await EngineWait.UntilAsync(() => first.VerifiedPieceCount >= 40, "more pieces land after the crash point");
            await a.DisposeAsync();

            var log = new List<LogEntry>();
            var b = await SessionNode.StartAsync(network, crashed, files, log: log);
            await using var __ = b;
            var states = new List<TorrentState>();
            b.StateChanged += (s, e) => { lock (states) { states.Add(e.Current); } };
            var second = Assert.Single(await b.RestoreSessionAsync());
            await EngineWait.UntilAsync(() => second.State == TorrentState.Downloading, "the unsure pieces are checked");
            lock (states)
            {
                Assert.Contains(TorrentState.Checking, states);
            }

            // The file was written after the saved stamps: the saved pieces were hashed again and still hold.
            Assert.True(second.VerifiedPieceCount >= claimed, second.VerifiedPieceCount + " verified, " + claimed + " saved");
            Assert.True(second.VerifiedPieceCount < torrent.Metainfo.PieceCount);
            int before = second.VerifiedPieceCount;
            long downloadedBefore = second.BytesDownloaded;
            await second.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => second.State == TorrentState.Seeding, "engine B completes");
            Assert.True(second.BytesDownloaded - downloadedBefore <= (long)(second.PieceCount - before) * PieceLength);
            torrent.AssertContentIn(files);
        }

        [Fact]
        public async Task AStoppedTorrentComesBackStoppedWithItsPrioritiesLimitsAndCounters()
        {
            var network = new MemoryNetwork();
            var torrent = await TestTorrent.CreateAsync("album", PieceLength, true, 53, ("album/one.flac", 100_000), ("album/two.flac", 70_000), ("album/cover.jpg", 5_000));
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();
            var a = await SessionNode.StartAsync(network, store, files);
            var first = await a.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { Stopped = true });
            await first.SetFilePriorityAsync(1, FilePriority.Skip);
            await first.SetFilePriorityAsync(2, FilePriority.High);
            first.DownloadRateLimit = 123_456;
            first.UploadRateLimit = 654_321;
            var priorities = (await first.GetFilesAsync()).Select(f => f.Priority).ToArray();
            await a.DisposeAsync();

            var b = await SessionNode.StartAsync(network, store, files);
            await using var __ = b;
            var second = Assert.Single(await b.RestoreSessionAsync());
            Assert.Equal(TorrentUserState.Stopped, second.UserState);
            Assert.Equal(TorrentState.Stopped, second.State);
            Assert.Equal(priorities, (await second.GetFilesAsync()).Select(f => f.Priority).ToArray());
            Assert.Equal(123_456, second.DownloadRateLimit);
            Assert.Equal(654_321, second.UploadRateLimit);
            Assert.Equal(first.AddedAt.ToUnixTimeMilliseconds(), second.AddedAt.ToUnixTimeMilliseconds());

            // Restoring again adds nothing.
            var again = Assert.Single(await b.RestoreSessionAsync());
            Assert.Same(second, again);
            Assert.Single(b.Torrents);
        }

        [Fact]
        public async Task RemovingATorrentDeletesItsSessionEntries()
        {
            var network = new MemoryNetwork();
            var torrent = await TestTorrent.SingleFileAsync("gone.bin", 64 * 1024, PieceLength, seed: 54);
            var store = new MemorySessionStore();
            var a = await SessionNode.StartAsync(network, store, new InMemoryFileSystem());
            await using var _ = a;
            var added = await a.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { Stopped = true });
            string prefix = "torrent:" + torrent.Metainfo.InfoHash + ":";
            await EngineWait.UntilAsync(async () => (await store.KeysAsync(prefix)).Count >= 2, "the torrent is saved");
            await a.RemoveTorrentAsync(added);
            await EngineWait.UntilAsync(async () => (await store.KeysAsync(prefix)).Count == 0, "its entries are deleted");
        }

        [Fact]
        public async Task CorruptEntriesAreSkippedWithAWarningAndTheRestRestores()
        {
            var network = new MemoryNetwork();
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();
            var a = await SessionNode.StartAsync(network, store, files);
            var torrents = new List<TestTorrent>();
            for (int i = 0; i < 3; i++)
            {
                var torrent = await TestTorrent.SingleFileAsync("file" + i + ".bin", 64 * 1024, PieceLength, seed: 60 + i);
                torrents.Add(torrent);
                await a.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { Stopped = true });
            }

            await a.DisposeAsync();
            string Key(int i, string part) => "torrent:" + torrents[i].Metainfo.InfoHash + ":" + part;
            await store.SetAsync(Key(0, "progress"), new byte[] { 0x64, 0x31, 0x3a }); // half-written
            await store.SetAsync(Key(1, "metadata"), new byte[] { 1, 2, 3, 4 });
            await store.SetAsync(Key(2, "bitfield"), System.Text.Encoding.ASCII.GetBytes("d1:vi1e6:piecesi999999999999ee"));
            await store.SetAsync("torrent:not-a-hash:progress", new byte[] { 1 });

            var log = new List<LogEntry>();
            var b = await SessionNode.StartAsync(network, store, files, log: log);
            await using var __ = b;
            var restored = await b.RestoreSessionAsync();
            Assert.Equal(
                new[] { torrents[0].Metainfo.InfoHash, torrents[2].Metainfo.InfoHash }.OrderBy(h => h.ToString()),
                restored.Select(t => t.InfoHash).OrderBy(h => h.ToString()));
            Assert.True(SessionNode.Logged(log, LogLevel.Warning, Key(0, "progress")), "the bad progress is reported");
            Assert.True(SessionNode.Logged(log, LogLevel.Warning, Key(1, "metadata")), "the bad metadata is reported");
            Assert.True(SessionNode.Logged(log, LogLevel.Warning, Key(2, "bitfield")), "the bad bitfield is reported");
            Assert.True(SessionNode.Logged(log, LogLevel.Warning, "torrent:not-a-hash:progress"), "the stray key is reported");
        }

        [Fact]
        public async Task AMagnetComesBackBeforeAndAfterItsMetadata()
        {
            var network = new MemoryNetwork();
            var torrent = await TestTorrent.SingleFileAsync("magnet.bin", 256 * 1024, PieceLength, seed: 55);
            var seeder = await SeederAsync(network, torrent, 0);
            await using var _ = seeder.Engine;
            var store = new MemorySessionStore();
            var files = new InMemoryFileSystem();
            var magnet = JsTorrent.Engine.Protocol.MagnetLink.Parse("magnet:?xt=urn:btih:" + torrent.Metainfo.InfoHash + "&dn=magnet.bin&tr=http%3A%2F%2Ftracker.invalid%2Fannounce");

            var a = await SessionNode.StartAsync(network, store, files);
            var first = await a.AddTorrentAsync(magnet, new AddTorrentOptions { Stopped = true });
            await a.DisposeAsync();

            var b = await SessionNode.StartAsync(network, store, files);
            var second = Assert.Single(await b.RestoreSessionAsync());
            Assert.False(second.HasMetadata);
            Assert.Equal("magnet.bin", second.Name);
            await second.StartAsync();
            await second.AddPeerAsync(seeder.Address, seeder.Port);
            await EngineWait.UntilAsync(() => second.State == TorrentState.Seeding, "the magnet completes");
            await b.DisposeAsync();

            var c = await SessionNode.StartAsync(network, store, files);
            await using var __ = c;
            var third = Assert.Single(await c.RestoreSessionAsync());
            Assert.True(third.HasMetadata);
            Assert.Contains("http://tracker.invalid/announce", (await third.GetTrackersAsync()).Select(t => t.Url));
            await EngineWait.UntilAsync(() => third.State == TorrentState.Seeding, "it seeds again without fetching anything");
            Assert.Equal(second.BytesDownloaded, third.BytesDownloaded);
        }
    }
}
