using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    public sealed class NativeFileSystemTests : IDisposable
    {
        // The root lives one level down so tests can put things "outside" it that are still cleaned up.
        private readonly string _base = Path.Combine(Path.GetTempPath(), "jst-nativefs-" + Guid.NewGuid().ToString("N"));
        private readonly string _root;
        private readonly string _outside;
        private readonly NativeFileSystem _fs;

        public NativeFileSystemTests()
        {
            _root = Path.Combine(_base, "root");
            _outside = Path.Combine(_base, "outside");
            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(_outside);
            _fs = new NativeFileSystem(_root);
        }

        public void Dispose()
        {
            Directory.Delete(_base, recursive: true);
        }

        [Fact]
        public void TheRootMustExist()
        {
            var e = Assert.Throws<StorageException>(() => new NativeFileSystem(Path.Combine(_base, "none")));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.Throws<ArgumentException>(() => new NativeFileSystem(" "));
            Assert.Equal(Path.GetFullPath(_root), new NativeFileSystem(_root + Path.DirectorySeparatorChar).RootPath);
        }

        [Theory]
        [InlineData(FileOpenMode.Read)]
        [InlineData(FileOpenMode.ReadWrite)]
        public async Task OpeningAMissingFileWithoutCreateIsNotFound(FileOpenMode mode)
        {
            var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.OpenAsync("missing.bin", mode));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.Equal("missing.bin", e.Path);
            Assert.Contains("missing.bin", e.Message, StringComparison.Ordinal);
            Assert.False(await _fs.ExistsAsync("missing.bin"));
            Assert.False(File.Exists(Path.Combine(_root, "missing.bin")));
        }

        [Theory]
        [InlineData(FileOpenMode.Write)]
        [InlineData(FileOpenMode.ReadWriteCreate)]
        public async Task CreatingModesCreateAnEmptyFile(FileOpenMode mode)
        {
            await using (var handle = await _fs.OpenAsync("new.bin", mode))
            {
                Assert.Equal(0, await handle.GetLengthAsync());
            }

            var stat = await _fs.StatAsync("new.bin");
            Assert.True(stat.IsFile);
            Assert.Equal(0, stat.Size);
            Assert.True(File.Exists(Path.Combine(_root, "new.bin")));
        }

        [Fact]
        public async Task WriteModeTruncatesAndOtherModesKeepContent()
        {
            string file = Path.Combine(_root, "f");
            File.WriteAllBytes(file, new byte[] { 1, 2, 3 });
            (await _fs.OpenAsync("f", FileOpenMode.ReadWrite)).Dispose();
            (await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate)).Dispose();
            (await _fs.OpenAsync("f", FileOpenMode.Read)).Dispose();
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(file));

            (await _fs.OpenAsync("f", FileOpenMode.Write)).Dispose();
            Assert.Empty(File.ReadAllBytes(file));
        }

        [Fact]
        public async Task EveryModeReadsAndWritesAsItShould()
        {
            await using (var create = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate))
            {
                await create.WriteAsync(0, new byte[] { 1, 2, 3, 4 });
                var back = new byte[4];
                Assert.Equal(4, await create.ReadAsync(0, back));
                Assert.Equal(new byte[] { 1, 2, 3, 4 }, back);
            }

            await using (var readWrite = await _fs.OpenAsync("f", FileOpenMode.ReadWrite))
            {
                await readWrite.WriteAsync(1, new byte[] { 9 });
                var back = new byte[4];
                Assert.Equal(4, await readWrite.ReadAsync(0, back));
                Assert.Equal(new byte[] { 1, 9, 3, 4 }, back);
            }

            await using (var reader = await _fs.OpenAsync("f", FileOpenMode.Read))
            {
                var write = await Assert.ThrowsAsync<StorageException>(async () => await reader.WriteAsync(0, new byte[] { 2 }));
                Assert.Equal(StorageErrorKind.AccessDenied, write.Kind);
                var resize = await Assert.ThrowsAsync<StorageException>(async () => await reader.SetLengthAsync(0));
                Assert.Equal(StorageErrorKind.AccessDenied, resize.Kind);
                var back = new byte[2];
                Assert.Equal(2, await reader.ReadAsync(2, back));
                Assert.Equal(new byte[] { 3, 4 }, back);
            }

            await using (var writer = await _fs.OpenAsync("f", FileOpenMode.Write))
            {
                var read = await Assert.ThrowsAsync<StorageException>(async () => await writer.ReadAsync(0, new byte[1]));
                Assert.Equal(StorageErrorKind.AccessDenied, read.Kind);
                await writer.WriteAsync(0, new byte[] { 5 });
                await writer.FlushAsync();
            }

            Assert.Equal(new byte[] { 5 }, File.ReadAllBytes(Path.Combine(_root, "f")));
        }

        [Fact]
        public async Task ANewFileNeedsItsParentDirectory()
        {
            var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.OpenAsync("dir/file", FileOpenMode.ReadWriteCreate));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.Equal("dir/file", e.Path);
            Assert.IsNotType<StorageException>(e.InnerException);

            await _fs.CreateDirectoryAsync("dir", recursive: false);
            (await _fs.OpenAsync("dir/file", FileOpenMode.ReadWriteCreate)).Dispose();
            Assert.True(await _fs.ExistsAsync("dir/file"));
            Assert.True(File.Exists(Path.Combine(_root, "dir", "file")));
        }

        [Fact]
        public async Task OpeningADirectoryIsWrongKind()
        {
            await _fs.CreateDirectoryAsync("dir", recursive: false);
            foreach (var path in new[] { "dir", string.Empty })
            {
                var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.OpenAsync(path, FileOpenMode.ReadWriteCreate));
                Assert.Equal(StorageErrorKind.WrongKind, e.Kind);
            }
        }

        [Theory]
        [InlineData("../x")]
        [InlineData("a/../../x")]
        [InlineData("/etc/passwd")]
        [InlineData("/abs")]
        [InlineData("a\\b")]
        [InlineData("..\\x")]
        [InlineData("a//b")]
        [InlineData("a/")]
        [InlineData("./a")]
        [InlineData("..")]
        [InlineData("a\0b")]
        public async Task MalformedAndEscapingPathsAreRefusedEverywhere(string path)
        {
            await _fs.CreateDirectoryAsync("a", recursive: false);
            var calls = new Func<Task>[]
            {
                async () => await _fs.OpenAsync(path, FileOpenMode.ReadWriteCreate),
                async () => await _fs.OpenAsync(path, FileOpenMode.Write),
                async () => await _fs.StatAsync(path),
                async () => await _fs.ExistsAsync(path),
                async () => await _fs.CreateDirectoryAsync(path, recursive: true),
                async () => await _fs.ReadDirectoryAsync(path),
                async () => await _fs.DeleteAsync(path),
            };
            foreach (var call in calls)
            {
                var e = await Assert.ThrowsAsync<StorageException>(call);
                Assert.Equal(StorageErrorKind.InvalidPath, e.Kind);
                Assert.Equal(path, e.Path);
            }

            Assert.Equal(new[] { "a" }, await _fs.ReadDirectoryAsync(string.Empty));
            Assert.Empty(Directory.GetFileSystemEntries(_outside));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "a")));
        }

        [Fact]
        public async Task AColonIsRefusedOnWindowsOnly()
        {
            foreach (var path in new[] { "C:x", "C:/x", "f:stream" })
            {
                if (OperatingSystem.IsWindows())
                {
                    var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.OpenAsync(path, FileOpenMode.ReadWriteCreate));
                    Assert.Equal(StorageErrorKind.InvalidPath, e.Kind);
                }
                else if (path == "C:/x")
                {
                    // An ordinary directory name on Unix, and it does not exist.
                    var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.OpenAsync(path, FileOpenMode.ReadWriteCreate));
                    Assert.Equal(StorageErrorKind.NotFound, e.Kind);
                }
                else
                {
                    (await _fs.OpenAsync(path, FileOpenMode.ReadWriteCreate)).Dispose();
                    Assert.True(File.Exists(Path.Combine(_root, path)));
                }
            }

            Assert.Empty(Directory.GetFileSystemEntries(_outside));
        }

        [Theory]
        [InlineData("NUL", true)]
        [InlineData("nul.txt", true)]
        [InlineData("Con", true)]
        [InlineData("COM1", true)]
        [InlineData("lpt9.log", true)]
        [InlineData("CONOUT$", true)]
        [InlineData("COM0", false)]
        [InlineData("NULL", false)]
        [InlineData("CONSOLE", false)]
        [InlineData("my.nul", false)]
        public void WindowsDeviceNamesAreRecognised(string element, bool device)
        {
            Assert.Equal(device, NativeFilePath.IsWindowsDeviceName(element));
        }

        [Fact]
        public async Task TheRootIsTheEmptyPathAndCannotBeDeleted()
        {
            Assert.True(await _fs.ExistsAsync(string.Empty));
            Assert.True((await _fs.StatAsync(string.Empty)).IsDirectory);
            await _fs.CreateDirectoryAsync(string.Empty, recursive: false);
            var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.DeleteAsync(string.Empty));
            Assert.Equal(StorageErrorKind.InvalidPath, e.Kind);
            Assert.True(Directory.Exists(_root));
        }

        [Fact]
        public async Task StatReportsSizeKindAndWriteTime()
        {
            var before = DateTimeOffset.UtcNow.AddMinutes(-1);
            await _fs.CreateDirectoryAsync("d", recursive: false);
            await using (var handle = await _fs.OpenAsync("d/f", FileOpenMode.ReadWriteCreate))
            {
                await handle.WriteAsync(100, new byte[] { 7 });
            }

            var pinned = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(Path.Combine(_root, "d", "f"), pinned);
            var file = await _fs.StatAsync("d/f");
            Assert.True(file.IsFile);
            Assert.False(file.IsDirectory);
            Assert.Equal(101, file.Size);
            Assert.Equal(new DateTimeOffset(pinned), file.LastWriteTime);
            Assert.Equal(TimeSpan.Zero, file.LastWriteTime!.Value.Offset);

            var directory = await _fs.StatAsync("d");
            Assert.True(directory.IsDirectory);
            Assert.Equal(0, directory.Size);
            Assert.True(directory.LastWriteTime > before);

            var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.StatAsync("d/none"));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.Equal("d/none", e.Path);
        }

        [Fact]
        public async Task CreateDirectoryRecursiveOrNot()
        {
            var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.CreateDirectoryAsync("a/b/c", recursive: false));
            Assert.Equal(StorageErrorKind.NotFound, e.Kind);
            Assert.False(await _fs.ExistsAsync("a"));

            await _fs.CreateDirectoryAsync("a/b/c", recursive: true);
            await _fs.CreateDirectoryAsync("a/b/c", recursive: false); // existing: not an error
            Assert.True((await _fs.StatAsync("a/b/c")).IsDirectory);
            Assert.True(Directory.Exists(Path.Combine(_root, "a", "b", "c")));
        }

        [Theory]
        [InlineData("f")]
        [InlineData("f/sub")]
        public async Task CreateDirectoryWithAFileInTheWayIsAlreadyExists(string path)
        {
            File.WriteAllBytes(Path.Combine(_root, "f"), new byte[] { 1 });
            var e = await Assert.ThrowsAsync<StorageException>(async () => await _fs.CreateDirectoryAsync(path, recursive: true));
            Assert.Equal(StorageErrorKind.AlreadyExists, e.Kind);
            Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(Path.Combine(_root, "f")));
        }

        [Fact]
        public async Task ReadDirectoryListsNamesInOrdinalOrder()
        {
            Directory.CreateDirectory(Path.Combine(_root, "dir"));
            foreach (var name in new[] { "b", "a", "é", "a0", "B" })
            {
                File.WriteAllBytes(Path.Combine(_root, "dir", name), Array.Empty<byte>());
            }

            await _fs.CreateDirectoryAsync("dir/sub", recursive: false);
            var names = await _fs.ReadDirectoryAsync("dir");
            bool caseSensitive = names.Count == 6;
            Assert.Equal(caseSensitive ? new[] { "B", "a", "a0", "b", "sub", "é" } : new[] { "a", "a0", "b", "sub", "é" }, names);
            Assert.Equal(new[] { "dir" }, await _fs.ReadDirectoryAsync(string.Empty));

            var missing = await Assert.ThrowsAsync<StorageException>(async () => await _fs.ReadDirectoryAsync("none"));
            Assert.Equal(StorageErrorKind.NotFound, missing.Kind);
            var file = await Assert.ThrowsAsync<StorageException>(async () => await _fs.ReadDirectoryAsync("dir/a"));
            Assert.Equal(StorageErrorKind.WrongKind, file.Kind);
        }

        [Fact]
        public async Task DeleteRemovesFilesAndEmptyDirectoriesOnly()
        {
            Directory.CreateDirectory(Path.Combine(_root, "d"));
            File.WriteAllBytes(Path.Combine(_root, "d", "f"), new byte[10]);

            var notEmpty = await Assert.ThrowsAsync<StorageException>(async () => await _fs.DeleteAsync("d"));
            Assert.Equal(StorageErrorKind.WrongKind, notEmpty.Kind);
            Assert.True(File.Exists(Path.Combine(_root, "d", "f")));

            await _fs.DeleteAsync("d/f");
            Assert.False(File.Exists(Path.Combine(_root, "d", "f")));
            await _fs.DeleteAsync("d");
            await _fs.DeleteAsync("d"); // missing: no error
            await _fs.DeleteAsync("x/y/z");
            Assert.False(await _fs.ExistsAsync("d"));
            Assert.False(Directory.Exists(Path.Combine(_root, "d")));
        }

        [Fact]
        public async Task ASymbolicLinkLeadingOutsideTheRootIsRefused()
        {
            string secret = Path.Combine(_outside, "secret");
            File.WriteAllBytes(secret, new byte[] { 42 });
            if (!TryCreateLinks(
                () => File.CreateSymbolicLink(Path.Combine(_root, "filelink"), secret),
                () => Directory.CreateSymbolicLink(Path.Combine(_root, "dirlink"), _outside),
                () => Directory.CreateSymbolicLink(Path.Combine(_root, "relative"), Path.Combine("..", "outside")),
                () => File.CreateSymbolicLink(Path.Combine(_root, "dangling"), Path.Combine(_outside, "none"))))
            {
                return; // Windows without the privilege to create links: nothing to check.
            }

            foreach (var path in new[] { "filelink", "dirlink/secret", "dirlink/new", "relative/secret", "dangling", "dirlink" })
            {
                var calls = new Func<Task>[]
                {
                    async () => await _fs.OpenAsync(path, FileOpenMode.ReadWriteCreate),
                    async () => await _fs.OpenAsync(path, FileOpenMode.Write),
                    async () => await _fs.OpenAsync(path, FileOpenMode.Read),
                    async () => await _fs.StatAsync(path),
                    async () => await _fs.ExistsAsync(path),
                    async () => await _fs.CreateDirectoryAsync(path + "/sub", recursive: true),
                    async () => await _fs.DeleteAsync(path),
                };
                foreach (var call in calls)
                {
                    var e = await Assert.ThrowsAsync<StorageException>(call);
                    Assert.Equal(StorageErrorKind.InvalidPath, e.Kind);
                }
            }

            var list = await Assert.ThrowsAsync<StorageException>(async () => await _fs.ReadDirectoryAsync("dirlink"));
            Assert.Equal(StorageErrorKind.InvalidPath, list.Kind);
            Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(secret));
            Assert.Equal(new[] { "secret" }, Array.ConvertAll(Directory.GetFileSystemEntries(_outside), Path.GetFileName));
        }

        [Fact]
        public async Task ASymbolicLinkStayingInsideTheRootIsFollowed()
        {
            Directory.CreateDirectory(Path.Combine(_root, "real"));
            File.WriteAllBytes(Path.Combine(_root, "real", "f"), new byte[] { 1, 2 });
            if (!TryCreateLinks(() => Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), "real")))
            {
                return;
            }

            if (!NativeBuild.ResolvesLinkTargets)
            {
                // The netstandard2.0 build cannot read where a link points, so it refuses every link.
                var refused = await Assert.ThrowsAsync<StorageException>(() => _fs.StatAsync("alias/f").AsTask());
                Assert.Equal(StorageErrorKind.InvalidPath, refused.Kind);
                return;
            }

            Assert.Equal(2, (await _fs.StatAsync("alias/f")).Size);
            await using var handle = await _fs.OpenAsync("alias/f", FileOpenMode.Read);
            var back = new byte[2];
            Assert.Equal(2, await handle.ReadAsync(0, back));
            Assert.Equal(new byte[] { 1, 2 }, back);
        }

        [Fact]
        public async Task AccessDeniedIsTypedAndNamesThePath()
        {
            string file = Path.Combine(_root, "locked");
            File.WriteAllBytes(file, new byte[] { 1 });
            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(file, FileAttributes.ReadOnly);
            }
            else
            {
                File.SetUnixFileMode(file, UnixFileMode.None);
            }

            try
            {
                // Root passes the permission check on Unix: then the open must simply succeed; otherwise it must fail
                // as AccessDenied, never with a raw platform exception. A read-only file denies everyone on Windows.
                IFileHandle? handle = null;
                try
                {
                    handle = await _fs.OpenAsync("locked", FileOpenMode.ReadWrite);
                }
                catch (StorageException e)
                {
                    Assert.Equal(StorageErrorKind.AccessDenied, e.Kind);
                    Assert.Equal("locked", e.Path);
                    Assert.Contains("'locked'", e.Message, StringComparison.Ordinal);
                    Assert.IsType<UnauthorizedAccessException>(e.InnerException);
                }

                if (handle is not null)
                {
                    Assert.True(RunsWithFullPrivileges(), "The open succeeded though this process is not privileged.");
                    await handle.DisposeAsync();
                }
            }
            finally
            {
                if (OperatingSystem.IsWindows())
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }
                else
                {
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
        }

        [Fact]
        public async Task CancelledCallsFail()
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _fs.OpenAsync("f", FileOpenMode.Write, cancelled.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _fs.CreateDirectoryAsync("d", true, cancelled.Token));
            Assert.False(await _fs.ExistsAsync("f"));
            Assert.False(await _fs.ExistsAsync("d"));
        }

        private static bool RunsWithFullPrivileges() =>
            !OperatingSystem.IsWindows() && string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

        private static bool TryCreateLinks(params Action[] creations)
        {
            try
            {
                foreach (var create in creations)
                {
                    create();
                }

                return true;
            }
            catch (UnauthorizedAccessException) when (OperatingSystem.IsWindows())
            {
                return false;
            }
            catch (IOException) when (OperatingSystem.IsWindows())
            {
                return false;
            }
        }
    }
}
