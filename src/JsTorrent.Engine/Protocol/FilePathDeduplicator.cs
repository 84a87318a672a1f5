using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// Makes mapped file paths unique, so that two torrent entries never land on
    /// the same file and a file never lands where another entry needs a folder.
    /// Paths compare case-insensitively because Windows and macOS file systems do.
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
            var folders = new HashSet<string>(comparer);
            for (int i = 0; i < paths.Count; i++)
            {
                if (skip[i])
                {
                    continue;
                }

                string prefix = string.Empty;
                for (int e = 0; e < paths[i].Count - 1; e++)
                {
                    prefix = e == 0 ? paths[i][0] : prefix + "/" + paths[i][e];
                    folders.Add(prefix);
                }
            }

            var files = new HashSet<string>(comparer);
            for (int i = 0; i < paths.Count; i++)
            {
                if (skip[i])
                {
                    continue;
                }

                var path = paths[i];
                string parent = path.Count > 1 ? string.Join("/", path.GetRange(0, path.Count - 1)) + "/" : string.Empty;
                string leaf = path[path.Count - 1];
                string candidate = leaf;
                for (int counter = 2; folders.Contains(parent + candidate) || files.Contains(parent + candidate); counter++)
                {
                    candidate = PathSanitizer.WithCounter(leaf, counter);
                }

                path[path.Count - 1] = candidate;
                files.Add(parent + candidate);
            }
        }
    }
}
