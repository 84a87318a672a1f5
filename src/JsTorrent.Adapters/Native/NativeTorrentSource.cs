using System;
using System.Collections.Generic;
using System.IO;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Adapters.Native
{
    /// <summary>Lists a file or folder on the local file system as a <see cref="TorrentSource"/> for <see cref="TorrentCreator"/>.</summary>
    public static class NativeTorrentSource
    {
        // Reads are multi-megabyte runs, which bypass the stream buffer; keep it small.
        private const int ReadBufferSize = 4096;

        /// <summary>
        /// A single-file torrent for a file, a folder torrent for a folder. In a folder,
        /// every regular file below it is included (hidden ones too); symbolic links and
        /// other reparse points are skipped so a link cannot pull in content from outside
        /// the folder or loop; empty folders cannot be expressed in a v1 torrent and are skipped.
        /// </summary>
        /// <param name="path">A file or folder.</param>
        /// <returns>The source.</returns>
        /// <exception cref="ArgumentException"><paramref name="path"/> is empty or a drive or file-system root.</exception>
        /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
        public static TorrentSource FromPath(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A path is required.", nameof(path));
            }

            string full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                var info = new FileInfo(full);
                return TorrentSource.SingleFile(info.Name, new TorrentSourceFile(Array.Empty<string>(), info.Length, () => OpenRead(info.FullName)));
            }

            if (!Directory.Exists(full))
            {
                throw new FileNotFoundException("No file or folder at '" + full + "'.", full);
            }

            // The folder's own name becomes the torrent's name, so it must be the last real segment:
            // "share/" and "share/." both name "share". A root has no such name ("/" would become
            // empty, a drive root would be named "C:\"), and sharing a whole drive is never what anyone means.
            string folder = TrimTrailingSeparators(full);
            if (string.Equals(folder, TrimTrailingSeparators(Path.GetPathRoot(full) ?? string.Empty), StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    "Cannot share a whole drive or file-system root ('" + full + "'); choose a folder inside it.",
                    nameof(path));
            }

            var root = new DirectoryInfo(folder);
            var files = new List<TorrentSourceFile>();
            Collect(root, new List<string>(), files);
            return TorrentSource.Folder(root.Name, files);
        }

        private static string TrimTrailingSeparators(string path) =>
            path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

        private static void Collect(DirectoryInfo directory, List<string> prefix, List<TorrentSourceFile> files)
        {
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    continue;
                }

                var path = new List<string>(prefix) { entry.Name };
                if (entry is DirectoryInfo child)
                {
                    Collect(child, path, files);
                }
                else if (entry is FileInfo file)
                {
                    string fullName = file.FullName;
                    files.Add(new TorrentSourceFile(path.AsReadOnly(), file.Length, () => OpenRead(fullName)));
                }
            }
        }

        private static Stream OpenRead(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize, FileOptions.SequentialScan);
    }
}
