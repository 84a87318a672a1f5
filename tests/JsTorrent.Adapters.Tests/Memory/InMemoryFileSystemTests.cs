using System;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    public class InMemoryFileSystemTests
    {
        private static readonly DateTimeOffset Start = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

        [Theory]
        [InlineData(FileOpenMode.Read)]
        [InlineData(FileOpenMode.ReadWrite)]
        public async Task OpeningAMissingFileWithoutCreateIsNotFound(FileOpenMode mode)
        {
            var fs = new InMemoryFileSystem();
            var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.OpenAsync("missing.bin", mode));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.Equal("missing.bin", e.Path);
            Assert.False(await fs.ExistsAsync("missing.bin"));
        }

        [Theory]
        [InlineData(FileOpenMode.Write)]
        [InlineData(FileOpenMode.ReadWriteCreate)]
        public async Task CreatingModesCreateAnEmptyFile(FileOpenMode mode)
        {
            var fs = new InMemoryFileSystem();
            await using (var handle = await fs.OpenAsync("new.bin", mode))
            {
                Assert.Equal(0, await handle.GetLengthAsync());
            }

            var stat = await fs.StatAsync("new.bin");
            Assert.True(stat.IsFile);
            Assert.Equal(0, stat.Size);
        }

        [Fact]
        public async Task WriteModeTruncatesAndOtherModesKeepContent()
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("f", new byte[] { 1, 2, 3 });
            (await fs.OpenAsync("f", FileOpenMode.ReadWrite)).Dispose();
            (await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate)).Dispose();
            (await fs.OpenAsync("f", FileOpenMode.Read)).Dispose();
            Assert.Equal(new byte[] { 1, 2, 3 }, fs.ReadAllBytes("f"));

            (await fs.OpenAsync("f", FileOpenMode.Write)).Dispose();
            Assert.Empty(fs.ReadAllBytes("f"));
            Assert.Equal(0, fs.AllocatedBytes);
        }

        [Fact]
        public async Task ANewFileNeedsItsParentDirectory()
        {
            var fs = new InMemoryFileSystem();
            var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.OpenAsync("dir/file", FileOpenMode.ReadWriteCreate));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);

            await fs.CreateDirectoryAsync("dir", recursive: false);
            (await fs.OpenAsync("dir/file", FileOpenMode.ReadWriteCreate)).Dispose();
            Assert.True(await fs.ExistsAsync("dir/file"));
        }

        [Fact]
        public async Task OpeningADirectoryIsWrongKind()
        {
            var fs = new InMemoryFileSystem();
            await fs.CreateDirectoryAsync("dir", recursive: false);
            foreach (var path in new[] { "dir", string.Empty })
            {
                var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.OpenAsync(path, FileOpenMode.ReadWriteCreate));
                Assert.Equal(StorageErrorKind.WrongKind, e.Kind);
            }

            Assert.Equal(0, fs.OpenHandleCount);
        }

        [Theory]
        [InlineData("/abs")]
        [InlineData("a//b")]
        [InlineData("a/")]
        [InlineData("./a")]
        [InlineData("a/../b")]
        [InlineData("..")]
        [InlineData("a\\b")]
        [InlineData("a\0b")]
        public async Task MalformedPathsAreRefusedEverywhere(string path)
        {
            var fs = new InMemoryFileSystem();
            var calls = new Func<Task>[]
            {
                async () => await fs.OpenAsync(path, FileOpenMode.ReadWriteCreate),
                async () => await fs.StatAsync(path),
                async () => await fs.ExistsAsync(path),
                async () => await fs.CreateDirectoryAsync(path, recursive: true),
                async () => await fs.ReadDirectoryAsync(path),
                async () => await fs.DeleteAsync(path),
                () => Task.Run(() => fs.WriteAllBytes(path, new byte[1])),
            };
            foreach (var call in calls)
            {
                var e = await Assert.ThrowsAsync<StorageException>(call);
                Assert.Equal(StorageErrorKind.InvalidPath, e.Kind);
            }

            Assert.Empty(await fs.ReadDirectoryAsync(string.Empty));
        }

        [Fact]
        public async Task StatReportsSizeKindAndClockTime()
        {
            var now = Start;
            var fs = new InMemoryFileSystem(() => now);
            await fs.CreateDirectoryAsync("d", recursive: false);
            now = Start.AddMinutes(1);
            await using (var handle = await fs.OpenAsync("d/f", FileOpenMode.ReadWriteCreate))
            {
                now = Start.AddMinutes(2);
                await handle.WriteAsync(100, new byte[] { 7 });
            }

            var file = await fs.StatAsync("d/f");
            Assert.True(file.IsFile);
            Assert.False(file.IsDirectory);
            Assert.Equal(101, file.Size);
            Assert.Equal(Start.AddMinutes(2), file.LastWriteTime);

            var directory = await fs.StatAsync("d");
            Assert.True(directory.IsDirectory);
            Assert.Equal(0, directory.Size);
            Assert.Equal(Start.AddMinutes(1), directory.LastWriteTime); // the file was added to it then

            Assert.True((await fs.StatAsync(string.Empty)).IsDirectory);
            var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.StatAsync("d/none"));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
        }

        [Fact]
        public async Task CreateDirectoryRecursiveOrNot()
        {
            var fs = new InMemoryFileSystem();
            var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.CreateDirectoryAsync("a/b/c", recursive: false));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.False(await fs.ExistsAsync("a"));

            await fs.CreateDirectoryAsync("a/b/c", recursive: true);
            await fs.CreateDirectoryAsync("a/b/c", recursive: false); // existing: not an error
            await fs.CreateDirectoryAsync(string.Empty, recursive: false);
            Assert.True((await fs.StatAsync("a/b/c")).IsDirectory);
        }

        [Theory]
        [InlineData("f")]
        [InlineData("f/sub")]
        public async Task CreateDirectoryWithAFileInTheWayIsAlreadyExists(string path)
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("f", new byte[] { 1 });
            var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.CreateDirectoryAsync(path, recursive: true));
            Assert.Equal(StorageErrorKind.AlreadyExists, e.Kind);
            Assert.Equal(new byte[] { 1 }, fs.ReadAllBytes("f"));
        }

        [Fact]
        public async Task ReadDirectoryListsNamesInOrdinalOrder()
        {
            var fs = new InMemoryFileSystem();
            foreach (var name in new[] { "b", "a", "B", "é", "a0" })
            {
                fs.WriteAllBytes("dir/" + name, Array.Empty<byte>());
            }

            await fs.CreateDirectoryAsync("dir/sub", recursive: false);
            Assert.Equal(new[] { "B", "a", "a0", "b", "sub", "é" }, await fs.ReadDirectoryAsync("dir"));
            Assert.Equal(new[] { "dir" }, await fs.ReadDirectoryAsync(string.Empty));

            var missing = await Assert.ThrowsAsync<StorageException>(async () => await fs.ReadDirectoryAsync("none"));
            Assert.Equal(StorageErrorKind.NotFound, missing.Kind);
            var file = await Assert.ThrowsAsync<StorageException>(async () => await fs.ReadDirectoryAsync("dir/a"));
            Assert.Equal(StorageErrorKind.WrongKind, file.Kind);
        }

        [Fact]
        public async Task DeleteRemovesFilesAndEmptyDirectoriesOnly()
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("d/f", new byte[10]);
            Assert.Equal(InMemoryFileSystem.PageSize, fs.AllocatedBytes);

            var notEmpty = await Assert.ThrowsAsync<StorageException>(async () => await fs.DeleteAsync("d"));
            Assert.Equal(StorageErrorKind.WrongKind, notEmpty.Kind);

            await fs.DeleteAsync("d/f");
            Assert.Equal(0, fs.AllocatedBytes);
            await fs.DeleteAsync("d");
            await fs.DeleteAsync("d"); // missing: no error
            await fs.DeleteAsync("x/y/z");
            Assert.False(await fs.ExistsAsync("d"));

            var root = await Assert.ThrowsAsync<StorageException>(async () => await fs.DeleteAsync(string.Empty));
            Assert.Equal(StorageErrorKind.InvalidPath, root.Kind);
        }

        [Fact]
        public async Task AnOpenFileCannotBeDeleted()
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("f", new byte[] { 1 });
            var handle = await fs.OpenAsync("f", FileOpenMode.Read);
            var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.DeleteAsync("f"));
            Assert.Equal(StorageErrorKind.Locked, e.Kind);

            await handle.DisposeAsync();
            await fs.DeleteAsync("f");
            Assert.False(await fs.ExistsAsync("f"));
        }

        [Fact]
        public async Task PathsAreCaseSensitive()
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("A", new byte[] { 1 });
            fs.WriteAllBytes("a", new byte[] { 2, 2 });
            Assert.Equal(1, (await fs.StatAsync("A")).Size);
            Assert.Equal(2, (await fs.StatAsync("a")).Size);
        }

        [Fact]
        public async Task OpenHandleCountFollowsOpensAndDisposes()
        {
            var fs = new InMemoryFileSystem();
            var first = await fs.OpenAsync("1", FileOpenMode.ReadWriteCreate);
            var second = await fs.OpenAsync("1", FileOpenMode.Read);
            Assert.Equal(2, fs.OpenHandleCount);
            first.Dispose();
            first.Dispose(); // twice counts once
            Assert.Equal(1, fs.OpenHandleCount);
            await second.DisposeAsync();
            Assert.Equal(0, fs.OpenHandleCount);
            Assert.Equal(2, fs.PeakOpenHandleCount);
        }

        [Fact]
        public async Task CancelledCallsFail()
        {
            var fs = new InMemoryFileSystem();
            using var cancelled = new System.Threading.CancellationTokenSource();
            cancelled.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await fs.OpenAsync("f", FileOpenMode.Write, cancelled.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await fs.CreateDirectoryAsync("d", true, cancelled.Token));
            Assert.False(await fs.ExistsAsync("f"));
            Assert.False(await fs.ExistsAsync("d"));
        }

        [Fact]
        public void TestHelpersRoundTripAndReportMissingFiles()
        {
            var fs = new InMemoryFileSystem();
            var content = new byte[200_000];
            new Random(1).NextBytes(content);
            fs.WriteAllBytes("x/y/z.bin", content);
            Assert.Equal(content, fs.ReadAllBytes("x/y/z.bin"));
            fs.WriteAllBytes("x/y/z.bin", new byte[] { 9 });
            Assert.Equal(new byte[] { 9 }, fs.ReadAllBytes("x/y/z.bin"));
            Assert.Equal(InMemoryFileSystem.PageSize, fs.AllocatedBytes);

            Assert.Equal(StorageErrorKind.NotFound, Assert.Throws<StorageException>(() => fs.ReadAllBytes("x/none")).Kind);
            Assert.Equal(StorageErrorKind.WrongKind, Assert.Throws<StorageException>(() => fs.ReadAllBytes("x/y")).Kind);
        }
    }
}
