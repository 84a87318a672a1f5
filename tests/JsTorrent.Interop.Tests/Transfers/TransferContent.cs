using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>
    /// Content moved between peers in the transfer tests, sized from the piece length so every
    /// shape has several pieces and a short last piece; and the byte-for-byte comparison of what
    /// arrived with what was sent.
    /// </summary>
    public static class TransferContent
    {
        /// <summary>Name of the single file (non-ASCII letters and a space).</summary>
        public const string SingleFileName = "ünïcødé single.bin";

        /// <summary>Name of the multi-file folder.</summary>
        public const string FolderName = "mülti folder";

        private const int MiB = 1024 * 1024;

        /// <summary>Piece lengths of the "every piece length" theories.</summary>
        public static readonly int[] AllPieceLengths = { 16 * 1024, 64 * 1024, 256 * 1024, MiB, 4 * MiB };

        /// <summary>
        /// The files of one shape ('/'-separated paths below the content) and their lengths: a single
        /// file of at least 3 MiB and three pieces plus a tail, or a folder with nested folders, two
        /// empty files (one at the top, one nested), a file just over one piece and files that are
        /// not multiples of anything.
        /// </summary>
        /// <param name="folder">The multi-file shape.</param>
        /// <param name="pieceLength">The torrent's piece length.</param>
        /// <param name="singleFileLength">A longer single file than the default, or 0.</param>
        /// <returns>The files and their lengths.</returns>
        public static IReadOnlyList<KeyValuePair<string, long>> Files(bool folder, int pieceLength, long singleFileLength = 0)
        {
            long big = Math.Max(MiB, pieceLength);
            if (!folder)
            {
                return new[] { new KeyValuePair<string, long>(SingleFileName, Math.Max((3 * big) + 12_345, singleFileLength)) };
            }

            return new[]
            {
                new KeyValuePair<string, long>("a.bin", pieceLength + 1L),
                new KeyValuePair<string, long>("B upper.txt", 12_345),
                new KeyValuePair<string, long>("empty.dat", 0),
                new KeyValuePair<string, long>("nested/deeper/z.bin", big + (2L * pieceLength / 3)),
                new KeyValuePair<string, long>("nested/deeper/empty inside.dat", 0),
                new KeyValuePair<string, long>("nested/file with spaces.bin", 65_536),
                new KeyValuePair<string, long>("zz/日本語 フォルダ/last one.bin", big + 777),
            };
        }

        /// <summary>Total bytes of a shape.</summary>
        /// <param name="folder">The multi-file shape.</param>
        /// <param name="pieceLength">The torrent's piece length.</param>
        /// <returns>The content length.</returns>
        public static long Length(bool folder, int pieceLength) => Files(folder, pieceLength).Sum(f => f.Value);

        /// <summary>Writes a shape under <paramref name="parent"/> and returns the content's path (the file, or the folder).</summary>
        /// <param name="parent">The folder a peer keeps content in (its save path).</param>
        /// <param name="folder">The multi-file shape.</param>
        /// <param name="pieceLength">The torrent's piece length.</param>
        /// <param name="singleFileLength">A longer single file than the default, or 0.</param>
        /// <returns>The full path of the file or folder the torrent is made of.</returns>
        public static string Write(string parent, bool folder, int pieceLength, long singleFileLength = 0)
        {
            string content = Path.Combine(parent, folder ? FolderName : SingleFileName);
            ulong seed = (ulong)pieceLength;
            foreach (var file in Files(folder, pieceLength, singleFileLength))
            {
                string path = folder ? Path.Combine(content, file.Key.Replace('/', Path.DirectorySeparatorChar)) : content;
                TestContent.WriteFile(path, file.Value, seed++);
            }

            return content;
        }

        /// <summary>Copies a content file or folder into another peer's save path (a second seeder's own copy).</summary>
        /// <param name="content">The content written by <see cref="Write"/>.</param>
        /// <param name="parent">The other save path.</param>
        public static void CopyTo(string content, string parent)
        {
            string target = Path.Combine(parent, Path.GetFileName(content));
            if (File.Exists(content))
            {
                Directory.CreateDirectory(parent);
                File.Copy(content, target);
                return;
            }

            foreach (string file in Directory.GetFiles(content, "*", SearchOption.AllDirectories))
            {
                string copy = Path.Combine(target, Path.GetRelativePath(content, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }

        /// <summary>
        /// Asserts that <paramref name="parent"/> holds exactly the content at <paramref name="expected"/>:
        /// the same file or the same set of files (empty ones included), each equal byte for byte.
        /// </summary>
        /// <param name="expected">The original content (file or folder).</param>
        /// <param name="parent">The save path of the peer that downloaded it.</param>
        /// <param name="who">The downloading peer, for the message.</param>
        public static void AssertSame(string expected, string parent, string who)
        {
            string actual = Path.Combine(parent, Path.GetFileName(expected));
            if (File.Exists(expected))
            {
                Assert.True(File.Exists(actual), who + " has no file '" + actual + "'.");
                AssertSameFile(expected, actual, who);
                return;
            }

            Assert.True(Directory.Exists(actual), who + " has no folder '" + actual + "'.");
            var want = RelativeFiles(expected);
            var have = RelativeFiles(actual);
            Assert.True(want.SequenceEqual(have), who + " has the files [" + string.Join(", ", have) + "], not [" + string.Join(", ", want) + "].");
            foreach (string file in want)
            {
                AssertSameFile(Path.Combine(expected, file), Path.Combine(actual, file), who);
            }
        }

        /// <summary>
        /// Adds an <c>announce</c> URL to a torrent, keeping its info dictionary byte for byte (so its
        /// info-hash). The keys are written in order, as bencoding requires ("announce" &lt; "info").
        /// </summary>
        /// <param name="metainfo">The torrent.</param>
        /// <param name="announce">The tracker URL.</param>
        /// <returns>The new .torrent file's bytes.</returns>
        public static byte[] WithTracker(Metainfo metainfo, string announce)
        {
            byte[] url = System.Text.Encoding.UTF8.GetBytes(announce);
            using var output = new MemoryStream();
            WriteAscii(output, "d8:announce" + url.Length + ":");
            output.Write(url);
            WriteAscii(output, "4:info");
            output.Write(metainfo.InfoBytes);
            WriteAscii(output, "e");
            byte[] torrent = output.ToArray();
            Assert.Equal(metainfo.InfoHash, Metainfo.Parse(torrent).InfoHash);
            return torrent;
        }

        private static void WriteAscii(Stream output, string ascii) => output.Write(System.Text.Encoding.ASCII.GetBytes(ascii));

        private static List<string> RelativeFiles(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        private static void AssertSameFile(string expected, string actual, string who)
        {
            long length = new FileInfo(expected).Length;
            Assert.True(length == new FileInfo(actual).Length, who + ": '" + actual + "' is " + new FileInfo(actual).Length + " bytes, not " + length + ".");
            const int Chunk = 64 * 1024;
            var want = new byte[Chunk];
            var have = new byte[Chunk];
            using var expectedStream = File.OpenRead(expected);
            using var actualStream = File.OpenRead(actual);
            long offset = 0;
            while (offset < length)
            {
                int count = (int)Math.Min(Chunk, length - offset);
                expectedStream.ReadExactly(want, 0, count);
                actualStream.ReadExactly(have, 0, count);
                int mismatch = want.AsSpan(0, count).CommonPrefixLength(have.AsSpan(0, count));
                Assert.True(mismatch == count, who + ": '" + actual + "' differs from the original at byte " + (offset + mismatch) + ".");
                offset += count;
            }
        }
    }
}
