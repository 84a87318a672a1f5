using System;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    public class InMemoryFileHandleTests
    {
        private const int Page = InMemoryFileSystem.PageSize;

        [Fact]
        public async Task HolesReadAsZerosAndTakeNoSpace()
        {
            var fs = new InMemoryFileSystem();
            await using var handle = await fs.OpenAsync("sparse", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(10L * Page + 5, new byte[] { 1, 2, 3 });
            Assert.Equal((10L * Page) + 8, await handle.GetLengthAsync());
            Assert.Equal(Page, fs.AllocatedBytes);

            var buffer = Enumerable.Repeat((byte)0xEE, 16).ToArray();
            Assert.Equal(16, await handle.ReadAsync(3L * Page, buffer));
            Assert.All(buffer, b => Assert.Equal(0, b));

            var around = new byte[10];
            Assert.Equal(5, await handle.ReadAsync((10L * Page) + 3, around));
            Assert.Equal(new byte[] { 0, 0, 1, 2, 3 }, around.Take(5).ToArray());
        }

        [Fact]
        public async Task WritesAcrossPageBoundariesReadBack()
        {
            var fs = new InMemoryFileSystem();
            var content = new byte[(3 * Page) + 123];
            new Random(7).NextBytes(content);
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(Page - 50, content);
            var back = new byte[content.Length];
            Assert.Equal(content.Length, await handle.ReadAsync(Page - 50, back));
            Assert.Equal(content, back);
            Assert.Equal(5L * Page, fs.AllocatedBytes); // pages 0..4 touched

            Assert.Equal(0, await handle.ReadAsync(await handle.GetLengthAsync(), back));
            Assert.Equal(0, await handle.ReadAsync(100L * Page, back));
        }

        [Fact]
        public async Task SetLengthCutsFreesAndExtendsWithZeros()
        {
            var fs = new InMemoryFileSystem();
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(0, Enumerable.Repeat((byte)0xFF, 3 * Page).ToArray());
            Assert.Equal(3L * Page, fs.AllocatedBytes);

            await handle.SetLengthAsync(Page + 10);
            Assert.Equal(Page + 10, await handle.GetLengthAsync());
            Assert.Equal(2L * Page, fs.AllocatedBytes);

            await handle.SetLengthAsync(4L * Page);
            Assert.Equal(2L * Page, fs.AllocatedBytes); // extending is sparse
            var tail = new byte[100];
            Assert.Equal(100, await handle.ReadAsync(Page, tail));
            Assert.All(tail.Take(10), b => Assert.Equal(0xFF, b));
            Assert.All(tail.Skip(10), b => Assert.Equal(0, b)); // the cut bytes do not come back
        }

        [Fact]
        public async Task HandlesOpenedReadOnlyOrWriteOnlyRefuseTheOtherDirection()
        {
            var fs = new InMemoryFileSystem();
            fs.WriteAllBytes("f", new byte[] { 1 });
            await using (var reader = await fs.OpenAsync("f", FileOpenMode.Read))
            {
                var write = await Assert.ThrowsAsync<StorageException>(async () => await reader.WriteAsync(0, new byte[] { 2 }));
                Assert.Equal(StorageErrorKind.AccessDenied, write.Kind);
                var resize = await Assert.ThrowsAsync<StorageException>(async () => await reader.SetLengthAsync(0));
                Assert.Equal(StorageErrorKind.AccessDenied, resize.Kind);
            }

            await using (var writer = await fs.OpenAsync("f", FileOpenMode.Write))
            {
                var read = await Assert.ThrowsAsync<StorageException>(async () => await writer.ReadAsync(0, new byte[1]));
                Assert.Equal(StorageErrorKind.AccessDenied, read.Kind);
                await writer.WriteAsync(0, new byte[] { 3 });
            }

            Assert.Equal(new byte[] { 3 }, fs.ReadAllBytes("f"));
        }

        [Fact]
        public async Task EveryCallAfterDisposeThrowsObjectDisposed()
        {
            var fs = new InMemoryFileSystem();
            var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.DisposeAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.WriteAsync(0, new byte[1]));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.ReadAsync(0, new byte[1]));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.GetLengthAsync());
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.SetLengthAsync(1));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.FlushAsync());
            Assert.Equal(0, (await fs.StatAsync("f")).Size);
        }

        [Fact]
        public async Task NegativeOffsetsAreRefused()
        {
            var fs = new InMemoryFileSystem();
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await handle.WriteAsync(-1, new byte[1]));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await handle.ReadAsync(-1, new byte[1]));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await handle.SetLengthAsync(-1));
        }

        [Fact]
        public async Task ConcurrentWritersOnOneHandleAllLand()
        {
            var fs = new InMemoryFileSystem();
            await using var handle = await fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            const int Blocks = 256;
            const int BlockSize = 16 * 1024;
            await Task.WhenAll(Enumerable.Range(0, Blocks).Select(i => Task.Run(async () =>
                await handle.WriteAsync((long)i * BlockSize, Enumerable.Repeat((byte)i, BlockSize).ToArray()))));
            var content = fs.ReadAllBytes("f");
            Assert.Equal(Blocks * BlockSize, content.Length);
            for (int i = 0; i < Blocks; i++)
            {
                Assert.All(new ArraySegment<byte>(content, i * BlockSize, BlockSize), b => Assert.Equal((byte)i, b));
            }

            Assert.Equal((long)Blocks * BlockSize, fs.AllocatedBytes);
        }

        [Fact]
        public async Task AOneGibibyteFileWrittenInBlocksWorks()
        {
            const long Size = 1L << 30;
            const int BlockSize = 16 * 1024;
            var fs = new InMemoryFileSystem();
            var block = new byte[BlockSize];
            await using (var handle = await fs.OpenAsync("big", FileOpenMode.ReadWriteCreate))
            {
                for (long offset = 0; offset < Size; offset += BlockSize)
                {
                    // Stamp each block with its index so a misplaced copy would show.
                    BitConverter.TryWriteBytes(block, offset / BlockSize);
                    await handle.WriteAsync(offset, block);
                }

                Assert.Equal(Size, await handle.GetLengthAsync());
                var check = new byte[8];
                foreach (long index in new[] { 0L, 1L, 4095L, (Size / BlockSize) - 1 })
                {
                    Assert.Equal(8, await handle.ReadAsync(index * BlockSize, check));
                    Assert.Equal(index, BitConverter.ToInt64(check));
                }
            }

            Assert.Equal(Size, fs.AllocatedBytes);
            await fs.DeleteAsync("big");
            Assert.Equal(0, fs.AllocatedBytes);
        }
    }
}
