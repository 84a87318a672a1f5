using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Session;

namespace JsTorrent.Engine.Tests.Session
{
    public class SessionWriterTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private readonly EngineLog _log = new EngineLog(100, () => DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        private readonly FakeSessionStore _store = new FakeSessionStore();

        private SessionWriter Writer() => new SessionWriter(_store, _log.CreateLogger(LogComponents.Session));

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        private string? Stored(string key) => _store.Values.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : null;

        [Fact]
        public async Task FlushingWithNothingQueuedCompletesAtOnce()
        {
            var writer = Writer();
            Assert.True(writer.FlushAsync().IsCompleted);
            await writer.FlushAsync();
            Assert.Equal(0, writer.Writes);
            Assert.Equal(0, _store.SetCalls + _store.DeleteCalls);
        }

        [Fact]
        public async Task ValuesAndDeletesReachTheStore()
        {
            _store.Put("torrent:old", Bytes("stale"));
            var writer = Writer();
            writer.Set("torrent:a", Bytes("alpha"));
            writer.Set("engine:b", Bytes("b\u00eata"));
            writer.Set("torrent:empty", Array.Empty<byte>());
            writer.Delete("torrent:old");
            writer.Delete("torrent:never-stored");
            await writer.FlushAsync().WaitAsync(Timeout);

            Assert.Equal("alpha", Stored("torrent:a"));
            Assert.Equal("b\u00eata", Stored("engine:b"));
            Assert.Equal(string.Empty, Stored("torrent:empty"));
            Assert.Null(Stored("torrent:old"));
            Assert.Equal(new[] { "engine:b", "torrent:a", "torrent:empty" }, await _store.KeysAsync());
            Assert.Equal(5, writer.Writes);
            Assert.Equal(0, writer.Failures);
            Assert.Equal(3, _store.SetCalls);
            Assert.Equal(2, _store.DeleteCalls);
        }

        [Fact]
        public async Task AKeySetManyTimesEndsWithTheLastValue()
        {
            var writer = Writer();
            const int Sets = 1000;
            for (int i = 0; i < Sets; i++)
            {
                writer.Set("torrent:x:progress", Bytes("value " + i));
            }

            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Equal("value " + (Sets - 1), Stored("torrent:x:progress"));
            Assert.InRange(_store.SetCalls, 1, Sets);
            Assert.Equal(_store.SetCalls, writer.Writes);
            Assert.Equal(1, _store.MaxConcurrentWrites);
        }

        [Fact]
        public async Task ChangesQueuedWhileAWriteIsInProgressCoalesceIntoOneWrite()
        {
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _store.Gate = gate;
            var writer = Writer();
            try
            {
                for (int i = 0; i < 1000; i++)
                {
                    writer.Set("k", Bytes("v" + i));
                }
            }
            finally
            {
                gate.TrySetResult(true);
            }

            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Equal("v999", Stored("k"));

            // Whenever the drain picked up its first batch, everything queued after it is one more write.
            Assert.InRange(_store.SetCalls, 1, 2);
        }

        [Fact]
        public async Task ADeleteAfterASetLeavesTheKeyAbsentAndASetAfterADeleteLeavesItPresent()
        {
            var writer = Writer();
            writer.Set("gone", Bytes("1"));
            writer.Delete("gone");
            writer.Delete("back");
            writer.Set("back", Bytes("2"));
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Null(Stored("gone"));
            Assert.Equal("2", Stored("back"));

            // The same once the first value has reached the store.
            writer.Set("later", Bytes("3"));
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Equal("3", Stored("later"));
            writer.Delete("later");
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Null(Stored("later"));
        }

        [Fact]
        public async Task FlushWaitsForEverythingQueuedBeforeIt()
        {
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _store.Gate = gate;
            var writer = Writer();
            Task flush;
            try
            {
                writer.Set("first", Bytes("1"));
                await _store.Entered.WaitAsync(Timeout);

                // Queued while "first" is held in the store.
                writer.Set("second", Bytes("2"));
                writer.Delete("third");
                flush = writer.FlushAsync();
                Assert.False(flush.IsCompleted);
                Assert.Null(Stored("first"));
            }
            finally
            {
                gate.TrySetResult(true);
            }

            await flush.WaitAsync(Timeout);
            Assert.Equal("1", Stored("first"));
            Assert.Equal("2", Stored("second"));
            Assert.Equal(3, writer.Writes);
            Assert.Equal(1, _store.MaxConcurrentWrites);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task AFailingStoreIsCountedLoggedAndDoesNotStopLaterWrites(bool asynchronously)
        {
            bool broken = true;
            _store.FailAsynchronously = asynchronously;
            _store.Fail = key => key == "bad" && broken ? new IOException("disk on fire") : null;
            var writer = Writer();

            writer.Set("bad", Bytes("x"));
            writer.Set("good", Bytes("y"));
            await writer.FlushAsync().WaitAsync(Timeout);

            Assert.Equal(1, writer.Failures);
            Assert.Equal(1, writer.Writes);
            Assert.Null(Stored("bad"));
            Assert.Equal("y", Stored("good"));
            var error = Assert.Single(_log.Buffer.GetEntries(), e => e.Level == LogLevel.Error);
            Assert.Equal(LogComponents.Session, error.Component);
            Assert.Contains("'bad'", error.Message);
            Assert.Contains("disk on fire", error.Message);
            Assert.IsType<IOException>(error.Exception);

            // Keys after the failure are still written; a failing key is retried by its next change.
            writer.Set("later", Bytes("z"));
            writer.Set("bad", Bytes("again"));
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Equal("z", Stored("later"));
            Assert.Equal(2, writer.Failures);

            broken = false;
            writer.Set("bad", Bytes("fixed"));
            writer.Delete("good");
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Equal("fixed", Stored("bad"));
            Assert.Null(Stored("good"));
            Assert.Equal(2, writer.Failures);
            Assert.Equal(4, writer.Writes);
            Assert.Equal(2, _log.Buffer.GetEntries().Count(e => e.Level == LogLevel.Error));
        }

        [Fact]
        public async Task AFailingDeleteIsCountedToo()
        {
            _store.Put("stuck", Bytes("1"));
            _store.Fail = key => key == "stuck" ? new InvalidOperationException("locked") : null;
            var writer = Writer();
            writer.Delete("stuck");
            await writer.FlushAsync().WaitAsync(Timeout);
            Assert.Equal(1, writer.Failures);
            Assert.Equal("1", Stored("stuck"));
            Assert.Contains("locked", Assert.Single(_log.Buffer.GetEntries()).Message);
        }

        [Fact]
        public async Task SetsFromSeveralThreadsAllArrive()
        {
            var writer = Writer();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (int i = 0; i < 250; i++)
                {
                    writer.Set("t" + t + ":" + i, Bytes("first"));
                    writer.Set("t" + t + ":" + i, Bytes(t + "/" + i));
                }
            }))).WaitAsync(Timeout);
            await writer.FlushAsync().WaitAsync(Timeout);

            Assert.Equal(1000, _store.Values.Count);
            for (int t = 0; t < 4; t++)
            {
                for (int i = 0; i < 250; i++)
                {
                    Assert.Equal(t + "/" + i, Stored("t" + t + ":" + i));
                }
            }

            Assert.InRange(writer.Writes, 1000, 2000);
            Assert.Equal(0, writer.Failures);
            Assert.Equal(1, _store.MaxConcurrentWrites);
        }
    }
}
