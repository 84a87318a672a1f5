using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// A private temporary folder of deterministic pseudo-random content for one test,
    /// deleted on <see cref="Dispose"/>. The same seed always gives the same bytes, on
    /// every machine and .NET version (SplitMix64, not <see cref="Random"/>).
    /// </summary>
    public sealed class TestContent : IDisposable
    {
        /// <summary>Name of the single file: non-ASCII letters, CJK and a space.</summary>
        public const string SingleFileName = "ünïcødé 文件.bin";

        /// <summary>1 MiB + 777 bytes: not a multiple of any piece length.</summary>
        public const long SingleFileLength = (1024 * 1024) + 777;

        /// <summary>Name of the multi-file folder (a space and a non-ASCII letter).</summary>
        public const string FolderName = "mülti folder";

        /// <summary>
        /// The files of the folder (paths below it, '/'-separated) and their lengths. The set
        /// covers nesting, an empty file, a hidden file, spaces, non-ASCII names, an upper-case
        /// name (sorts before lower case in byte order), a file that is an exact multiple of
        /// 64 KiB, and 'nested-sibling.bin' beside the folder 'nested' ('-' sorts before '/',
        /// so a whole-path sort and a per-folder sort disagree).
        /// </summary>
        public static readonly IReadOnlyList<KeyValuePair<string, long>> FolderFiles = new[]
        {
            new KeyValuePair<string, long>("a.bin", 300_001),
            new KeyValuePair<string, long>("B upper.txt", 12_345),
            new KeyValuePair<string, long>("empty.dat", 0),
            new KeyValuePair<string, long>(".hidden", 17),
            new KeyValuePair<string, long>("nested/deeper/z.bin", 200_000),
            new KeyValuePair<string, long>("nested/file with spaces.bin", 65_536),
            new KeyValuePair<string, long>("nested-sibling.bin", 1_000),
            new KeyValuePair<string, long>("ünïcødé 文件.bin", 100_003),
            new KeyValuePair<string, long>("zz/日本語 フォルダ/last one.bin", 250_000),
        };

        public TestContent()
        {
            Root = Path.Combine(Path.GetTempPath(), "jstorrent-interop-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        /// <summary>The temporary folder.</summary>
        public string Root { get; }

        /// <summary>Writes <c>Root/single/ünïcødé 文件.bin</c> and returns its full path.</summary>
        public string CreateSingleFile()
        {
            string folder = Path.Combine(Root, "single");
            string path = Path.Combine(folder, SingleFileName);
            WriteFile(path, SingleFileLength, 1);
            return path;
        }

        /// <summary>Writes the folder or the single file and returns its full path.</summary>
        public string Create(bool folder) => folder ? CreateFolder() : CreateSingleFile();

        /// <summary>Total content bytes of what <see cref="Create"/> writes.</summary>
        public static long ContentLength(bool folder) => folder ? FolderFiles.Sum(f => f.Value) : SingleFileLength;

        /// <summary>Writes <c>Root/content/mülti folder/...</c> (see <see cref="FolderFiles"/>) and returns the folder's full path.</summary>
        public string CreateFolder()
        {
            string folder = Path.Combine(Root, "content", FolderName);
            Directory.CreateDirectory(folder);
            ulong seed = 100;
            foreach (var file in FolderFiles)
            {
                WriteFile(Path.Combine(folder, file.Key.Replace('/', Path.DirectorySeparatorChar)), file.Value, seed++);
            }

            return folder;
        }

        /// <summary>A path for an output file in the temporary folder (not created).</summary>
        public string OutputPath(string name)
        {
            string folder = Path.Combine(Root, "out");
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, name);
        }

        /// <summary>Writes <paramref name="length"/> pseudo-random bytes derived from <paramref name="seed"/>.</summary>
        public static void WriteFile(string path, long length, ulong seed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var random = new SplitMix64(seed);
            var buffer = new byte[64 * 1024];
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            long left = length;
            while (left > 0)
            {
                int chunk = (int)Math.Min(buffer.Length, left);
                random.Fill(buffer.AsSpan(0, chunk));
                stream.Write(buffer, 0, chunk);
                left -= chunk;
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail a test that passed.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }

    /// <summary>SplitMix64: a tiny, fully specified generator, so content is identical everywhere.</summary>
    public sealed class SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed)
        {
            _state = seed;
        }

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public void Fill(Span<byte> destination)
        {
            int i = 0;
            while (i < destination.Length)
            {
                ulong value = Next();
                for (int b = 0; b < 8 && i < destination.Length; b++, i++)
                {
                    destination[i] = (byte)value;
                    value >>= 8;
                }
            }
        }
    }
}
