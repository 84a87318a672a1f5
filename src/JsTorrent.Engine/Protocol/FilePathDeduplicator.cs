using System;
using System.Collections.Generic;
using System.Text;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Makes mapped file paths unique, so that two torrent entries never land on
    /// the same file and a file never lands where another entry needs a folder.
    /// Paths compare case-insensitively and after Unicode NFC normalisation, because
    /// Windows and macOS file systems treat such names as the same file.
    /// Folders keep their names (other files live in them); a file that collides
    /// gets a counter before its extension (<c>a (2).txt</c>), the first entry in
    /// torrent order keeping the plain name, so the result is deterministic.
    /// </summary>
    internal static class FilePathDeduplicator
    {
        /// <summary>Renames colliding entries of <paramref name="paths"/> in place; entries with <paramref name="skip"/> set are ignored.</summary>
        public static void Deduplicate(IReadOnlyList<List<string>> paths, IReadOnlyList<bool> skip)
        {
            var comparer = StringComparer.OrdinalIgnoreCase;

            // Next counter to try per colliding name, so N copies of one name cost O(N), not O(N^2).
            var nextCounter = new Dictionary<string, int>(comparer);
            var parents = new string[paths.Count];
            var folders = new HashSet<string>(comparer);
            string? previousParent = null;
            for (int i = 0; i < paths.Count; i++)
            {
                if (skip[i])
                {
                    continue;
                }

                // Torrents list files folder by folder: reuse the previous parent when it is the same.
                string parent = ParentOf(paths[i], previousParent);
                parents[i] = parent;
                if (!ReferenceEquals(parent, previousParent))
                {
                    for (int end = parent.IndexOf('/'); end >= 0; end = parent.IndexOf('/', end + 1))
                    {
                        folders.Add(Key(parent.Substring(0, end)));
                    }
                }

                previousParent = parent;
            }

            var files = new HashSet<string>(comparer);
            for (int i = 0; i < paths.Count; i++)
            {
                if (skip[i])
                {
                    continue;
                }

                var path = paths[i];
                string leaf = path[path.Count - 1];
                string full = Key(parents[i] + leaf);
                if (!folders.Contains(full) && files.Add(full))
                {
                    continue;
                }

                int counter = nextCounter.TryGetValue(full, out int next) ? next : 2;
                while (true)
                {
                    string candidate = PathSanitizer.WithCounter(leaf, counter++);
                    string candidateKey = Key(parents[i] + candidate);
                    if (!folders.Contains(candidateKey) && files.Add(candidateKey))
                    {
                        path[path.Count - 1] = candidate;
                        break;
                    }
                }

                nextCounter[full] = counter;
            }
        }

        // NFC, so a precomposed and a decomposed "café" (one file on macOS) compare equal.
        private static string Key(string path) => path.IsNormalized(NormalizationForm.FormC) ? path : path.Normalize(NormalizationForm.FormC);

        // The folder part of a path with a trailing '/', or "" at the top; the previous parent when equal.
        private static string ParentOf(List<string> path, string? previous)
        {
            if (path.Count == 1)
            {
                return string.Empty;
            }

            if (previous is not null && previous.Length > 0 && SameParent(path, previous))
            {
                return previous;
            }

            return string.Join("/", path.GetRange(0, path.Count - 1)) + "/";
        }

        private static bool SameParent(List<string> path, string parent)
        {
            int position = 0;
            for (int e = 0; e < path.Count - 1; e++)
            {
                string element = path[e];
                if (position + element.Length + 1 > parent.Length
                    || string.CompareOrdinal(parent, position, element, 0, element.Length) != 0
                    || parent[position + element.Length] != '/')
                {
                    return false;
                }

                position += element.Length + 1;
            }

            return position == parent.Length;
        }
    }
}
