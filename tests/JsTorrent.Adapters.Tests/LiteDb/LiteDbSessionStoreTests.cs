using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;
using LiteDB;

namespace JsTorrent.Adapters.Tests.LiteDb
{
    public sealed class LiteDbSessionStoreTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "jst-litedb-" + Guid.NewGuid().ToString("N"));
        private readonly string _path;

        public LiteDbSessionStoreTests()
        {
            _path = Path.Combine(_root, "session.db");
        }

        private string OwnerPath => _path + ".owner";

        [Fact]
        public async Task ValuesPersistAcrossCloseAndReopen()
        {
            using (var store = LiteDbSessionStore.Open(_path))
            {
                Assert.Equal(_path, store.Path);
                Assert.Null(store.TakenOverFromProcessId);
                await store.SetAsync("torrent:aa:bitfield", new byte[] { 1, 0, 2 });
                await store.SetAsync("torrent:aa:progress", new byte[] { 3 });
                await store.SetAsync("gone", new byte[] { 4 });
                await store.DeleteAsync("gone");
            }

            using (var store = LiteDbSessionStore.Open(_path))
            {
                Assert.Null(store.TakenOverFromProcessId);
                Assert.Equal(new byte[] { 1, 0, 2 }, await store.GetAsync("torrent:aa:bitfield"));
                Assert.Equal(new[] { "torrent:aa:bitfield", "torrent:aa:progress" }, await store.KeysAsync());
                await store.ClearAsync();
            }

            using (var store = LiteDbSessionStore.Open(_path))
            {
                Assert.Empty(await store.KeysAsync());
            }
        }

        [Fact]
        public async Task MissingFoldersAreCreated()
        {
            string nested = Path.Combine(_root, "a", "b", "c", "s.db");
            using var store = LiteDbSessionStore.Open(nested);
            await store.SetAsync("k", new byte[] { 1 });
            Assert.True(File.Exists(nested));
            Assert.Equal(nested, store.Path);
        }

        [Fact]
        public async Task ASecondOpenInThisProcessIsRefusedNamingThisProcess()
        {
            DateTime since = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
            using var first = LiteDbSessionStore.Open(_path, new SessionStoreOpenOptions { UtcNow = () => since });
            await first.SetAsync("k", new byte[] { 1 });

            var refused = Assert.Throws<SessionStoreInUseException>(() => LiteDbSessionStore.Open(_path));

            using var self = Process.GetCurrentProcess();
            Assert.Equal(Environment.ProcessId, refused.OwnerProcessId);
            Assert.Equal(self.ProcessName, refused.OwnerProcessName);
            Assert.Equal(since, refused.OwnerSinceUtc);
            Assert.Equal(_path, refused.Path);
            Assert.Contains("'" + _path + "'", refused.Message, StringComparison.Ordinal);
            Assert.Contains("process " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " (", refused.Message, StringComparison.Ordinal);
            Assert.Contains("since 2026-11-24 10:00:00Z", refused.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<SessionStoreException>(refused);

            // The refused open changed nothing: the owner still works and still owns the file.
            Assert.Equal(new byte[] { 1 }, await first.GetAsync("k"));
            await first.SetAsync("k2", new byte[] { 2 });
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), OwnerLine("pid"));
        }

        [Fact]
        public async Task AfterTheOwnerIsDisposedTheFileOpensAgain()
        {
            var first = LiteDbSessionStore.Open(_path);
            await first.SetAsync("k", new byte[] { 5 });
            Assert.True(File.Exists(OwnerPath));
            first.Dispose();
            Assert.False(File.Exists(OwnerPath));

            using var second = LiteDbSessionStore.Open(_path);
            Assert.Null(second.TakenOverFromProcessId);
            Assert.Equal(new byte[] { 5 }, await second.GetAsync("k"));
        }

        [Fact]
        public void FileShareNoneConflictsWithinOneProcess()
        {
            // The ownership rests on this: on Linux .NET takes flock(LOCK_EX) for FileShare.None, and flock
            // conflicts between two opens of one file even in one process.
            Directory.CreateDirectory(_root);
            string lockPath = Path.Combine(_root, "probe.lock");
            using var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            Assert.ThrowsAny<IOException>(() => new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            Assert.False(SessionFileLock.IsFileLockingDisabled());
        }

        [Fact]
        public async Task AStaleOwnerFileOfADeadProcessIsTakenOver()
        {
            int deadPid = await DeadProcessIdAsync();
            Directory.CreateDirectory(_root);
            File.WriteAllText(OwnerPath, "pid=" + deadPid.ToString(CultureInfo.InvariantCulture) + "\nprocess=true\nmachine=" + Environment.MachineName + "\nsinceUtc=2026-01-01T00:00:00.0000000Z\n");

            using var store = LiteDbSessionStore.Open(_path);
            Assert.Equal(deadPid, store.TakenOverFromProcessId);
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), OwnerLine("pid"));
            await store.SetAsync("k", new byte[] { 1 });
            Assert.Equal(new byte[] { 1 }, await store.GetAsync("k"));
        }

        [Fact]
        public async Task AnotherProcessHoldingTheFileIsNamedAndReleasesItOnClose()
        {
            using var child = SessionStoreChildProcess.Start(new[] { _path, "hold", "from-child", "0a0b00" });
            Assert.Equal("ready -", await child.ReadLineAsync());

            var refused = Assert.Throws<SessionStoreInUseException>(() => LiteDbSessionStore.Open(_path));
            Assert.Equal(child.Id, refused.OwnerProcessId);
            Assert.False(string.IsNullOrEmpty(refused.OwnerProcessName));
            Assert.Contains("in use by process " + child.Id.ToString(CultureInfo.InvariantCulture) + " (", refused.Message, StringComparison.Ordinal);
            Assert.EndsWith("Use another session path, or stop that process.", refused.Message, StringComparison.Ordinal);

            child.CloseInput();
            Assert.Equal("closed", await child.ReadLineAsync());
            Assert.Equal(0, await child.WaitForExitAsync());

            using var store = LiteDbSessionStore.Open(_path);
            Assert.Null(store.TakenOverFromProcessId);
            Assert.Equal(new byte[] { 0x0a, 0x0b, 0x00 }, await store.GetAsync("from-child"));
        }

        [Fact]
        public async Task AValueWrittenByAProcessKilledRightAfterTheWriteSurvivesAndTheFileIsTakenOver()
        {
            byte[] value = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
            using var child = SessionStoreChildProcess.Start(new[] { _path, "hold", "torrent:ab:bitfield", Convert.ToHexString(value) });
            Assert.Equal("ready -", await child.ReadLineAsync());

            // SIGKILL on Unix: no dispose, no checkpoint; only what the write call left in the OS survives.
            await child.KillAsync();

            using var store = LiteDbSessionStore.Open(_path);
            Assert.Equal(child.Id, store.TakenOverFromProcessId);
            Assert.Equal(value, await store.GetAsync("torrent:ab:bitfield"));
            Assert.Equal(new[] { "torrent:ab:bitfield" }, await store.KeysAsync());
        }

        [Fact]
        public async Task WithFileLockingSwitchedOffTheOwnerFileStillRefusesALiveOwner()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // The switch only concerns the Unix emulation of share modes; nothing to test on Windows.
                Assert.False(SessionFileLock.IsFileLockingDisabled());
                return;
            }

            using var owner = LiteDbSessionStore.Open(_path);
            var environment = new Dictionary<string, string> { ["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1" };
            using var child = SessionStoreChildProcess.Start(new[] { _path, "try-open" }, environment);
            Assert.Equal("in-use " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " by-owner-file", await child.ReadLineAsync());
            Assert.Equal(SessionStoreChild.InUseExitCode, await child.WaitForExitAsync());

            // With locking on, the same child is refused by the lock itself.
            using var locked = SessionStoreChildProcess.Start(new[] { _path, "try-open" });
            Assert.Equal("in-use " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " by-lock", await locked.ReadLineAsync());
            Assert.Equal(SessionStoreChild.InUseExitCode, await locked.WaitForExitAsync());
        }

        [Theory]
        [InlineData(7)]
        [InlineData(8191)]
        [InlineData(20000)]
        public void AFileThatIsNotADatabaseIsRefusedAndLeftUntouched(int length)
        {
            Directory.CreateDirectory(_root);
            byte[] garbage = Enumerable.Range(0, length).Select(i => (byte)((i * 31) + 1)).ToArray();
            File.WriteAllBytes(_path, garbage);

            var error = Assert.Throws<SessionStoreException>(() => LiteDbSessionStore.Open(_path));
            Assert.IsNotType<SessionStoreInUseException>(error);
            Assert.Equal(_path, error.Path);
            Assert.Contains("'" + _path + "'", error.Message, StringComparison.Ordinal);
            Assert.Contains("not a session file", error.Message, StringComparison.Ordinal);
            Assert.Equal(garbage, File.ReadAllBytes(_path));

            // The refused open let go of its lock and owner file.
            Assert.False(File.Exists(OwnerPath));
            File.Delete(_path);
            using var store = LiteDbSessionStore.Open(_path);
            Assert.Null(store.TakenOverFromProcessId);
        }

        [Fact]
        public void ALiteDbFileOfAnotherApplicationIsRefusedWithTheLiteDbReason()
        {
            Directory.CreateDirectory(_root);
            using (var other = new LiteDatabase(new ConnectionString { Filename = _path, Connection = ConnectionType.Direct }, new BsonMapper()))
            {
                other.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1, ["name"] = "x" });
            }

            byte[] before = File.ReadAllBytes(_path);
            var error = Assert.Throws<SessionStoreException>(() => LiteDbSessionStore.Open(_path));
            Assert.Contains("'" + _path + "'", error.Message, StringComparison.Ordinal);
            Assert.IsType<LiteException>(error.InnerException);
            Assert.Equal(before, File.ReadAllBytes(_path));
            Assert.False(File.Exists(OwnerPath));
        }

        [Fact]
        public async Task ADisposedStoreThrowsAndDisposingTwiceIsFine()
        {
            var store = LiteDbSessionStore.Open(_path);
            await store.SetAsync("k", new byte[] { 1 });
            store.Dispose();
            store.Dispose();
            await store.DisposeAsync();

            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetAsync("k"));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.SetAsync("k", new byte[] { 2 }));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.DeleteAsync("k"));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.KeysAsync());
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ClearAsync());
            Assert.Throws<ObjectDisposedException>(() => store.Checkpoint());
        }

        [Fact]
        public async Task DisposeLeavesOnlyTheDataAndLockFiles()
        {
            var store = LiteDbSessionStore.Open(_path);
            await store.SetAsync("k", new byte[] { 1 });
            Assert.True(File.Exists(OwnerPath));
            store.Dispose();

            // The log is checkpointed into the data file and removed; the lock file stays (see SessionFileLock).
            Assert.Equal(new[] { "session.db", "session.db.lock" }, Directory.GetFiles(_root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public async Task DisposeToleratesAnOwnerFileDeletedByHand()
        {
            var store = LiteDbSessionStore.Open(_path);
            await store.SetAsync("k", new byte[] { 1 });
            File.Delete(OwnerPath);
            store.Dispose();

            using var again = LiteDbSessionStore.Open(_path);
            Assert.Null(again.TakenOverFromProcessId);
            Assert.Equal(new byte[] { 1 }, await again.GetAsync("k"));
        }

        [Fact]
        public async Task CheckpointMovesTheLogIntoTheDataFile()
        {
            using var store = LiteDbSessionStore.Open(_path);
            await store.SetAsync("k", new byte[] { 1, 2 });
            string log = Path.Combine(_root, "session-log.db");
            Assert.True(new FileInfo(log).Length > 0);

            store.Checkpoint();

            Assert.True(!File.Exists(log) || new FileInfo(log).Length == 0);
            Assert.Equal(new byte[] { 1, 2 }, await store.GetAsync("k"));
        }

        [Fact]
        public async Task TheOwnerFileNamesThisProcessAndTheInjectedTime()
        {
            using var store = LiteDbSessionStore.Open(_path, new SessionStoreOpenOptions { UtcNow = () => new DateTime(2030, 2, 3, 4, 5, 6, DateTimeKind.Utc) });
            using var self = Process.GetCurrentProcess();
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), OwnerLine("pid"));
            Assert.Equal(self.ProcessName, OwnerLine("process"));
            Assert.Equal(Environment.MachineName, OwnerLine("machine"));
            Assert.Equal("2030-02-03T04:05:06.0000000Z", OwnerLine("sinceUtc"));
            await store.SetAsync("k", new byte[] { 1 });
            Assert.Single(await store.KeysAsync());
        }

        [Fact]
        public async Task KeysAndValuesBeyondLiteDbsLimitsAreRejectedUpFront()
        {
            using var store = LiteDbSessionStore.Open(_path);
            string longest = new string('k', LiteDbSessionStore.MaxKeyBytes - 2) + "\u00e9";
            await store.SetAsync(longest, new byte[] { 1 });
            Assert.Equal(new byte[] { 1 }, await store.GetAsync(longest));

            await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync(longest + "x", new byte[] { 1 }));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync("lone\uD800surrogate"));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync("big", new byte[LiteDbSessionStore.MaxValueLength + 1]));
            Assert.Equal(new[] { longest }, await store.KeysAsync());
        }

        [Fact]
        public async Task TheLargestValueRoundTrips()
        {
            using var store = LiteDbSessionStore.Open(_path);
            byte[] value = new byte[LiteDbSessionStore.MaxValueLength];
            value[0] = 1;
            value[^1] = 2;
            await store.SetAsync(new string('k', LiteDbSessionStore.MaxKeyBytes), value);
            Assert.Equal(value, await store.GetAsync(new string('k', LiteDbSessionStore.MaxKeyBytes)));
        }

        [Fact]
        public async Task KeyListingsReadOnlyTheIdIndex()
        {
            using var store = LiteDbSessionStore.Open(_path);
            await store.SetAsync("torrent:a", new byte[] { 1 });

            string prefixed = store.ExplainKeysQuery("torrent:");
            Assert.Contains("INDEX SCAN(_id >= ", prefixed, StringComparison.Ordinal);
            Assert.Contains("\"loader\":\"index\"", prefixed, StringComparison.Ordinal);

            string all = store.ExplainKeysQuery(null);
            Assert.Contains("\"name\":\"_id\"", all, StringComparison.Ordinal);
            Assert.Contains("\"loader\":\"index\"", all, StringComparison.Ordinal);
        }

        [Fact]
        public void ThePathIsRequired()
        {
            Assert.Throws<ArgumentNullException>(() => LiteDbSessionStore.Open(null!));
            Assert.Throws<ArgumentException>(() => LiteDbSessionStore.Open("  "));
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private static async Task<int> DeadProcessIdAsync()
        {
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            var startInfo = new ProcessStartInfo(windows ? "cmd.exe" : "/bin/true") { UseShellExecute = false, CreateNoWindow = true };
            if (windows)
            {
                startInfo.ArgumentList.Add("/c");
                startInfo.ArgumentList.Add("exit");
            }

            using var process = Process.Start(startInfo)!;
            await process.WaitForExitAsync().WaitAsync(SessionStoreChildProcess.Timeout);
            int pid = process.Id;
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
            return pid;
        }

        private string OwnerLine(string key)
        {
            string prefix = key + "=";
            return File.ReadAllLines(OwnerPath).Single(l => l.StartsWith(prefix, StringComparison.Ordinal)).Substring(prefix.Length);
        }
    }
}
