using System;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;

namespace JsTorrent.Adapters.Tests.Memory
{
    public class MemorySessionStoreTests
    {
        [Fact]
        public async Task ValuesAreCopiedInAndOut()
        {
            var store = new MemorySessionStore();
            var value = new byte[] { 1, 2, 3 };
            await store.SetAsync("k", value);
            value[0] = 99;
            var read = await store.GetAsync("k");
            Assert.Equal(new byte[] { 1, 2, 3 }, read);
            read![1] = 99;
            Assert.Equal(new byte[] { 1, 2, 3 }, await store.GetAsync("k"));
        }

        [Fact]
        public async Task SetReplacesAndDeleteRemoves()
        {
            var store = new MemorySessionStore();
            Assert.Null(await store.GetAsync("k"));
            await store.SetAsync("k", new byte[] { 1 });
            await store.SetAsync("k", new byte[] { 2, 2 });
            Assert.Equal(new byte[] { 2, 2 }, await store.GetAsync("k"));
            await store.DeleteAsync("k");
            await store.DeleteAsync("k");
            Assert.Null(await store.GetAsync("k"));
            Assert.Equal(0, store.Count);
        }

        [Fact]
        public async Task EmptyValuesAreKeptApartFromAbsentOnes()
        {
            var store = new MemorySessionStore();
            await store.SetAsync("empty", ReadOnlyMemory<byte>.Empty);
            Assert.Equal(Array.Empty<byte>(), await store.GetAsync("empty"));
        }

        [Fact]
        public async Task KeysAreFilteredByOrdinalPrefixAndSortedOrdinally()
        {
            var store = new MemorySessionStore();
            foreach (var key in new[] { "torrent:bb:peers", "torrent:aa:progress", "Torrent:aa:x", "torrent:aa:bitfield", "other" })
            {
                await store.SetAsync(key, new byte[] { 1 });
            }

            Assert.Equal(new[] { "torrent:aa:bitfield", "torrent:aa:progress" }, await store.KeysAsync("torrent:aa:"));
            Assert.Equal(new[] { "Torrent:aa:x", "other", "torrent:aa:bitfield", "torrent:aa:progress", "torrent:bb:peers" }, await store.KeysAsync());
            Assert.Equal(5, (await store.KeysAsync(string.Empty)).Count);
            Assert.Empty(await store.KeysAsync("none"));
        }

        [Fact]
        public async Task ClearEmptiesTheStore()
        {
            var store = new MemorySessionStore();
            await store.SetAsync("a", new byte[] { 1 });
            await store.SetAsync("b", new byte[] { 2 });
            await store.ClearAsync();
            Assert.Empty(await store.KeysAsync());
            Assert.Null(await store.GetAsync("a"));
        }

        [Fact]
        public async Task ConcurrentWritersAllLand()
        {
            var store = new MemorySessionStore();
            await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            {
                for (int j = 0; j < 50; j++)
                {
                    await store.SetAsync("k" + i + ":" + j, new[] { (byte)i, (byte)j });
                    await store.KeysAsync("k" + i);
                }
            })));
            Assert.Equal(64 * 50, store.Count);
            Assert.Equal(new byte[] { 7, 9 }, await store.GetAsync("k7:9"));
        }

        [Fact]
        public async Task NullKeysAreRefused()
        {
            var store = new MemorySessionStore();
            await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetAsync(null!));
            await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SetAsync(null!, new byte[1]));
            await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.DeleteAsync(null!));
        }
    }
}
