using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Session;
using JsTorrent.Engine.Storage;
using JsTorrent.Engine.Tests.Storage;

namespace JsTorrent.Engine.Tests.Session
{
    public class FileStampsTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 6, 5, 10, 0, 0, TimeSpan.FromHours(2));

        private DateTimeOffset _now = T0;

        private InMemoryFileSystem NewFileSystem() => new InMemoryFileSystem(() => _now);

        private static int IndexOf(StorageTorrent torrent, string path) => torrent.File(path).Index;

        [Fact]
        public async Task ExistingFilesGiveSizeAndWriteTimeAbsentFilesAndPaddingAreMissing()
        {
            var t = await StorageTorrent.MultiFileAsync(pad: true);
            var fs = NewFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);

            await storage.PrepareAsync(None); // makes b/empty.txt at T0
            _now = T0.AddMinutes(1);
            fs.WriteAllBytes("Movie/a.bin", t.ContentOf("Movie/a.bin"));
            _now = T0.AddMinutes(2).AddTicks(7);
            fs.WriteAllBytes("Movie/b/sub/c.bin", t.ContentOf("Movie/b/sub/c.bin").Take(1234).ToArray());

            var stamps = await FileStamps.TakeAsync(storage, fs, None);

            Assert.Equal(t.Metainfo.Files.Count, stamps.Length);
            Assert.Equal(new FileStamp(20_000, T0.AddMinutes(1).UtcTicks), stamps[IndexOf(t, "Movie/a.bin")]);
            Assert.Equal(new FileStamp(0, T0.UtcTicks), stamps[IndexOf(t, "Movie/b/empty.txt")]);
            Assert.Equal(new FileStamp(1234, T0.AddMinutes(2).AddTicks(7).UtcTicks), stamps[IndexOf(t, "Movie/b/sub/c.bin")]);
            Assert.Equal(FileStamp.Missing, stamps[IndexOf(t, "Movie/d.bin")]);
            var padding = t.Metainfo.Files.Where(f => f.IsPadding).ToList();
            Assert.Equal(2, padding.Count);
            Assert.All(padding, f => Assert.True(stamps[f.Index].IsMissing));
        }

        [Fact]
        public async Task WritesThroughTheStorageMoveTheStamp()
        {
            var t = await StorageTorrent.SingleFileAsync(40_000);
            var fs = NewFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            Assert.Equal(new[] { FileStamp.Missing }, await FileStamps.TakeAsync(storage, fs, None));

            _now = T0.AddSeconds(10);
            await storage.WriteAsync(0, t.Piece(0), None);
            await storage.FlushAsync(None);
            var first = (await FileStamps.TakeAsync(storage, fs, None)).Single();
            Assert.Equal(new FileStamp(StorageTorrent.PieceLength, T0.AddSeconds(10).UtcTicks), first);

            // Taking stamps again without a write gives the same stamps: what a restore compares.
            Assert.Equal(first, (await FileStamps.TakeAsync(storage, fs, None)).Single());

            _now = T0.AddSeconds(20);
            await storage.WriteAsync(2L * StorageTorrent.PieceLength, t.Piece(2), None);
            await storage.FlushAsync(None);
            Assert.Equal(new FileStamp(40_000, T0.AddSeconds(20).UtcTicks), (await FileStamps.TakeAsync(storage, fs, None)).Single());
        }

        [Fact]
        public async Task SomethingOtherThanAFileInAFilesPlaceIsMissing()
        {
            var t = await StorageTorrent.MultiFileAsync(pad: false);
            var fs = NewFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            await fs.CreateDirectoryAsync("Movie/d.bin", recursive: true);
            fs.WriteAllBytes("Movie/b", new byte[] { 1 }); // a file where b/ should be a folder

            var stamps = await FileStamps.TakeAsync(storage, fs, None);
            Assert.All(stamps, s => Assert.Equal(FileStamp.Missing, s));
        }

        [Fact]
        public async Task AFileSystemWithoutWriteTimesGivesZeroTicks()
        {
            var t = await StorageTorrent.SingleFileAsync(1_000);
            var inner = NewFileSystem();
            inner.WriteAllBytes("single.iso", new byte[700]);
            var fs = new TimelessFileSystem(inner);
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);

            Assert.Equal(new[] { new FileStamp(700, 0) }, await FileStamps.TakeAsync(storage, fs, None));
        }

        [Fact]
        public async Task ACancelledTakeThrows()
        {
            var t = await StorageTorrent.SingleFileAsync(1_000);
            var fs = NewFileSystem();
            await using var storage = new TorrentContentStorage(t.Metainfo, fs);
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FileStamps.TakeAsync(storage, fs, cancelled.Token));
        }

        /// <summary>A file system whose stats carry no write time (some network shares).</summary>
        private sealed class TimelessFileSystem : IFileSystem
        {
            private readonly IFileSystem _inner;

            public TimelessFileSystem(IFileSystem inner) => _inner = inner;

            public ValueTask<IFileHandle> OpenAsync(string path, FileOpenMode mode, CancellationToken cancellationToken = default) => _inner.OpenAsync(path, mode, cancellationToken);

            public async ValueTask<IFileStat> StatAsync(string path, CancellationToken cancellationToken = default)
            {
                var stat = await _inner.StatAsync(path, cancellationToken);
                return new FileStat(stat.Size, stat.IsDirectory, null);
            }

            public ValueTask<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => _inner.ExistsAsync(path, cancellationToken);

            public ValueTask CreateDirectoryAsync(string path, bool recursive, CancellationToken cancellationToken = default) => _inner.CreateDirectoryAsync(path, recursive, cancellationToken);

            public ValueTask<IReadOnlyList<string>> ReadDirectoryAsync(string path, CancellationToken cancellationToken = default) => _inner.ReadDirectoryAsync(path, cancellationToken);

            public ValueTask DeleteAsync(string path, CancellationToken cancellationToken = default) => _inner.DeleteAsync(path, cancellationToken);
        }
    }
}
