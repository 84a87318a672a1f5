using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using LiteDB;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// An <see cref="ISessionStore"/> in one LiteDB 5 file: one collection whose <c>_id</c> is the key and whose
    /// field <c>v</c> holds the value's bytes. Open it with <see cref="Open(string, SessionStoreOpenOptions?)"/>;
    /// one store owns the file at a time (see <see cref="SessionStoreInUseException"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Next to the file <c>x.db</c> live LiteDB's write-ahead log <c>x-log.db</c> (between checkpoints),
    /// the lock file <c>x.db.lock</c> (held for the store's lifetime, left in place) and the owner file
    /// <c>x.db.owner</c> (who holds the lock; deleted on <see cref="Dispose"/>).
    /// </para>
    /// <para>
    /// Durability, as LiteDB 5.0 implements it: each write is one transaction whose pages LiteDB writes to
    /// the log file before the call returns, whole 8 KiB pages straight to the OS (no buffer in the
    /// process), the last one carrying the commit mark. A value whose write returned therefore survives the
    /// process being killed (SIGKILL, a crash): on the next open LiteDB replays the committed transactions
    /// of the log, and ignores a transaction without its commit mark. LiteDB does not fsync the log on
    /// commit; it forces data to the disk only at a checkpoint (log pages copied into the data file, the
    /// data file flushed to the device, then the log truncated), which runs when the log passes 1000 pages
    /// (8 MiB), on <see cref="Checkpoint"/> and on <see cref="Dispose"/>. So after a power loss or an OS
    /// crash, writes since the last checkpoint may be lost; log pages carry no checksum, so a log that the
    /// OS wrote out only in part can, at worst, also make the file fail to open.
    /// </para>
    /// <para>
    /// Calls run synchronously on the caller's thread (LiteDB has no asynchronous I/O) and the returned
    /// tasks are complete; a call may take as long as a checkpoint. Thread-safe. Values are copied in and
    /// out. Keys are compared ordinally (the file is created with LiteDB's binary collation) and are
    /// limited to <see cref="MaxKeyBytes"/> UTF-8 bytes; values to <see cref="MaxValueLength"/> bytes.
    /// </para>
    /// </remarks>
    public sealed class LiteDbSessionStore : ISessionStore, IDisposable, IAsyncDisposable
    {
        /// <summary>The longest key, in UTF-8 bytes (LiteDB's index keys are at most 1023 bytes with their type and length).</summary>
        public const int MaxKeyBytes = 1021;

        /// <summary>The longest value, in bytes (LiteDB's documents are at most about 16 MB with the key).</summary>
        public const int MaxValueLength = 16_000_000;

        private const string CollectionName = "session";
        private const string IdField = "_id";
        private const string ValueField = "v";

        private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

        private readonly object _gate = new object();
        private readonly SessionFileLock _fileLock;
        private readonly ILiteCollection<BsonDocument> _values;
        private LiteDatabase? _database;

        private LiteDbSessionStore(string path, SessionFileLock fileLock, LiteDatabase database)
        {
            Path = path;
            _fileLock = fileLock;
            _database = database;
            _values = database.GetCollection(CollectionName);
            TakenOverFromProcessId = fileLock.PreviousOwner?.ProcessId;
        }

        /// <summary>The session file's full path.</summary>
        public string Path { get; }

        /// <summary>
        /// The process id named by an owner file that was found without its lock held: a previous owner died
        /// (or did not close the store) and this store took the file over. Null when the file was free.
        /// </summary>
        public int? TakenOverFromProcessId { get; }

        /// <summary>
        /// Opens the session file at <paramref name="path"/>, creating it and its folder when missing, and takes
        /// ownership of it until <see cref="Dispose"/>.
        /// </summary>
        /// <param name="path">The session file, e.g. <see cref="SessionStoreLocation.DefaultPath"/>; relative paths are made full.</param>
        /// <param name="options">Options, or null for the defaults.</param>
        /// <returns>The open store.</returns>
        /// <exception cref="SessionStoreInUseException">Another store, in this process or another, owns the file.</exception>
        /// <exception cref="SessionStoreException">The file is not a session file, or it, its folder or its lock cannot be opened.</exception>
        public static LiteDbSessionStore Open(string path, SessionStoreOpenOptions? options = null)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Trim().Length == 0)
            {
                throw new ArgumentException("The session path is empty.", nameof(path));
            }

            string fullPath = System.IO.Path.GetFullPath(path);
            CreateFolder(fullPath);
            DateTime now = options?.UtcNow?.Invoke() ?? DateTime.UtcNow;
            SessionFileLock fileLock = SessionFileLock.Acquire(fullPath, now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : now);
            LiteDatabase? database = null;
            try
            {
                // Only under the lock: nobody else may be creating the file while it is checked.
                LiteDbFileFormat.Check(fullPath);
                database = OpenDatabase(fullPath);
                return new LiteDbSessionStore(fullPath, fileLock, database);
            }
            catch
            {
                database?.Dispose();
                fileLock.Dispose();
                throw;
            }
        }

        /// <inheritdoc/>
        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            CheckKey(key);
            cancellationToken.ThrowIfCancellationRequested();
            BsonDocument? document;
            lock (_gate)
            {
                ThrowIfDisposed();
                document = Run(() => _values.FindById(new BsonValue(key)));
            }

            if (document is null)
            {
                return new ValueTask<byte[]?>((byte[]?)null);
            }

            // LiteDB reads each document afresh from its pages: the array is this call's own copy.
            BsonValue value = document[ValueField];
            if (!value.IsBinary)
            {
                throw new SessionStoreException(Path, "The value of the key '" + key + "' in the session file '" + Path + "' is not binary: the file was not written by this store.");
            }

            return new ValueTask<byte[]?>(value.AsBinary);
        }

        /// <inheritdoc/>
        public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        {
            CheckKey(key);
            if (value.Length > MaxValueLength)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "The value is {0} bytes; a session store value is at most {1} bytes.", value.Length, MaxValueLength),
                    nameof(value));
            }

            cancellationToken.ThrowIfCancellationRequested();
            var document = new BsonDocument
            {
                [IdField] = new BsonValue(key),
                [ValueField] = new BsonValue(value.ToArray()),
            };
            lock (_gate)
            {
                ThrowIfDisposed();
                Run(() => _values.Upsert(document));
            }

            return default;
        }

        /// <inheritdoc/>
        public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            CheckKey(key);
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                ThrowIfDisposed();
                Run(() => _values.Delete(new BsonValue(key)));
            }

            return default;
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<string>> KeysAsync(string? prefix = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = new List<string>();
            lock (_gate)
            {
                ThrowIfDisposed();
                Run(() => CollectKeys(prefix, keys));
            }

            // The index is already in ordinal order (binary collation); sorting keeps the contract explicit.
            keys.Sort(StringComparer.Ordinal);
            return new ValueTask<IReadOnlyList<string>>(keys.AsReadOnly());
        }

        /// <inheritdoc/>
        public ValueTask ClearAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                ThrowIfDisposed();
                Run(() => _values.DeleteAll());
            }

            return default;
        }

        /// <summary>
        /// Copies the log into the data file and forces it to the disk (LiteDB's checkpoint): every write made so
        /// far then survives a power loss. Costs a disk flush; for moments that matter (a torrent added, shutdown).
        /// </summary>
        public void Checkpoint()
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                Run(() => _database!.Checkpoint());
            }
        }

        /// <summary>
        /// Closes the file (LiteDB checkpoints on close), deletes the owner file and releases the lock. An error
        /// of either is thrown after everything is released; later calls do nothing.
        /// </summary>
        public void Dispose()
        {
            LiteDatabase? database;
            lock (_gate)
            {
                database = _database;
                _database = null;
            }

            if (database is null)
            {
                return;
            }

            try
            {
                Run(database.Dispose);
            }
            finally
            {
                _fileLock.Dispose();
            }
        }

        /// <inheritdoc cref="Dispose"/>
        /// <returns>A completed task.</returns>
        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private static void CreateFolder(string fullPath)
        {
            string? folder = System.IO.Path.GetDirectoryName(fullPath);
            if (string.IsNullOrEmpty(folder))
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SessionStoreException(fullPath, "The folder of the session file '" + fullPath + "' cannot be created: " + e.Message, e);
            }
        }

        private static LiteDatabase OpenDatabase(string fullPath)
        {
            var connection = new ConnectionString
            {
                Filename = fullPath,

                // Direct: this process alone opens the file (the lock file sees to it), without LiteDB's
                // cross-process mutex of the Shared mode.
                Connection = ConnectionType.Direct,

                // Binary (ordinal) keys: the default collation ignores case, which would make "a" and "A" one key.
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),

                // Never rewrite the user's file behind their back: no v4 upgrade, no rebuild of a damaged file.
                Upgrade = false,
                AutoRebuild = false,
            };
            try
            {
                // An own mapper: BsonMapper.Global is shared mutable state of the whole process.
                return new LiteDatabase(connection, new BsonMapper());
            }
            catch (LiteException e)
            {
                throw new SessionStoreException(fullPath, "The session file '" + fullPath + "' cannot be opened: " + e.Message, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SessionStoreException(fullPath, "The session file '" + fullPath + "' cannot be opened: " + e.Message, e);
            }
        }

        private static void CheckKey(string key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            int bytes;
            try
            {
                bytes = StrictUtf8.GetByteCount(key);
            }
            catch (EncoderFallbackException e)
            {
                // LiteDB stores strings as UTF-8: a lone surrogate would come back as U+FFFD, another key.
                throw new ArgumentException("The key is not valid UTF-16 (it has a lone surrogate).", nameof(key), e);
            }

            if (bytes > MaxKeyBytes)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "The key is {0} UTF-8 bytes; a session store key is at most {1}.", bytes, MaxKeyBytes),
                    nameof(key));
            }
        }

        /// <summary>LiteDB's plan of the KeysAsync query (JSON): lets tests check that it scans the _id index only.</summary>
        internal string ExplainKeysQuery(string? prefix)
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                return Run(() => KeysQuery(prefix).GetPlan().ToString());
            }
        }

        private ILiteQueryableResult<BsonDocument> KeysQuery(string? prefix)
        {
            ILiteQueryable<BsonDocument> query = _values.Query();
            if (!string.IsNullOrEmpty(prefix))
            {
                // A range scan of the _id index from the prefix on.
                query = query.Where(IdField + " >= @0", new BsonValue(prefix));
            }

            // Selecting only _id lets LiteDB answer from the index without reading the values.
            return query.Select("$." + IdField);
        }

        private void CollectKeys(string? prefix, List<string> keys)
        {
            foreach (BsonDocument document in KeysQuery(prefix).ToEnumerable())
            {
                string key = document[IdField].AsString;
                if (!string.IsNullOrEmpty(prefix) && !key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    // Ordinal order: the keys with the prefix are contiguous from the prefix on, and this is past them.
                    break;
                }

                keys.Add(key);
            }
        }

        private void Run(Action action)
        {
            try
            {
                action();
            }
            catch (LiteException e)
            {
                throw new SessionStoreException(Path, "The session file '" + Path + "' failed: " + e.Message, e);
            }
        }

        private T Run<T>(Func<T> action)
        {
            try
            {
                return action();
            }
            catch (LiteException e)
            {
                throw new SessionStoreException(Path, "The session file '" + Path + "' failed: " + e.Message, e);
            }
        }

        private void ThrowIfDisposed()
        {
            if (_database is null)
            {
                throw new ObjectDisposedException(nameof(LiteDbSessionStore));
            }
        }
    }
}
