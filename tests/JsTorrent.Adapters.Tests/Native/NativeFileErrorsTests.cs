using System;
using System.IO;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    public class NativeFileErrorsTests
    {
        [Theory]
        [InlineData(unchecked((int)0x80070070), StorageErrorKind.DiskFull)] // ERROR_DISK_FULL
        [InlineData(unchecked((int)0x80070027), StorageErrorKind.DiskFull)] // ERROR_HANDLE_DISK_FULL
        [InlineData(unchecked((int)0x80070020), StorageErrorKind.Locked)] // ERROR_SHARING_VIOLATION
        [InlineData(unchecked((int)0x80070021), StorageErrorKind.Locked)] // ERROR_LOCK_VIOLATION
        [InlineData(unchecked((int)0x80070005), StorageErrorKind.AccessDenied)]
        [InlineData(unchecked((int)0x80070002), StorageErrorKind.NotFound)]
        [InlineData(unchecked((int)0x80070003), StorageErrorKind.NotFound)]
        [InlineData(unchecked((int)0x800700B7), StorageErrorKind.AlreadyExists)]
        [InlineData(unchecked((int)0x80070091), StorageErrorKind.WrongKind)] // ERROR_DIR_NOT_EMPTY
        [InlineData(unchecked((int)0x8007001F), StorageErrorKind.IOError)] // ERROR_GEN_FAILURE
        [InlineData(unchecked((int)0x80131620), StorageErrorKind.IOError)] // COR_E_IO, the default of a bare IOException
        [InlineData(unchecked((int)0x80040020), StorageErrorKind.IOError)] // low word 32 in another facility
        public void WindowsHResultsMapToKinds(int hresult, StorageErrorKind expected)
        {
            Assert.Equal(expected, NativeFileErrors.Classify(new IOException("x", hresult), macOS: false));
            Assert.Equal(expected, NativeFileErrors.Classify(new IOException("x", hresult), macOS: true));
        }

        [Theory]
        [InlineData(28, false, StorageErrorKind.DiskFull)] // ENOSPC
        [InlineData(28, true, StorageErrorKind.DiskFull)]
        [InlineData(122, false, StorageErrorKind.DiskFull)] // EDQUOT on Linux
        [InlineData(69, true, StorageErrorKind.DiskFull)] // EDQUOT on macOS
        [InlineData(11, false, StorageErrorKind.Locked)] // EAGAIN/EWOULDBLOCK on Linux
        [InlineData(35, true, StorageErrorKind.Locked)] // EAGAIN/EWOULDBLOCK on macOS
        [InlineData(35, false, StorageErrorKind.IOError)] // EDEADLK on Linux
        [InlineData(26, false, StorageErrorKind.Locked)] // ETXTBSY
        [InlineData(13, false, StorageErrorKind.AccessDenied)] // EACCES
        [InlineData(1, true, StorageErrorKind.AccessDenied)] // EPERM
        [InlineData(2, false, StorageErrorKind.NotFound)] // ENOENT
        [InlineData(20, false, StorageErrorKind.NotFound)] // ENOTDIR
        [InlineData(17, false, StorageErrorKind.AlreadyExists)] // EEXIST
        [InlineData(21, false, StorageErrorKind.WrongKind)] // EISDIR
        [InlineData(39, false, StorageErrorKind.WrongKind)] // ENOTEMPTY on Linux
        [InlineData(66, true, StorageErrorKind.WrongKind)] // ENOTEMPTY on macOS
        [InlineData(5, false, StorageErrorKind.IOError)] // EIO
        public void UnixErrnosMapToKinds(int errno, bool macOS, StorageErrorKind expected)
        {
            Assert.Equal(expected, NativeFileErrors.Classify(new IOException("x", errno), macOS));
        }

        [Fact]
        public void ExceptionTypesMapToKinds()
        {
            Assert.Equal(StorageErrorKind.NotFound, NativeFileErrors.Classify(new FileNotFoundException()));
            Assert.Equal(StorageErrorKind.NotFound, NativeFileErrors.Classify(new DirectoryNotFoundException()));
            Assert.Equal(StorageErrorKind.AccessDenied, NativeFileErrors.Classify(new UnauthorizedAccessException()));
            Assert.Equal(StorageErrorKind.InvalidPath, NativeFileErrors.Classify(new PathTooLongException()));
            Assert.Equal(StorageErrorKind.IOError, NativeFileErrors.Classify(new IOException()));
            Assert.Equal(StorageErrorKind.IOError, NativeFileErrors.Classify(new NotSupportedException()));
        }

        [Fact]
        public void WrappingNamesTheRelativePathAndKeepsThePlatformException()
        {
            var platform = new IOException("No space left on device : '/data/root/a/b.bin'", 28);
            var wrapped = Assert.IsType<StorageException>(NativeFileErrors.Wrap(platform, "a/b.bin", "write"));
            Assert.Equal(StorageErrorKind.DiskFull, wrapped.Kind);
            Assert.Equal("a/b.bin", wrapped.Path);
            Assert.StartsWith("Cannot write 'a/b.bin': the disk is full", wrapped.Message, StringComparison.Ordinal);
            Assert.Same(platform, wrapped.InnerException);
        }

        [Fact]
        public void TypedCancellationAndArgumentErrorsPassUnchanged()
        {
            var storage = new StorageException(StorageErrorKind.Locked, "p", "m");
            var cancelled = new OperationCanceledException();
            var disposed = new ObjectDisposedException("h");
            var argument = new ArgumentOutOfRangeException("offset");
            Assert.Same(storage, NativeFileErrors.Wrap(storage, "q", "read"));
            Assert.Same(cancelled, NativeFileErrors.Wrap(cancelled, "q", "read"));
            Assert.Same(disposed, NativeFileErrors.Wrap(disposed, "q", "read"));
            Assert.Same(argument, NativeFileErrors.Wrap(argument, "q", "read"));
        }
    }
}
