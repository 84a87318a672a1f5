using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Add-Torrent's -Include and -Exclude as the engine's file-priority function. A pattern is matched (wildcards, any
    /// case) against a file's path inside the torrent ('sub/file.iso': without the torrent's own folder), and a pattern
    /// without '/' also against the file's name, so '*.iso' and 'b.bin' find files in sub-folders too.
    /// </summary>
    internal sealed class FileSelector
    {
        private readonly (WildcardPattern Pattern, bool MatchesNames)[] _include;
        private readonly (WildcardPattern Pattern, bool MatchesNames)[] _exclude;

        private FileSelector((WildcardPattern, bool)[] include, (WildcardPattern, bool)[] exclude)
        {
            _include = include;
            _exclude = exclude;
        }

        /// <summary>A selector for the patterns, or null when there are none (every file is wanted).</summary>
        public static FileSelector? Create(string[]? include, string[]? exclude)
        {
            var included = Compile(include);
            var excluded = Compile(exclude);
            return included.Length == 0 && excluded.Length == 0 ? null : new FileSelector(included, excluded);
        }

        /// <summary>The path a pattern sees: the file's path inside the torrent, '/'-separated.</summary>
        public static string InnerPath(MetainfoFile file) =>
            file.PathElements.Count == 1 ? file.PathElements[0] : string.Join("/", file.PathElements.Skip(1));

        /// <summary>True when the file is wanted: it matches an -Include pattern (or there is none) and no -Exclude pattern.</summary>
        public bool IsWanted(MetainfoFile file)
        {
            string path = InnerPath(file);
            string name = file.PathElements[file.PathElements.Count - 1];
            return (_include.Length == 0 || _include.Any(p => Matches(p, path, name))) && !_exclude.Any(p => Matches(p, path, name));
        }

        /// <summary>The engine's function: runs on the engine thread, so it touches nothing of the runspace.</summary>
        public FilePriority Choose(MetainfoFile file) => IsWanted(file) ? FilePriority.Normal : FilePriority.Skip;

        private static bool Matches((WildcardPattern Pattern, bool MatchesNames) pattern, string path, string name) =>
            pattern.Pattern.IsMatch(path) || (pattern.MatchesNames && name.Length != path.Length && pattern.Pattern.IsMatch(name));

        private static (WildcardPattern, bool)[] Compile(string[]? patterns)
        {
            var compiled = new List<(WildcardPattern, bool)>();
            foreach (string pattern in patterns ?? Array.Empty<string>())
            {
                string trimmed = pattern.Trim().Replace('\\', '/').TrimStart('/');
                if (trimmed.Length > 0)
                {
                    compiled.Add((new WildcardPattern(trimmed, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant), trimmed.IndexOf('/') < 0));
                }
            }

            return compiled.ToArray();
        }
    }
}
