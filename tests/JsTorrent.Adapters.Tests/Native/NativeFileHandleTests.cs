using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Native
{
    public sealed class NativeFileHandleTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "jst-nativefh-" + Guid.NewGuid().ToString("N"));
        private readonly NativeFileSystem _fs;

        public NativeFileHandleTests()
        {
            Directory.CreateDirectory(_root);
            _fs = new NativeFileSystem(_root);
        }

        public void Dispose()
        {
            Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public async Task ConcurrentPositionedWritesAllLand()
        {
            const int Blocks = 64;
            const int BlockSize = 16 * 1024;
            await using (var handle = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate))
            {
                // Reverse order so most writes land beyond the current end of the file.
                await Task.WhenAll(Enumerable.Range(0, Blocks).Reverse().Select(i => Task.Run(async () =>
                    await handle.WriteAsync((long)i * BlockSize, Enumerable.Repeat((byte)(i + 1), BlockSize).ToArray())))).WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal((long)Blocks * BlockSize, await handle.GetLengthAsync());

                var reads = await Task.WhenAll(Enumerable.Range(0, Blocks).Select(i => Task.Run(async () =>
                {
                    var block = new byte[BlockSize];
                    int read = await handle.ReadAsync((long)i * BlockSize, block);
                    return (i, read, block);
                }))).WaitAsync(TimeSpan.FromSeconds(30));
                foreach (var (i, read, block) in reads)
                {
                    Assert.Equal(BlockSize, read);
                    Assert.All(block, b => Assert.Equal((byte)(i + 1), b));
                }

                await handle.FlushAsync();
            }

            var content = File.ReadAllBytes(Path.Combine(_root, "f"));
            Assert.Equal(Blocks * BlockSize, content.Length);
            for (int i = 0; i < Blocks; i++)
            {
                Assert.All(new ArraySegment<byte>(content, i * BlockSize, BlockSize), b => Assert.Equal((byte)(i + 1), b));
            }
        }

        [Fact]
        public async Task ReadingPastTheEndReturnsFewerBytes()
        {
            await using var handle = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(0, new byte[] { 1, 2, 3, 4, 5 });
            var buffer = new byte[10];
            Assert.Equal(2, await handle.ReadAsync(3, buffer));
            Assert.Equal(new byte[] { 4, 5 }, buffer.Take(2));
            Assert.Equal(0, await handle.ReadAsync(5, buffer));
            Assert.Equal(0, await handle.ReadAsync(1000, buffer));
            Assert.Equal(0, await handle.ReadAsync(0, Memory<byte>.Empty));
        }

        [Fact]
        public async Task AWriteBeyondTheEndLeavesZerosBefore()
        {
            await using var handle = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.WriteAsync(1000, new byte[] { 9 });
            Assert.Equal(1001, await handle.GetLengthAsync());
            var buffer = new byte[1001];
            Assert.Equal(1001, await handle.ReadAsync(0, buffer));
            Assert.All(buffer.Take(1000), b => Assert.Equal(0, b));
            Assert.Equal(9, buffer[1000]);
        }

        [Fact]
        public async Task SetLengthExtendsWithZerosAndCuts()
        {
            await using (var handle = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate))
            {
                await handle.WriteAsync(0, Enumerable.Repeat((byte)0xFF, 100).ToArray());
                await handle.SetLengthAsync(1L << 30); // 1 GiB: instant because nothing is written
                Assert.Equal(1L << 30, await handle.GetLengthAsync());
                var tail = new byte[16];
                Assert.Equal(16, await handle.ReadAsync((1L << 30) - 16, tail));
                Assert.All(tail, b => Assert.Equal(0, b));

                await handle.SetLengthAsync(10);
                Assert.Equal(10, await handle.GetLengthAsync());
                await handle.SetLengthAsync(20);
                var back = new byte[20];
                Assert.Equal(20, await handle.ReadAsync(0, back));
                Assert.All(back.Take(10), b => Assert.Equal(0xFF, b));
                Assert.All(back.Skip(10), b => Assert.Equal(0, b)); // the cut bytes do not come back
            }

            Assert.Equal(20, (await _fs.StatAsync("f")).Size);
        }

        [Fact]
        public async Task EveryCallAfterDisposeThrowsObjectDisposed()
        {
            var handle = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await handle.DisposeAsync();
            handle.Dispose(); // twice is harmless
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.WriteAsync(0, new byte[1]));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.ReadAsync(0, new byte[1]));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.GetLengthAsync());
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.SetLengthAsync(1));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await handle.FlushAsync());
            Assert.Equal(0, (await _fs.StatAsync("f")).Size);
        }

        [Fact]
        public async Task NegativeOffsetsAreRefused()
        {
            await using var handle = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await handle.WriteAsync(-1, new byte[1]));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await handle.ReadAsync(-1, new byte[1]));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await handle.SetLengthAsync(-1));
            Assert.Equal(0, await handle.GetLengthAsync());
        }

        [Fact]
        public async Task AReaderSeesWhatAWriterWroteWhileBothAreOpen()
        {
            await using var writer = await _fs.OpenAsync("f", FileOpenMode.ReadWriteCreate);
            await writer.WriteAsync(0, new byte[] { 1, 2, 3 });
            await using var reader = await _fs.OpenAsync("f", FileOpenMode.Read);
            var back = new byte[3];
            Assert.Equal(3, await reader.ReadAsync(0, back));
            Assert.Equal(new byte[] { 1, 2, 3 }, back);

            // Another process's reader, as a file manager or media player would open it.
            using var other = new FileStream(Path.Combine(_root, "f"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Assert.Equal(3, other.Length);
        }
    }
}
