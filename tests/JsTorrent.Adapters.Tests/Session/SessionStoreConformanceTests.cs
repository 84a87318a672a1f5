using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Session
{
    /// <summary>
    /// What every <see cref="ISessionStore"/> must do. A derived class per implementation supplies
    /// <see cref="CreateStore"/> (and cleans up in <see cref="Dispose(bool)"/>); xunit runs these facts for each.
    /// </summary>
    public abstract class SessionStoreConformanceTests : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        /// <summary>A new, empty store; the derived class disposes it.</summary>
        protected abstract ISessionStore CreateStore();

        [Fact]
        public async Task AnAbsentKeyReadsAsNull()
        {
            var store = CreateStore();
            Assert.Null(await store.GetAsync("torrent:absent:bitfield"));
            await store.SetAsync("torrent:present:bitfield", new byte[] { 1 });
            Assert.Null(await store.GetAsync("torrent:absent:bitfield"));
            Assert.Null(await store.GetAsync("torrent:present:bitfiel"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(1024 * 1024)]
        public async Task ValuesRoundTrip(int length)
        {
            var store = CreateStore();
            byte[] value = Pattern(length, seed: 7);
            await store.SetAsync("k", value);
            byte[]? read = await store.GetAsync("k");
            Assert.NotNull(read);
            Assert.Equal(value, read);
        }

        [Fact]
        public async Task BinaryValuesWithZerosRoundTrip()
        {
            var store = CreateStore();
            byte[] value = { 0, 0, 1, 0, 255, 0, 0x80, 0, 0 };
            await store.SetAsync("zeros", value);
            await store.SetAsync("only-zeros", new byte[100]);
            Assert.Equal(value, await store.GetAsync("zeros"));
            Assert.Equal(new byte[100], await store.GetAsync("only-zeros"));
        }

        [Fact]
        public async Task AnEmptyValueIsNotAnAbsentOne()
        {
            var store = CreateStore();
            await store.SetAsync("empty", ReadOnlyMemory<byte>.Empty);
            Assert.Equal(Array.Empty<byte>(), await store.GetAsync("empty"));
            Assert.Equal(new[] { "empty" }, await store.KeysAsync());
        }

        [Fact]
        public async Task SetReplacesTheValue()
        {
            var store = CreateStore();
            await store.SetAsync("k", Pattern(5000, seed: 1));
            await store.SetAsync("k", new byte[] { 9, 8 });
            Assert.Equal(new byte[] { 9, 8 }, await store.GetAsync("k"));
            await store.SetAsync("k", Pattern(70000, seed: 2));
            Assert.Equal(Pattern(70000, seed: 2), await store.GetAsync("k"));
            Assert.Single(await store.KeysAsync());
        }

        [Fact]
        public async Task ReturnedArraysAreCopies()
        {
            var store = CreateStore();
            await store.SetAsync("k", new byte[] { 1, 2, 3 });
            byte[] first = (await store.GetAsync("k"))!;
            first[0] = 99;
            byte[] second = (await store.GetAsync("k"))!;
            Assert.Equal(new byte[] { 1, 2, 3 }, second);
            Assert.NotSame(first, second);
        }

        [Fact]
        public async Task TheCallersBufferIsCopied()
        {
            var store = CreateStore();
            byte[] buffer = { 10, 11, 12, 13, 14, 15 };
            await store.SetAsync("slice", buffer.AsMemory(1, 3));
            Array.Clear(buffer, 0, buffer.Length);
            Assert.Equal(new byte[] { 11, 12, 13 }, await store.GetAsync("slice"));
        }

        [Fact]
        public async Task DeleteRemovesAKeyAndAnAbsentKeyIsFine()
        {
            var store = CreateStore();
            await store.SetAsync("a", new byte[] { 1 });
            await store.SetAsync("b", new byte[] { 2 });
            await store.DeleteAsync("a");
            await store.DeleteAsync("a");
            await store.DeleteAsync("never");
            Assert.Null(await store.GetAsync("a"));
            Assert.Equal(new byte[] { 2 }, await store.GetAsync("b"));
            Assert.Equal(new[] { "b" }, await store.KeysAsync());
        }

        [Fact]
        public async Task KeysAreListedInOrdinalOrder()
        {
            var store = CreateStore();
            // Ordinal is UTF-16 code-unit order: upper case before lower case, U+00E9 after 'z', a
            // surrogate pair (U+1F600, 0xD83D...) before U+FF21, unlike UTF-8 byte order.
            string[] keys = { "torrent:a", "torrent:A", "b", "B", "\u00e9", "z", "torrent:", "\U0001F600", "\uFF21", "a", "torrent:ab", "Z" };
            foreach (string key in keys)
            {
                await store.SetAsync(key, new byte[] { 1 });
            }

            string[] expected = keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, await store.KeysAsync());
            Assert.Equal(new[] { "B", "Z", "a", "b", "torrent:", "torrent:A", "torrent:a", "torrent:ab", "z", "\u00e9", "\U0001F600", "\uFF21" }, await store.KeysAsync(null));
            Assert.Equal(expected, await store.KeysAsync(string.Empty));
        }

        [Fact]
        public async Task APrefixSelectsKeysThatStartWithItOrdinally()
        {
            var store = CreateStore();
            string[] keys =
            {
                "torrent:a", "torrent:a:bitfield", "torrent:ab", "torrent:A:bitfield", "torrent:", "torrent", "Torrent:a",
                "x_1", "x%1", "xa1", "x_", "torrent:a\uFFFF", "torrent:b",
            };
            foreach (string key in keys)
            {
                await store.SetAsync(key, new byte[] { 2 });
            }

            Assert.Equal(new[] { "torrent:a", "torrent:a:bitfield", "torrent:ab", "torrent:a\uFFFF" }, await store.KeysAsync("torrent:a"));
            Assert.Equal(new[] { "torrent:A:bitfield" }, await store.KeysAsync("torrent:A"));
            Assert.Equal(new[] { "torrent:", "torrent:A:bitfield", "torrent:a", "torrent:a:bitfield", "torrent:ab", "torrent:a\uFFFF", "torrent:b" }, await store.KeysAsync("torrent:"));
            Assert.Equal(new[] { "x_", "x_1" }, await store.KeysAsync("x_"));
            Assert.Equal(new[] { "x%1" }, await store.KeysAsync("x%"));
            Assert.Equal(new[] { "torrent:a:bitfield" }, await store.KeysAsync("torrent:a:bitfield"));
        }

        [Fact]
        public async Task APrefixThatMatchesNothingListsNothing()
        {
            var store = CreateStore();
            Assert.Empty(await store.KeysAsync("torrent:"));
            foreach (string key in new[] { "b", "c:1", "d" })
            {
                await store.SetAsync(key, new byte[] { 3 });
            }

            Assert.Empty(await store.KeysAsync("a"));
            Assert.Empty(await store.KeysAsync("c:2"));
            Assert.Empty(await store.KeysAsync("C"));
            Assert.Empty(await store.KeysAsync("zzz"));
            Assert.Empty(await store.KeysAsync("b:"));
        }

        [Fact]
        public async Task TheDesignsKeysForOneTorrentAreListedByItsPrefix()
        {
            var store = CreateStore();
            const string hash = "0123456789abcdef0123456789abcdef01234567";
            foreach (string part in new[] { "progress", "bitfield", "peers", "metadata" })
            {
                await store.SetAsync("torrent:" + hash + ":" + part, new byte[] { 4 });
                await store.SetAsync("torrent:ffffffffffffffffffffffffffffffffffffffff:" + part, new byte[] { 5 });
            }

            Assert.Equal(
                new[] { "bitfield", "metadata", "peers", "progress" }.Select(p => "torrent:" + hash + ":" + p),
                await store.KeysAsync("torrent:" + hash + ":"));
        }

        [Fact]
        public async Task ClearDeletesEveryKey()
        {
            var store = CreateStore();
            for (int i = 0; i < 20; i++)
            {
                await store.SetAsync("k" + i, Pattern(i * 100, seed: i));
            }

            await store.ClearAsync();
            Assert.Empty(await store.KeysAsync());
            Assert.Null(await store.GetAsync("k3"));
            await store.ClearAsync();
            await store.SetAsync("after", new byte[] { 6 });
            Assert.Equal(new[] { "after" }, await store.KeysAsync());
        }

        [Fact]
        public async Task ANullKeyIsRejected()
        {
            var store = CreateStore();
            await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetAsync(null!));
            await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SetAsync(null!, new byte[] { 1 }));
            await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.DeleteAsync(null!));
            Assert.Empty(await store.KeysAsync());
        }

        [Fact]
        public async Task ACancelledTokenCancelsEveryCallBeforeItActs()
        {
            var store = CreateStore();
            await store.SetAsync("kept", new byte[] { 1 });
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();
            CancellationToken token = cancellation.Token;

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("kept", token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetAsync("new", new byte[] { 2 }, token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.DeleteAsync("kept", token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.KeysAsync(null, token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ClearAsync(token));

            Assert.Equal(new[] { "kept" }, await store.KeysAsync());
            Assert.Equal(new byte[] { 1 }, await store.GetAsync("kept"));
        }

        [Fact]
        public async Task ConcurrentSetsAndGetsKeepEveryValue()
        {
            var store = CreateStore();
            const int tasks = 8;
            const int keysPerTask = 40;
            var work = Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
            {
                for (int k = 0; k < keysPerTask; k++)
                {
                    string key = "torrent:" + t + ":" + k;
                    byte[] value = Pattern(1 + (k * 37 % 3000), seed: (t * 1000) + k);
                    await store.SetAsync(key, value);
                    Assert.Equal(value, await store.GetAsync(key));
                    if (k % 10 == 0)
                    {
                        Assert.Contains(key, await store.KeysAsync("torrent:" + t + ":"));
                    }
                }
            }));
            await Task.WhenAll(work).WaitAsync(Timeout);

            IReadOnlyList<string> keys = await store.KeysAsync();
            Assert.Equal(tasks * keysPerTask, keys.Count);
            for (int t = 0; t < tasks; t++)
            {
                for (int k = 0; k < keysPerTask; k++)
                {
                    Assert.Equal(Pattern(1 + (k * 37 % 3000), seed: (t * 1000) + k), await store.GetAsync("torrent:" + t + ":" + k));
                }
            }
        }

        [Fact]
        public async Task KeysWithColonsAndUnicodeRoundTrip()
        {
            var store = CreateStore();
            string[] keys = { "torrent:abc:bitfield", "::", ":", "a::b:", "\u043a\u043b\u044e\u0447:\u5024:\U0001F389", "caf\u00e9", "cafe\u0301", "tab\there", "line\nbreak", "quote\"'`{}[]$" };
            for (int i = 0; i < keys.Length; i++)
            {
                await store.SetAsync(keys[i], new[] { (byte)i });
            }

            for (int i = 0; i < keys.Length; i++)
            {
                Assert.Equal(new[] { (byte)i }, await store.GetAsync(keys[i]));
            }

            // "café" precomposed and decomposed are two keys: no normalisation.
            Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), await store.KeysAsync());
            Assert.Equal(new[] { "\u043a\u043b\u044e\u0447:\u5024:\U0001F389" }, await store.KeysAsync("\u043a\u043b\u044e\u0447:"));
        }

        [Fact]
        public async Task TheEmptyKeyIsAKey()
        {
            var store = CreateStore();
            await store.SetAsync(string.Empty, new byte[] { 7 });
            await store.SetAsync("a", new byte[] { 8 });
            Assert.Equal(new byte[] { 7 }, await store.GetAsync(string.Empty));
            Assert.Equal(new[] { string.Empty, "a" }, await store.KeysAsync());
            await store.DeleteAsync(string.Empty);
            Assert.Equal(new[] { "a" }, await store.KeysAsync());
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
        }

        protected static byte[] Pattern(int length, int seed)
        {
            var bytes = new byte[length];
            uint state = (uint)seed * 2654435761u + 1;
            for (int i = 0; i < length; i++)
            {
                state = (state * 1103515245u) + 12345u;
                bytes[i] = (i % 5 == 0) ? (byte)0 : (byte)(state >> 24);
            }

            return bytes;
        }
    }
}
