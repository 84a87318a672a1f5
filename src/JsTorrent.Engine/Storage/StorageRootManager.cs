using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// The download locations (the design's <c>StorageRootManager</c>): roots by opaque token, a default root, which
    /// root each torrent uses, and one <see cref="IFileSystem"/> per root, created on first use by the factory.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Not thread-safe: the engine calls the methods on its loop thread only. <see cref="Roots"/>,
    /// <see cref="DefaultRoot"/>, <see cref="GetRoot"/> and <see cref="FindRoot"/> read immutable snapshots and may be
    /// called from any thread.
    /// </para>
    /// <para>
    /// Assignments are explicit: <see cref="GetRootForTorrent"/> never falls back to the default, so changing the
    /// default never moves an existing torrent's data. When a torrent is added the engine calls
    /// <see cref="EnsureRootForTorrent"/>, which assigns the default to a torrent that has no root; with no default
    /// either, the torrent waits for assignment. When a torrent is removed the engine calls
    /// <see cref="ClearRootForTorrent"/>.
    /// </para>
    /// <para>Info-hash ids are 40 or 64 hex characters in any case; they are kept and returned in lower case.</para>
    /// </remarks>
    public sealed class StorageRootManager
    {
        private readonly Func<StorageRoot, IFileSystem> _createFileSystem;
        private readonly Dictionary<string, string> _torrentRoots = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, IFileSystem> _fileSystems = new Dictionary<string, IFileSystem>(StringComparer.Ordinal);

        // Replaced whole on every change, so other threads always see a consistent list.
        // A read-only wrapper, so no reader can cast the snapshot back to an array and change it.
        private volatile ReadOnlyCollection<StorageRoot> _roots = new ReadOnlyCollection<StorageRoot>(Array.Empty<StorageRoot>());
        private volatile StorageRoot? _defaultRoot;

        /// <summary>Creates a manager with no roots.</summary>
        /// <param name="createFileSystem">Makes the file system of a root; called once per root (again after its path changes).</param>
        public StorageRootManager(Func<StorageRoot, IFileSystem> createFileSystem)
        {
            _createFileSystem = createFileSystem ?? throw new ArgumentNullException(nameof(createFileSystem));
        }

        /// <summary>
        /// Raised after each call that changed the roots, the default or an assignment (not after calls that changed
        /// nothing, and not after <see cref="Import"/>), on the calling thread, so the engine can persist
        /// <see cref="Export"/>. An exception from a handler reaches the caller; the change has been made.
        /// </summary>
        public event Action? Changed;

        /// <summary>The roots in the order they were added; a snapshot, safe to read from any thread.</summary>
        public IReadOnlyList<StorageRoot> Roots => _roots;

        /// <summary>The default root, or null; safe to read from any thread.</summary>
        public StorageRoot? DefaultRoot => _defaultRoot;

        /// <summary>
        /// Adds a root, or updates the label and path of the root with the same token (it keeps its place, its default
        /// status and its torrents). When the path changes, the cached file system is dropped and the next request
        /// creates a new one; a label change keeps it.
        /// </summary>
        /// <param name="root">The root.</param>
        public void AddRoot(StorageRoot root)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            var roots = _roots;
            int index = IndexOf(roots, root.Token);
            if (index < 0)
            {
                var grown = new StorageRoot[roots.Count + 1];
                roots.CopyTo(grown, 0);
                grown[roots.Count] = root;
                _roots = Array.AsReadOnly(grown);
            }
            else
            {
                var old = roots[index];
                if (old.Label == root.Label && old.Path == root.Path)
                {
                    return;
                }

                if (old.Path != root.Path)
                {
                    _fileSystems.Remove(root.Token);
                }

                var replaced = new StorageRoot[roots.Count];
                roots.CopyTo(replaced, 0);
                replaced[index] = root;
                _roots = Array.AsReadOnly(replaced);
                if (_defaultRoot is not null && _defaultRoot.Equals(root))
                {
                    _defaultRoot = root;
                }
            }

            OnChanged();
        }

        /// <summary>
        /// Removes a root: it stops being the default if it was, and its cached file system is dropped. Without
        /// <paramref name="force"/> a root with torrents assigned is refused; with it, their assignments are dropped and
        /// those torrents must be put in the "needs a storage root" state by the caller.
        /// </summary>
        /// <param name="token">The root's token.</param>
        /// <param name="force">Remove it even when torrents are assigned to it.</param>
        /// <returns>The lower-case info-hashes of the torrents whose assignment was dropped, in ordinal order; empty when none.</returns>
        /// <exception cref="ArgumentException">No root has that token.</exception>
        /// <exception cref="StorageRootInUseException">Torrents are assigned to the root and <paramref name="force"/> is false.</exception>
        public IReadOnlyList<string> RemoveRoot(string token, bool force = false)
        {
            var roots = _roots;
            int index = IndexOf(roots, token ?? throw new ArgumentNullException(nameof(token)));
            if (index < 0)
            {
                throw UnknownToken(token, nameof(token));
            }

            var affected = TorrentsOf(token);
            if (affected.Count > 0 && !force)
            {
                throw new StorageRootInUseException(roots[index], affected);
            }

            foreach (string infoHash in affected)
            {
                _torrentRoots.Remove(infoHash);
            }

            var shrunk = new List<StorageRoot>(roots);
            shrunk.RemoveAt(index);
            _roots = shrunk.AsReadOnly();
            _fileSystems.Remove(token);
            if (_defaultRoot is not null && _defaultRoot.Token == token)
            {
                _defaultRoot = null;
            }

            OnChanged();
            return affected;
        }

        /// <summary>The root with a token (ordinal), or null; safe to call from any thread.</summary>
        /// <param name="token">The token.</param>
        /// <returns>The root, or null.</returns>
        public StorageRoot? GetRoot(string token)
        {
            var roots = _roots;
            int index = IndexOf(roots, token ?? throw new ArgumentNullException(nameof(token)));
            return index < 0 ? null : roots[index];
        }

        /// <summary>
        /// Finds a root the way an admin names it: by token (ordinal) first, else by label (trimmed, case-insensitive).
        /// Safe to call from any thread.
        /// </summary>
        /// <param name="tokenOrLabel">A token or a label.</param>
        /// <returns>The root, or null when nothing matches.</returns>
        /// <exception cref="AmbiguousStorageRootException">The label matches several roots (the message lists their tokens).</exception>
        public StorageRoot? FindRoot(string tokenOrLabel)
        {
            var roots = _roots;
            int index = IndexOf(roots, tokenOrLabel ?? throw new ArgumentNullException(nameof(tokenOrLabel)));
            if (index >= 0)
            {
                return roots[index];
            }

            string label = tokenOrLabel.Trim();
            var matches = new List<StorageRoot>();
            foreach (var root in roots)
            {
                if (string.Equals(root.Label, label, StringComparison.OrdinalIgnoreCase))
                {
                    matches.Add(root);
                }
            }

            if (matches.Count > 1)
            {
                throw new AmbiguousStorageRootException(label, matches);
            }

            return matches.Count == 1 ? matches[0] : null;
        }

        /// <summary>Sets or clears the default root.</summary>
        /// <param name="token">The root's token, or null for no default.</param>
        /// <exception cref="ArgumentException">No root has that token.</exception>
        public void SetDefaultRoot(string? token)
        {
            StorageRoot? root = null;
            if (token is not null)
            {
                root = GetRoot(token) ?? throw UnknownToken(token, nameof(token));
            }

            if (Equals(_defaultRoot, root))
            {
                return;
            }

            _defaultRoot = root;
            OnChanged();
        }

        /// <summary>Assigns a root to a torrent, replacing any previous assignment.</summary>
        /// <param name="infoHashHex">The torrent's info-hash, hex in any case.</param>
        /// <param name="token">The root's token.</param>
        /// <exception cref="ArgumentException">The info-hash is not hex of 40 or 64 characters, or no root has that token.</exception>
        public void SetRootForTorrent(string infoHashHex, string token)
        {
            string key = InfoHashKey.Normalize(infoHashHex, nameof(infoHashHex));
            if (GetRoot(token ?? throw new ArgumentNullException(nameof(token))) is null)
            {
                throw UnknownToken(token, nameof(token));
            }

            if (_torrentRoots.TryGetValue(key, out string? current) && current == token)
            {
                return;
            }

            _torrentRoots[key] = token;
            OnChanged();
        }

        /// <summary>
        /// Returns the torrent's root, first assigning the default root when the torrent has none (the engine calls
        /// this when it adds a torrent). Null when the torrent has no root and there is no default: it waits for one.
        /// </summary>
        /// <param name="infoHashHex">The torrent's info-hash, hex in any case.</param>
        /// <returns>The root now assigned, or null.</returns>
        /// <exception cref="ArgumentException">The info-hash is not hex of 40 or 64 characters.</exception>
        public StorageRoot? EnsureRootForTorrent(string infoHashHex)
        {
            var assigned = GetRootForTorrent(infoHashHex);
            var fallback = _defaultRoot;
            if (assigned is not null || fallback is null)
            {
                return assigned;
            }

            SetRootForTorrent(infoHashHex, fallback.Token);
            return fallback;
        }

        /// <summary>Removes a torrent's assignment (when the torrent is removed, or to make it wait for a root).</summary>
        /// <param name="infoHashHex">The torrent's info-hash, hex in any case.</param>
        /// <returns>True when the torrent had an assignment.</returns>
        /// <exception cref="ArgumentException">The info-hash is not hex of 40 or 64 characters.</exception>
        public bool ClearRootForTorrent(string infoHashHex)
        {
            if (!_torrentRoots.Remove(InfoHashKey.Normalize(infoHashHex, nameof(infoHashHex))))
            {
                return false;
            }

            OnChanged();
            return true;
        }

        /// <summary>The root explicitly assigned to a torrent, or null; never the default in its place.</summary>
        /// <param name="infoHashHex">The torrent's info-hash, hex in any case.</param>
        /// <returns>The root, or null when the torrent has no assignment.</returns>
        /// <exception cref="ArgumentException">The info-hash is not hex of 40 or 64 characters.</exception>
        public StorageRoot? GetRootForTorrent(string infoHashHex)
        {
            string key = InfoHashKey.Normalize(infoHashHex, nameof(infoHashHex));
            return _torrentRoots.TryGetValue(key, out string? token) ? GetRoot(token) : null;
        }

        /// <summary>The torrents assigned to a root, as lower-case info-hashes in ordinal order.</summary>
        /// <param name="token">The root's token (an unknown token has none).</param>
        /// <returns>The info-hashes.</returns>
        public IReadOnlyList<string> GetTorrentsForRoot(string token) => TorrentsOf(token ?? throw new ArgumentNullException(nameof(token)));

        /// <summary>The file system of a root, created by the factory on first use and the same instance afterwards.</summary>
        /// <param name="token">The root's token.</param>
        /// <returns>The file system.</returns>
        /// <exception cref="ArgumentException">No root has that token.</exception>
        /// <exception cref="InvalidOperationException">The factory returned null.</exception>
        /// <remarks>An exception from the factory reaches the caller and nothing is cached, so the next call tries again.</remarks>
        public IFileSystem GetFileSystem(string token)
        {
            if (_fileSystems.TryGetValue(token ?? throw new ArgumentNullException(nameof(token)), out var cached))
            {
                return cached;
            }

            var root = GetRoot(token) ?? throw UnknownToken(token, nameof(token));
            var created = _createFileSystem(root)
                ?? throw new InvalidOperationException("The file-system factory returned null for the storage root " + root + ".");
            _fileSystems.Add(token, created);
            return created;
        }

        /// <summary>The file system of the root assigned to a torrent, or null when it has none (it waits for a root).</summary>
        /// <param name="infoHashHex">The torrent's info-hash, hex in any case.</param>
        /// <returns>The file system, or null.</returns>
        /// <exception cref="ArgumentException">The info-hash is not hex of 40 or 64 characters.</exception>
        public IFileSystem? GetFileSystemForTorrent(string infoHashHex)
        {
            var root = GetRootForTorrent(infoHashHex);
            return root is null ? null : GetFileSystem(root.Token);
        }

        /// <summary>The whole state, for the session store.</summary>
        /// <returns>A record of the roots, the default and the assignments.</returns>
        public StorageRootsRecord Export() => new StorageRootsRecord(_roots, _defaultRoot?.Token, _torrentRoots);

        /// <summary>
        /// Replaces the whole state with a persisted one (at start-up). Cached file systems of roots whose token and
        /// path are unchanged are kept; the others are dropped. <see cref="Changed"/> is not raised: the state came
        /// from the store.
        /// </summary>
        /// <param name="record">The state to restore.</param>
        public void Import(StorageRootsRecord record)
        {
            if (record is null)
            {
                throw new ArgumentNullException(nameof(record));
            }

            var roots = new List<StorageRoot>(record.Roots).AsReadOnly();

            var stale = new List<string>();
            foreach (var cached in _fileSystems.Keys)
            {
                int index = IndexOf(roots, cached);
                if (index < 0 || roots[index].Path != GetRoot(cached)?.Path)
                {
                    stale.Add(cached);
                }
            }

            foreach (string token in stale)
            {
                _fileSystems.Remove(token);
            }

            _torrentRoots.Clear();
            foreach (var pair in record.Assignments)
            {
                _torrentRoots.Add(pair.Key, pair.Value);
            }

            _roots = roots;
            _defaultRoot = record.DefaultToken is null ? null : roots[IndexOf(roots, record.DefaultToken)];
        }

        private static int IndexOf(IReadOnlyList<StorageRoot> roots, string token)
        {
            for (int i = 0; i < roots.Count; i++)
            {
                if (string.Equals(roots[i].Token, token, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private static ArgumentException UnknownToken(string token, string parameterName) =>
            new ArgumentException("No storage root has the token '" + token + "'.", parameterName);

        private List<string> TorrentsOf(string token)
        {
            var infoHashes = new List<string>();
            foreach (var pair in _torrentRoots)
            {
                if (string.Equals(pair.Value, token, StringComparison.Ordinal))
                {
                    infoHashes.Add(pair.Key);
                }
            }

            infoHashes.Sort(StringComparer.Ordinal);
            return infoHashes;
        }

        private void OnChanged() => Changed?.Invoke();
    }
}
