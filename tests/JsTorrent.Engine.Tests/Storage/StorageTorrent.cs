using System;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;
using JsTorrent.Engine.Tests.Protocol;

namespace JsTorrent.Engine.Tests.Storage
{
    /// <summary>A torrent built by <see cref="TorrentCreator"/> together with its whole byte space (zeros in padding).</summary>
    internal sealed class StorageTorrent
    {
        public const int PieceLength = 16_384;

        private StorageTorrent(Metainfo metainfo, byte[] space)
        {
            Metainfo = metainfo;
            Space = space;
        }

        public Metainfo Metainfo { get; }

        public byte[] Space { get; }

        /// <summary>
        /// "Movie": a.bin (20,000), padding, b/empty.txt (0), b/sub/c.bin (40,000), padding, d.bin (5,000):
        /// six pieces, the last one 5,000 bytes. Without padding the files lie end to end.
        /// </summary>
        public static Task<StorageTorrent> MultiFileAsync(bool pad = true) =>
            CreateAsync("Movie", pad, ("a.bin", 20_000), ("b/empty.txt", 0), ("b/sub/c.bin", 40_000), ("d.bin", 5_000));

        /// <summary>Many small files end to end, for handle-cache tests.</summary>
        public static Task<StorageTorrent> ManyFilesAsync(int count) =>
            CreateAsync("Many", false, Enumerable.Range(0, count).Select(i => ("f" + i.ToString("D2") + ".bin", 3_000 + (i * 1_717))).ToArray());

        public static async Task<StorageTorrent> SingleFileAsync(int length)
        {
            var content = TestTorrents.Content(42, length);
            var metainfo = await TorrentCreator.CreateAsync(
                TorrentSource.SingleFile("single.iso", TestTorrents.MemoryFile(content)),
                new TorrentCreationOptions { PieceLength = PieceLength });
            return new StorageTorrent(metainfo, content);
        }

        public MetainfoFile File(string relativePath) => Metainfo.Files.Single(f => f.RelativePath == relativePath);

        public byte[] ContentOf(string relativePath)
        {
            var file = File(relativePath);
            return Space.AsSpan((int)file.Offset, (int)file.Length).ToArray();
        }

        public ReadOnlyMemory<byte> Piece(int index) => Space.AsMemory(index * PieceLength, Metainfo.GetPieceSize(index));

        private static async Task<StorageTorrent> CreateAsync(string name, bool pad, params (string Path, int Length)[] files)
        {
            var contents = files.Select((f, i) => TestTorrents.Content(i + 1, f.Length)).ToArray();
            var source = TorrentSource.Folder(name, files.Select((f, i) => TestTorrents.MemoryFile(contents[i], f.Path.Split('/'))));
            var metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreationOptions { PieceLength = PieceLength, AlignFilesWithPadding = pad });
            var space = new byte[metainfo.TotalSize];
            foreach (var file in metainfo.Files.Where(f => !f.IsPadding))
            {
                int index = Array.FindIndex(files, f => name + "/" + f.Path == file.RelativePath);
                contents[index].CopyTo(space, file.Offset);
            }

            return new StorageTorrent(metainfo, space);
        }
    }
}
