using System;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    public class InMemoryFaultsTests
    {
        private const int Page = InMemoryFileSystem.PageSize;

        [Fact]
        public async Task TheArmedWriteFailsOnceWithIOError()
        {
            var fs = new InMemoryFileSystem();
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            fs.Faults.FailWriteNumber = 3;
            await handle.WriteAsync(0, new byte[] { 1 });
            Assert.Equal(2, fs.Faults.FailWriteNumber);
            await handle.WriteAsync(1, new byte[] { 2 });
            var e = await Assert.ThrowsAsync<StorageException>(async () => await handle.WriteAsync(2, new byte[] { 3 }));
            Assert.Equal(StorageErrorKind.IOError, e.Kind);
            Assert.Equal("f", e.Path);
            Assert.Null(fs.Faults.FailWriteNumber);

            await handle.WriteAsync(2, new byte[] { 4 });
            Assert.Equal(new byte[] { 1, 2, 4 }, fs.ReadAllBytes("f"));
        }

        [Fact]
        public void FailWriteNumberMustBePositive()
        {
            var fs = new InMemoryFileSystem();
            Assert.Throws<ArgumentOutOfRangeException>(() => fs.Faults.FailWriteNumber = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => fs.Faults.CapacityBytes = -1);
            Assert.Null(fs.Faults.FailWriteNumber);
            Assert.Null(fs.Faults.CapacityBytes);
        }

        [Fact]
        public async Task AWritePastCapacityIsDiskFullAndWritesNothing()
        {
            var fs = new InMemoryFileSystem();
            fs.Faults.CapacityBytes = 2L * Page;
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(0, new byte[Page]);

            // Needs pages 1 and 2: one too many.
            var e = await Assert.ThrowsAsync<StorageException>(async () => await handle.WriteAsync(Page + 10, new byte[Page]));
            Assert.Equal(StorageErrorKind.DiskFull, e.Kind);
            Assert.Equal(Page, await handle.GetLengthAsync());
            Assert.Equal(Page, fs.AllocatedBytes);

            // Overwriting allocated pages and filling the last free one still works.
            await handle.WriteAsync(0, new byte[] { 5 });
            await handle.WriteAsync(Page, new byte[Page]);
            Assert.Equal(2L * Page, fs.AllocatedBytes);

            fs.Faults.CapacityBytes = null;
            await handle.WriteAsync(2L * Page, new byte[1]);
            Assert.Equal(3L * Page, fs.AllocatedBytes);
        }

        [Theory]
        [InlineData(StorageErrorKind.AccessDenied)]
        [InlineData(StorageErrorKind.Locked)]
        public async Task OpensOfAFailingPathFailUntilStopped(StorageErrorKind kind)
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("d/f", new byte[] { 1 });
            fs.Faults.FailOpens("d/f", kind);
            foreach (FileOpenMode mode in Enum.GetValues(typeof(FileOpenMode)))
            {
                var e = await Assert.ThrowsAsync<StorageException>(async () => await fs.OpenAsync("d/f", mode));
                Assert.Equal(kind, e.Kind);
            }

            (await fs.OpenAsync("d/other", FileOpenMode.ReadWriteCreate)).Dispose();
            Assert.Equal(new byte[] { 1 }, fs.ReadAllBytes("d/f")); // the Write-mode open truncated nothing
            fs.Faults.StopFailingOpens("d/f");
            (await fs.OpenAsync("d/f", FileOpenMode.Read)).Dispose();
            Assert.Equal(0, fs.OpenHandleCount);
        }

        [Fact]
        public async Task ResetDisarmsEverything()
        {
            var fs = new InMemoryFileSystem();
            fs.Faults.FailWriteNumber = 1;
            fs.Faults.CapacityBytes = 0;
            fs.Faults.FailOpens("f", StorageErrorKind.Locked);
            fs.Faults.Reset();
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(0, new byte[] { 1 });
            Assert.Equal(new byte[] { 1 }, fs.ReadAllBytes("f"));
        }

        [Fact]
        public async Task HeldWritesWaitUntilReleased()
        {
            var fs = new InMemoryFileSystem();
            var hold = fs.Faults.HoldWrites("f");
            Assert.Same(hold, fs.Faults.HoldWrites("f"));
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            var write = handle.WriteAsync(0, new byte[] { 1 }).AsTask();
            await hold.Started.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(write.IsCompleted);
            Assert.Equal(0, await handle.GetLengthAsync());

            hold.Release();
            await write.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(new byte[] { 1 }, fs.ReadAllBytes("f"));
            await handle.WriteAsync(1, new byte[] { 2 }); // released: later writes pass at once
            Assert.NotSame(hold, fs.Faults.HoldWrites("f"));
        }

        [Fact]
        public async Task AHandleClosedUnderAHeldWriteFailsIt()
        {
            var fs = new InMemoryFileSystem();
            var hold = fs.Faults.HoldWrites("f");
            var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            var write = handle.WriteAsync(0, new byte[] { 1 }).AsTask();
            await hold.Started.WaitAsync(TimeSpan.FromSeconds(10));
            handle.Dispose();
            fs.Faults.Reset();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => write.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, (await fs.StatAsync("f")).Size);
        }

        [Fact]
        public void TestHelpersIgnoreFaults()
        {
            var fs = new InMemoryFileSystem();
            fs.Faults.CapacityBytes = 0;
            fs.Faults.FailWriteNumber = 1;
            fs.WriteAllBytes("f", new byte[] { 1 });
            Assert.Equal(new byte[] { 1 }, fs.ReadAllBytes("f"));
            Assert.Equal(1, fs.Faults.FailWriteNumber);
        }
    }
}
