using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>A torrent made in memory from seeded random content, with the bytes each file must end up holding.</summary>
    internal sealed class TestTorrent
    {
        private TestTorrent(Metainfo metainfo, Dictionary<string, byte[]> files)
        {
            Metainfo = metainfo;
            Files = files;
        }

        public Metainfo Metainfo { get; }

        /// <summary>Content by storage path (the torrent's folder included for multi-file torrents).</summary>
        public IReadOnlyDictionary<string, byte[]> Files { get; }

        public long ContentSize => Files.Values.Sum(f => (long)f.Length);

        public static async Task<TestTorrent> CreateAsync(string name, int pieceLength, bool pad, int seed, params (string Path, int Length)[] files)
        {
            var random = new Random(seed);
            var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var sources = new List<TorrentSourceFile>();
            bool single = files.Length == 1 && files[0].Path == name;
            foreach (var (path, length) in files)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                content[path] = bytes;
                sources.Add(new TorrentSourceFile(single ? Array.Empty<string>() : path.Split('/'), length, () => new MemoryStream(bytes, writable: false)));
            }

            var source = single
                ? TorrentSource.SingleFile(name, sources[0])
                : TorrentSource.Folder(name, sources);
            var metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = pieceLength, AlignFilesWithPadding = pad });
            var stored = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var file in metainfo.Files.Where(f => !f.IsPadding))
            {
                string storagePath = string.Join("/", file.PathElements);
                string sourcePath = source.IsSingleFile ? name : string.Join("/", file.PathElements.Skip(1));
                stored[storagePath] = content[sourcePath];
            }

            return new TestTorrent(metainfo, stored);
        }

        public static Task<TestTorrent> SingleFileAsync(string name, int length, int pieceLength, int seed = 1) =>
            CreateAsync(name, pieceLength, false, seed, (name, length));

        /// <summary>Writes the whole content, as a seeder would have it.</summary>
        public void WriteTo(InMemoryFileSystem fileSystem)
        {
            foreach (var file in Files)
            {
                fileSystem.WriteAllBytes(file.Key, file.Value);
            }
        }

        public void AssertContentIn(InMemoryFileSystem fileSystem)
        {
            foreach (var file in Files)
            {
                var actual = fileSystem.ReadAllBytes(file.Key);
                Assert.True(file.Value.AsSpan().SequenceEqual(actual), "content of " + file.Key + " differs");
            }
        }
    }
}
