using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Core;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Matches torrent files against -Path patterns, and makes their pipeline objects.</summary>
    internal sealed class TorrentFilePaths
    {
        private readonly List<(string Pattern, WildcardPattern Matcher)> _patterns;
        private readonly HashSet<string> _matched = new HashSet<string>();

        /// <param name="patterns">Wildcard patterns; null matches every file.</param>
        public TorrentFilePaths(IEnumerable<string>? patterns)
        {
            _patterns = patterns?.Select(p => (p, WildcardPattern.Get(p.Replace('\\', '/'), WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant))).ToList()
                ?? new List<(string, WildcardPattern)>();
        }

        public bool MatchesAll => _patterns.Count == 0;

        /// <summary>The patterns without wildcards that matched no file so far.</summary>
        public IEnumerable<string> Unmatched => _patterns
            .Where(p => !WildcardPattern.ContainsWildcardCharacters(p.Pattern) && !_matched.Contains(p.Pattern))
            .Select(p => p.Pattern);

        /// <summary>
        /// True when the file matches a pattern (or there are none). A pattern is tried on the file's Path
        /// ('torrent/sub/file') and on its path inside the torrent's folder ('sub/file').
        /// </summary>
        public bool IsMatch(TorrentFileStatus file, string torrentName)
        {
            if (MatchesAll)
            {
                return true;
            }

            string inner = file.Path.StartsWith(torrentName + "/", System.StringComparison.Ordinal) ? file.Path.Substring(torrentName.Length + 1) : file.Path;
            bool any = false;
            foreach (var (pattern, matcher) in _patterns)
            {
                if (matcher.IsMatch(file.Path) || matcher.IsMatch(inner))
                {
                    _matched.Add(pattern);
                    any = true;
                }
            }

            return any;
        }

        /// <summary>Forgets which patterns matched (for a check per torrent).</summary>
        public void Reset() => _matched.Clear();

        /// <summary>The pipeline object of one file of a torrent.</summary>
        public static TorrentFile Wrap(Torrent torrent, TorrentFileStatus file)
        {
            var root = torrent.Owner.Engine.GetTorrentStorageRoot(torrent.Engine);
            return new TorrentFile(torrent, file, root is null ? null : ContentPaths.Combine(root.Path, file.Path));
        }
    }
}
