using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Storage;
using JsTorrent.Engine.Tests.Core.Engine;

namespace JsTorrent.Engine.Tests.Core.Session
{
    /// <summary>What a restore finds when the disk changed behind the session's back, and storage roots coming and going.</summary>
    public class RestoreCheckTests
    {
        private const int PieceLength = 16 * 1024;

        private static Task<TestTorrent> AlbumAsync() =>
            TestTorrent.CreateAsync("album", PieceLength, false, 71, ("one.flac", 100_000), ("two.flac", 70_000), ("three.flac", 50_000));

        /// <summary>Engine A seeds the complete album from <paramref name="files"/> and goes away.</summary>
        private static async Task<MemorySessionStore> SeededSessionAsync(MemoryNetwork network, TestTorrent torrent, InMemoryFileSystem files)
        {
            torrent.WriteTo(files);
            var store = new MemorySessionStore();
            var a = await SessionNode.StartAsync(network, store, files);
            var added = await a.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => added.State == TorrentState.Seeding, "A seeds");
            await a.DisposeAsync();
            return store;
        }

        [Fact]
        public async Task ADeletedFileBringsTheTorrentBackInErrorNamingItAndStartDownloadsItAgain()
        {
            var network = new MemoryNetwork();
            var torrent = await AlbumAsync();
            var files = new InMemoryFileSystem();
            var store = await SeededSessionAsync(network, torrent, files);
            await files.DeleteAsync("album/two.flac");

            var b = await SessionNode.StartAsync(network, store, files);
            await using var _ = b;
            var restored = Assert.Single(await b.RestoreSessionAsync());
            Assert.Equal(TorrentState.Error, restored.State);
            Assert.Contains("'album/two.flac'", restored.ErrorMessage);
            Assert.Contains("missing", restored.ErrorMessage);
            Assert.True(restored.Progress < 1);

            var seederFiles = new InMemoryFileSystem();
            torrent.WriteTo(seederFiles);
            string seederAddress = SessionNode.NextAddress();
            var seeder = await SessionNode.StartAsync(network, new MemorySessionStore(), seederFiles, address: seederAddress);
            await using var __ = seeder;
            var seeding = await seeder.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");
            await restored.StartAsync();
            await restored.AddPeerAsync(seederAddress, seeder.ListenPort);
            await EngineWait.UntilAsync(() => restored.State == TorrentState.Seeding, "the missing file is downloaded again");
            torrent.AssertContentIn(files);
        }

        [Fact]
        public async Task ATruncatedFileIsReportedAndOnlyItsPiecesAreCheckedAgain()
        {
            var network = new MemoryNetwork();
            var torrent = await AlbumAsync();
            var files = new InMemoryFileSystem();
            var store = await SeededSessionAsync(network, torrent, files);
            var original = files.ReadAllBytes("album/one.flac");
            files.WriteAllBytes("album/one.flac", original.AsSpan(0, 40_000).ToArray());

            var b = await SessionNode.StartAsync(network, store, files);
            await using var _ = b;
            var restored = Assert.Single(await b.RestoreSessionAsync());
            Assert.Contains("'album/one.flac' is shorter than when the session was saved", restored.LastWarning);
            await EngineWait.UntilAsync(() => restored.State == TorrentState.Downloading, "the truncated file's pieces are checked");

            // one.flac holds bytes 0..99,999: pieces 0..6, of which 0 and 1 are still whole (40,000 bytes left).
            int lastPieceOfOne = (100_000 - 1) / PieceLength;
            var files2 = await restored.GetFilesAsync();
            Assert.Equal(2L * PieceLength, files2[0].BytesCompleted);
            Assert.Equal(torrent.Metainfo.PieceCount - (lastPieceOfOne + 1) + 2, restored.VerifiedPieceCount);
        }

        [Fact]
        public async Task AFileChangedOnDiskIsReportedAndItsBadPieceIsFoundByHashingOnlyItsPieces()
        {
            var network = new MemoryNetwork();
            var torrent = await AlbumAsync();
            var clock = new ManualClock();
            var files = new InMemoryFileSystem(() => clock.Now);
            var store = await SeededSessionAsync(network, torrent, files);
            clock.Advance(TimeSpan.FromMinutes(5));
            var edited = files.ReadAllBytes("album/three.flac");
            edited[100] ^= 0xFF;
            files.WriteAllBytes("album/three.flac", edited);

            var b = await SessionNode.StartAsync(network, store, files);
            await using var _ = b;
            var restored = Assert.Single(await b.RestoreSessionAsync());
            Assert.Contains("'album/three.flac' is changed on disk", restored.LastWarning);
            await EngineWait.UntilAsync(() => restored.State == TorrentState.Downloading, "the changed file's pieces are checked");
            Assert.Equal(torrent.Metainfo.PieceCount - 1, restored.VerifiedPieceCount);
        }

        [Fact]
        public async Task AMissingRootBringsItsTorrentBackInErrorNamingTheRootWhileTheOthersRestore()
        {
            var network = new MemoryNetwork();
            var store = new MemorySessionStore();
            var external = new InMemoryFileSystem();
            var downloads = new InMemoryFileSystem();
            var usb = MemoryStorageRoots.Create("usb", "USB stick");
            var a = await SessionNode.StartAsync(network, store, downloads, roots: root => external);
            var onUsb = await TestTorrent.SingleFileAsync("on-usb.bin", 64 * 1024, PieceLength, seed: 72);
            var local = await TestTorrent.SingleFileAsync("local.bin", 64 * 1024, PieceLength, seed: 73);
            await a.AddStorageRootAsync(usb);
            var first = await a.AddTorrentAsync(onUsb.Metainfo, new AddTorrentOptions { StorageRoot = "USB stick", Stopped = true });
            Assert.Equal(usb.Token, first.StorageRootToken);
            Assert.Same(external, first.FileSystem);
            await a.AddTorrentAsync(local.Metainfo, new AddTorrentOptions { Stopped = true });
            await a.DisposeAsync();

            // The stick is unplugged: its file system cannot be opened.
            Func<StorageRoot, IFileSystem> unplugged = root => throw new StorageException(StorageErrorKind.NotFound, root.Path, "The storage root '" + root.Path + "' is not an existing directory.");
            var b = await SessionNode.StartAsync(network, store, downloads, roots: unplugged);
            await using var _ = b;
            var restored = await b.RestoreSessionAsync();
            Assert.Equal(2, restored.Count);
            var broken = restored.Single(t => t.InfoHash == onUsb.Metainfo.InfoHash);
            Assert.Equal(TorrentState.Error, broken.State);
            Assert.Contains("'USB stick' (memory:/usb) is not available", broken.ErrorMessage);
            Assert.Equal(TorrentState.Stopped, restored.Single(t => t.InfoHash == local.Metainfo.InfoHash).State);
            Assert.Contains(b.StorageRoots, r => r.Token == usb.Token);
        }

        [Fact]
        public async Task ATorrentWithNoRootWaitsVisiblyAndStartsWhenADefaultRootArrivesAlsoAfterARestart()
        {
            var network = new MemoryNetwork();
            var torrent = await TestTorrent.SingleFileAsync("waiting.bin", 128 * 1024, PieceLength, seed: 74);
            var seederFiles = new InMemoryFileSystem();
            torrent.WriteTo(seederFiles);
            string seederAddress = SessionNode.NextAddress();
            var seeder = await SessionNode.StartAsync(network, new MemorySessionStore(), seederFiles, address: seederAddress);
            await using var _ = seeder;
            var seeding = await seeder.AddTorrentAsync(torrent.Metainfo);
            await EngineWait.UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder is ready");

            var store = new MemorySessionStore();
            var made = new ConcurrentDictionary<string, InMemoryFileSystem>();
            Func<StorageRoot, IFileSystem> roots = root => made.GetOrAdd(root.Token, _ => new InMemoryFileSystem());
            var a = await SessionNode.StartAsync(network, store, null, roots: roots);
            var waiting = await a.AddTorrentAsync(torrent.Metainfo);
            Assert.Equal(TorrentState.NeedsStorageRoot, waiting.State);
            Assert.Null(waiting.FileSystem);
            await a.DisposeAsync();

            var b = await SessionNode.StartAsync(network, store, null, roots: roots);
            await using var __ = b;
            var restored = Assert.Single(await b.RestoreSessionAsync());
            await EngineWait.UntilAsync(() => restored.State == TorrentState.NeedsStorageRoot, "it still waits after the restart");
            var downloads = MemoryStorageRoots.Create("downloads");
            await b.AddStorageRootAsync(downloads, makeDefault: true);
            Assert.Equal(downloads.Token, restored.StorageRootToken);
            await restored.AddPeerAsync(seederAddress, seeder.ListenPort);
            await EngineWait.UntilAsync(() => restored.State == TorrentState.Seeding, "it downloads into the new default root");
            torrent.AssertContentIn(made[downloads.Token]);
        }

        [Fact]
        public async Task ARootInUseIsRemovedOnlyByForceWhichLeavesItsTorrentsWaiting()
        {
            var network = new MemoryNetwork();
            var store = new MemorySessionStore();
            var a = await SessionNode.StartAsync(network, store, null);
            await using var _ = a;
            var root = MemoryStorageRoots.Create("media");
            await a.AddStorageRootAsync(root, makeDefault: true);
            var torrent = await TestTorrent.SingleFileAsync("media.bin", 64 * 1024, PieceLength, seed: 75);
            var added = await a.AddTorrentAsync(torrent.Metainfo, new AddTorrentOptions { Stopped = true });
            Assert.Equal(root, a.GetTorrentStorageRoot(added));

            var refused = await Assert.ThrowsAsync<StorageRootInUseException>(() => a.RemoveStorageRootAsync("media"));
            Assert.Contains("used by 1 torrent", refused.Message);
            var detached = await a.RemoveStorageRootAsync(root.Token, force: true);
            Assert.Same(added, Assert.Single(detached));
            Assert.Null(added.StorageRootToken);
            Assert.Empty(a.StorageRoots);
            Assert.Null(a.DefaultStorageRoot);
            await added.StartAsync();
            Assert.Equal(TorrentState.NeedsStorageRoot, added.State);
        }

        private sealed class ManualClock
        {
            private DateTimeOffset _now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

            public DateTimeOffset Now => _now;

            public void Advance(TimeSpan by) => _now += by;
        }
    }
}
