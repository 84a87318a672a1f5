using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Tests.Storage
{
    public class StorageRootManagerTests
    {
        private static readonly StorageRoot Downloads = new StorageRoot("tok-dl", "Downloads", "/home/me/Downloads");
        private static readonly StorageRoot Ssd = new StorageRoot("tok-ssd", "External SSD", "/mnt/ssd");
        private static readonly StorageRoot Nas = new StorageRoot("tok-nas", "NAS", "/mnt/nas");

        private readonly List<StorageRoot> _created = new List<StorageRoot>();
        private int _changes;

        private StorageRootManager NewManager(params StorageRoot[] roots)
        {
            var manager = new StorageRootManager(root =>
            {
                _created.Add(root);
                return new InMemoryFileSystem();
            });
            foreach (var root in roots)
            {
                manager.AddRoot(root);
            }

            manager.Changed += () => _changes++;
            return manager;
        }

        private static string Hash(int n) => n.ToString("x40");

        [Fact]
        public void StartsEmpty()
        {
            var manager = NewManager();
            Assert.Empty(manager.Roots);
            Assert.Null(manager.DefaultRoot);
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.Null(manager.GetFileSystemForTorrent(Hash(1)));
            Assert.Null(manager.EnsureRootForTorrent(Hash(1)));
            Assert.Equal(0, _changes);
            Assert.Throws<ArgumentNullException>(() => new StorageRootManager(null!));
        }

        [Fact]
        public void AddKeepsOrderAndRaisesChanged()
        {
            var manager = NewManager();
            manager.AddRoot(Ssd);
            manager.AddRoot(Downloads);
            Assert.Equal(new[] { Ssd, Downloads }, manager.Roots);
            Assert.Equal(2, _changes);
            Assert.Same(Downloads, manager.GetRoot("tok-dl"));
            Assert.Null(manager.GetRoot("nope"));
        }

        [Fact]
        public void RootsIsASnapshotThatCannotBeChanged()
        {
            var manager = NewManager(Downloads);
            var before = manager.Roots;
            manager.AddRoot(Ssd);
            Assert.Single(before);
            Assert.Equal(2, manager.Roots.Count);
            Assert.False(manager.Roots is StorageRoot[]);
        }

        [Fact]
        public void AddingTheSameRootAgainChangesNothing()
        {
            var manager = NewManager(Downloads);
            manager.AddRoot(new StorageRoot("tok-dl", "Downloads", "/home/me/Downloads"));
            Assert.Equal(0, _changes);
            Assert.Same(Downloads, manager.Roots[0]);
        }

        [Fact]
        public void AddingAKnownTokenUpdatesLabelAndPathInPlace()
        {
            var manager = NewManager(Downloads, Ssd);
            manager.SetDefaultRoot("tok-dl");
            manager.SetRootForTorrent(Hash(1), "tok-dl");
            _changes = 0;
            var renamed = new StorageRoot("tok-dl", "Fast downloads", "/home/me/Downloads");
            manager.AddRoot(renamed);
            Assert.Equal(1, _changes);
            Assert.Equal(new[] { "Fast downloads", "External SSD" }, manager.Roots.Select(r => r.Label));
            Assert.Equal("Fast downloads", manager.DefaultRoot!.Label);
            Assert.Equal("Fast downloads", manager.GetRootForTorrent(Hash(1))!.Label);
        }

        [Fact]
        public void FileSystemIsCreatedOncePerToken()
        {
            var manager = NewManager(Downloads, Ssd);
            var first = manager.GetFileSystem("tok-dl");
            Assert.Same(first, manager.GetFileSystem("tok-dl"));
            var other = manager.GetFileSystem("tok-ssd");
            Assert.NotSame(first, other);
            Assert.Equal(new[] { Downloads, Ssd }, _created);
            Assert.Same(Downloads, _created[0]);
            var e = Assert.Throws<ArgumentException>(() => manager.GetFileSystem("nope"));
            Assert.Contains("'nope'", e.Message);
        }

        [Fact]
        public void ALabelChangeKeepsTheFileSystemAPathChangeReplacesIt()
        {
            var manager = NewManager(Downloads);
            var first = manager.GetFileSystem("tok-dl");
            manager.AddRoot(new StorageRoot("tok-dl", "Renamed", Downloads.Path));
            Assert.Same(first, manager.GetFileSystem("tok-dl"));
            var moved = new StorageRoot("tok-dl", "Renamed", "/elsewhere");
            manager.AddRoot(moved);
            var second = manager.GetFileSystem("tok-dl");
            Assert.NotSame(first, second);
            Assert.Equal(2, _created.Count);
            Assert.Equal("/elsewhere", _created[1].Path);
        }

        [Fact]
        public void AFailingFactoryCachesNothing()
        {
            int calls = 0;
            var manager = new StorageRootManager(root =>
            {
                if (++calls == 1)
                {
                    throw new StorageException(StorageErrorKind.NotFound, null, "unplugged");
                }

                return new InMemoryFileSystem();
            });
            manager.AddRoot(Ssd);
            Assert.Throws<StorageException>(() => manager.GetFileSystem("tok-ssd"));
            Assert.NotNull(manager.GetFileSystem("tok-ssd"));
            Assert.Equal(2, calls);

            var nulls = new StorageRootManager(root => null!);
            nulls.AddRoot(Ssd);
            var e = Assert.Throws<InvalidOperationException>(() => nulls.GetFileSystem("tok-ssd"));
            Assert.Contains("External SSD", e.Message);
        }

        [Fact]
        public void DefaultCanBeSetAndCleared()
        {
            var manager = NewManager(Downloads, Ssd);
            manager.SetDefaultRoot("tok-ssd");
            Assert.Same(Ssd, manager.DefaultRoot);
            manager.SetDefaultRoot("tok-ssd");
            Assert.Equal(1, _changes);
            manager.SetDefaultRoot(null);
            Assert.Null(manager.DefaultRoot);
            Assert.Equal(2, _changes);
            var e = Assert.Throws<ArgumentException>(() => manager.SetDefaultRoot("nope"));
            Assert.Equal("token", e.ParamName);
            Assert.Contains("No storage root has the token 'nope'", e.Message);
            Assert.Equal(2, _changes);
        }

        [Fact]
        public void AssignmentsAreKeyedByLowerCaseInfoHash()
        {
            var manager = NewManager(Downloads, Ssd);
            string upper = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
            manager.SetRootForTorrent(upper, "tok-ssd");
            Assert.Same(Ssd, manager.GetRootForTorrent(upper.ToLowerInvariant()));
            Assert.Same(Ssd, manager.GetRootForTorrent("abcdef0123456789ABCDEF0123456789abcdef01"));
            Assert.Equal(new[] { upper.ToLowerInvariant() }, manager.GetTorrentsForRoot("tok-ssd"));
            Assert.Equal(upper.ToLowerInvariant(), manager.Export().Assignments.Keys.Single());
            Assert.Equal(1, _changes);

            manager.SetRootForTorrent(upper.ToLowerInvariant(), "tok-ssd");
            Assert.Equal(1, _changes);
            manager.SetRootForTorrent(upper, "tok-dl");
            Assert.Same(Downloads, manager.GetRootForTorrent(upper));
            Assert.Empty(manager.GetTorrentsForRoot("tok-ssd"));
            Assert.Equal(2, _changes);
        }

        [Fact]
        public void V2InfoHashesAreAccepted()
        {
            var manager = NewManager(Downloads);
            string v2 = new string('F', 64);
            manager.SetRootForTorrent(v2, "tok-dl");
            Assert.Same(Downloads, manager.GetRootForTorrent(new string('f', 64)));
        }

        [Theory]
        [InlineData("")]
        [InlineData("abc")]
        [InlineData("0123456789abcdef0123456789abcdef0123456g")]
        [InlineData("0123456789abcdef0123456789abcdef012345678")]
        public void MalformedInfoHashesAreRefused(string infoHash)
        {
            var manager = NewManager(Downloads);
            var e = Assert.Throws<ArgumentException>(() => manager.SetRootForTorrent(infoHash, "tok-dl"));
            Assert.Equal("infoHashHex", e.ParamName);
            Assert.Contains("40 (v1) or 64 (v2) hexadecimal", e.Message);
            Assert.Throws<ArgumentException>(() => manager.GetRootForTorrent(infoHash));
            Assert.Throws<ArgumentException>(() => manager.ClearRootForTorrent(infoHash));
            Assert.Throws<ArgumentException>(() => manager.GetFileSystemForTorrent(infoHash));
            Assert.Throws<ArgumentException>(() => manager.EnsureRootForTorrent(infoHash));
            Assert.Throws<ArgumentNullException>(() => manager.GetRootForTorrent(null!));
        }

        [Fact]
        public void AssigningAnUnknownTokenIsRefused()
        {
            var manager = NewManager(Downloads);
            var e = Assert.Throws<ArgumentException>(() => manager.SetRootForTorrent(Hash(1), "nope"));
            Assert.Equal("token", e.ParamName);
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.Equal(0, _changes);
        }

        [Fact]
        public void ClearingAnAssignment()
        {
            var manager = NewManager(Downloads);
            manager.SetRootForTorrent(Hash(1), "tok-dl");
            Assert.True(manager.ClearRootForTorrent(Hash(1).ToUpperInvariant()));
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.False(manager.ClearRootForTorrent(Hash(1)));
            Assert.Equal(2, _changes);
        }

        [Fact]
        public void GetRootForTorrentNeverFallsBackToTheDefault()
        {
            var manager = NewManager(Downloads);
            manager.SetDefaultRoot("tok-dl");
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.Null(manager.GetFileSystemForTorrent(Hash(1)));
        }

        [Fact]
        public void EnsureAssignsTheDefaultOnlyToATorrentWithoutARoot()
        {
            var manager = NewManager(Downloads, Ssd);
            Assert.Null(manager.EnsureRootForTorrent(Hash(1)));
            manager.SetDefaultRoot("tok-dl");
            manager.SetRootForTorrent(Hash(2), "tok-ssd");
            _changes = 0;
            Assert.Same(Downloads, manager.EnsureRootForTorrent(Hash(1)));
            Assert.Same(Ssd, manager.EnsureRootForTorrent(Hash(2)));
            Assert.Equal(1, _changes);

            // The assignment is explicit: a later default does not move the torrent.
            manager.SetDefaultRoot("tok-ssd");
            Assert.Same(Downloads, manager.GetRootForTorrent(Hash(1)));
        }

        [Fact]
        public void FileSystemForTorrentIsItsRootsCachedOne()
        {
            var manager = NewManager(Downloads, Ssd);
            manager.SetRootForTorrent(Hash(1), "tok-ssd");
            manager.SetRootForTorrent(Hash(2), "tok-ssd");
            var fs = manager.GetFileSystemForTorrent(Hash(1));
            Assert.NotNull(fs);
            Assert.Same(fs, manager.GetFileSystemForTorrent(Hash(2)));
            Assert.Same(fs, manager.GetFileSystem("tok-ssd"));
            Assert.Single(_created);
        }

        [Fact]
        public void RemovingAnUnusedRoot()
        {
            var manager = NewManager(Downloads, Ssd, Nas);
            var fs = manager.GetFileSystem("tok-ssd");
            Assert.Empty(manager.RemoveRoot("tok-ssd"));
            Assert.Equal(new[] { Downloads, Nas }, manager.Roots);
            Assert.Null(manager.GetRoot("tok-ssd"));
            Assert.Equal(1, _changes);

            // Added back, it gets a new file system: the old one was dropped.
            manager.AddRoot(Ssd);
            Assert.NotSame(fs, manager.GetFileSystem("tok-ssd"));
        }

        [Fact]
        public void RemovingAnUnknownRootIsRefused()
        {
            var manager = NewManager(Downloads);
            var e = Assert.Throws<ArgumentException>(() => manager.RemoveRoot("nope"));
            Assert.Equal("token", e.ParamName);
            Assert.Contains("'nope'", e.Message);
            Assert.Throws<ArgumentNullException>(() => manager.RemoveRoot(null!));
            Assert.Equal(0, _changes);
        }

        [Fact]
        public void RemovingTheDefaultClearsIt()
        {
            var manager = NewManager(Downloads, Ssd);
            manager.SetDefaultRoot("tok-dl");
            manager.RemoveRoot("tok-dl");
            Assert.Null(manager.DefaultRoot);
            manager.SetDefaultRoot("tok-ssd");
            manager.RemoveRoot("tok-ssd");
            Assert.Null(manager.DefaultRoot);
            Assert.Empty(manager.Roots);
        }

        [Fact]
        public void RemovingARootInUseIsRefusedWithTheTorrentsNamed()
        {
            var manager = NewManager(Downloads, Ssd);
            for (int i = 5; i >= 1; i--)
            {
                manager.SetRootForTorrent(Hash(i), "tok-ssd");
            }

            manager.SetRootForTorrent(Hash(9), "tok-dl");
            _changes = 0;
            var e = Assert.Throws<StorageRootInUseException>(() => manager.RemoveRoot("tok-ssd"));
            Assert.Equal("tok-ssd", e.Token);
            Assert.Equal(5, e.TorrentCount);
            Assert.Equal(Enumerable.Range(1, 5).Select(Hash), e.InfoHashes);
            Assert.Equal(
                "The storage root 'External SSD' (token tok-ssd) is used by 5 torrents: " + Hash(1) + ", " + Hash(2) + ", " + Hash(3)
                + " and 2 more. Assign those torrents another root first, or force the removal to leave them waiting for one.",
                e.Message);
            Assert.Equal(2, manager.Roots.Count);
            Assert.Same(Ssd, manager.GetRootForTorrent(Hash(4)));
            Assert.Equal(0, _changes);
        }

        [Fact]
        public void TheMessageForOneTorrentIsSingular()
        {
            var manager = NewManager(Downloads);
            manager.SetRootForTorrent(Hash(7), "tok-dl");
            var e = Assert.Throws<StorageRootInUseException>(() => manager.RemoveRoot("tok-dl"));
            Assert.Contains("is used by 1 torrent: " + Hash(7) + ". ", e.Message);
        }

        [Fact]
        public void ForcedRemovalDropsAndReturnsTheAssignments()
        {
            var manager = NewManager(Downloads, Ssd);
            manager.SetDefaultRoot("tok-ssd");
            manager.SetRootForTorrent(Hash(2), "tok-ssd");
            manager.SetRootForTorrent(Hash(1), "tok-ssd");
            manager.SetRootForTorrent(Hash(3), "tok-dl");
            _changes = 0;
            var affected = manager.RemoveRoot("tok-ssd", force: true);
            Assert.Equal(new[] { Hash(1), Hash(2) }, affected);
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.Null(manager.GetFileSystemForTorrent(Hash(2)));
            Assert.Same(Downloads, manager.GetRootForTorrent(Hash(3)));
            Assert.Null(manager.DefaultRoot);
            Assert.Equal(1, _changes);
            Assert.Equal(new[] { Hash(3) }, manager.Export().Assignments.Keys);
        }

        [Fact]
        public void FindRootByTokenThenLabel()
        {
            var manager = NewManager(Downloads, Ssd);
            Assert.Same(Ssd, manager.FindRoot("tok-ssd"));
            Assert.Same(Ssd, manager.FindRoot("external ssd"));
            Assert.Same(Ssd, manager.FindRoot("  EXTERNAL SSD "));
            Assert.Null(manager.FindRoot("Tok-ssd"));
            Assert.Null(manager.FindRoot("nothing"));
            Assert.Throws<ArgumentNullException>(() => manager.FindRoot(null!));
        }

        [Fact]
        public void ATokenWinsOverALabel()
        {
            var tricky = new StorageRoot("tok-x", "tok-dl", "/x");
            var manager = NewManager(tricky, Downloads);
            Assert.Same(Downloads, manager.FindRoot("tok-dl"));
        }

        [Fact]
        public void AnAmbiguousLabelListsTheTokens()
        {
            var other = new StorageRoot("tok-dl2", "downloads", "/mnt/b/downloads");
            var manager = NewManager(Downloads, Ssd, other);
            var e = Assert.Throws<AmbiguousStorageRootException>(() => manager.FindRoot("Downloads"));
            Assert.Equal(new[] { Downloads, other }, e.Matches);
            Assert.Equal("Downloads", e.Label);
            Assert.Equal(
                "The label 'Downloads' names 2 storage roots; use a token instead: tok-dl = Downloads (/home/me/Downloads); "
                + "tok-dl2 = downloads (/mnt/b/downloads).",
                e.Message);
            Assert.Same(other, manager.FindRoot("tok-dl2"));
            Assert.IsAssignableFrom<ArgumentException>(e);
        }

        [Fact]
        public void ExportAndImportRoundTrip()
        {
            var manager = NewManager(Downloads, Ssd, Nas);
            manager.SetDefaultRoot("tok-nas");
            manager.SetRootForTorrent(Hash(1), "tok-ssd");
            manager.SetRootForTorrent(new string('a', 64), "tok-dl");
            var record = manager.Export();

            var restored = NewManager();
            _changes = 0;
            restored.Import(StorageRootsRecord.Decode(record.Encode()));
            Assert.Equal(0, _changes);
            Assert.Equal(new[] { "tok-dl", "tok-ssd", "tok-nas" }, restored.Roots.Select(r => r.Token));
            Assert.Equal(new[] { "Downloads", "External SSD", "NAS" }, restored.Roots.Select(r => r.Label));
            Assert.Equal("/mnt/ssd", restored.Roots[1].Path);
            Assert.Equal(Nas, restored.DefaultRoot);
            Assert.Equal(Ssd, restored.GetRootForTorrent(Hash(1)));
            Assert.Equal(Downloads, restored.GetRootForTorrent(new string('A', 64)));
        }

        [Fact]
        public void ImportReplacesEverythingAndKeepsOnlyStillValidFileSystems()
        {
            var manager = NewManager(Downloads, Ssd, Nas);
            manager.SetDefaultRoot("tok-dl");
            manager.SetRootForTorrent(Hash(1), "tok-dl");
            var dl = manager.GetFileSystem("tok-dl");
            var ssd = manager.GetFileSystem("tok-ssd");
            manager.GetFileSystem("tok-nas");

            var movedSsd = new StorageRoot("tok-ssd", "SSD", "/mnt/ssd2");
            manager.Import(new StorageRootsRecord(new[] { movedSsd, Downloads }, null, new[] { new KeyValuePair<string, string>(Hash(2), "tok-ssd") }));

            Assert.Equal(new[] { movedSsd, Downloads }, manager.Roots);
            Assert.Equal("SSD", manager.Roots[0].Label);
            Assert.Null(manager.DefaultRoot);
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.Same(movedSsd, manager.GetRootForTorrent(Hash(2)));
            Assert.Same(dl, manager.GetFileSystem("tok-dl"));
            Assert.NotSame(ssd, manager.GetFileSystem("tok-ssd"));
            Assert.Throws<ArgumentException>(() => manager.GetFileSystem("tok-nas"));
            Assert.Throws<ArgumentNullException>(() => manager.Import(null!));
        }

        [Fact]
        public void ImportingTheEmptyRecordClearsEverything()
        {
            var manager = NewManager(Downloads);
            manager.SetDefaultRoot("tok-dl");
            manager.SetRootForTorrent(Hash(1), "tok-dl");
            manager.Import(StorageRootsRecord.Empty);
            Assert.Empty(manager.Roots);
            Assert.Null(manager.DefaultRoot);
            Assert.Null(manager.GetRootForTorrent(Hash(1)));
            Assert.Empty(manager.Export().Assignments);
        }
    }
}
