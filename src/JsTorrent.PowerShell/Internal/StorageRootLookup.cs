using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Storage;
using JsTorrent.PowerShell.Hosting;
using EngineStorageRoot = JsTorrent.Engine.Storage.StorageRoot;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Finds the engine's storage roots the way an admin names them (token or label) and makes their pipeline objects.</summary>
    internal static class StorageRootLookup
    {
        /// <summary>
        /// The one root named by a token (ordinal) or else a label (trimmed, any case), as the engine resolves names;
        /// null with <paramref name="error"/> set when nothing or several roots match.
        /// </summary>
        public static EngineStorageRoot? Find(RunningEngine engine, string name, out ErrorRecord? error)
        {
            var roots = engine.Engine.StorageRoots;
            error = null;
            var byToken = roots.FirstOrDefault(r => string.Equals(r.Token, name, StringComparison.Ordinal));
            if (byToken != null)
            {
                return byToken;
            }

            var byLabel = roots.Where(r => string.Equals(r.Label, name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (byLabel.Count == 1)
            {
                return byLabel[0];
            }

            error = byLabel.Count == 0 ? NotFound(name) : Ambiguous(name, byLabel);
            return null;
        }

        /// <summary>Roots whose label or token matches any pattern (wildcards, any case); a pattern without wildcards that matches nothing is an error.</summary>
        public static IEnumerable<EngineStorageRoot> Match(Cmdlet cmdlet, RunningEngine engine, IEnumerable<string> patterns)
        {
            var roots = engine.Engine.StorageRoots;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string pattern in patterns)
            {
                var matcher = WildcardPattern.Get(pattern.Trim(), WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                bool any = false;
                foreach (var root in roots.Where(r => matcher.IsMatch(r.Label) || matcher.IsMatch(r.Token)))
                {
                    any = true;
                    if (seen.Add(root.Token))
                    {
                        yield return root;
                    }
                }

                if (!any && !WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    cmdlet.WriteError(NotFound(pattern));
                }
            }
        }

        /// <summary>The pipeline object of a root: what it is now, with the number of the engine's torrents in it.</summary>
        public static StorageRoot Describe(RunningEngine engine, EngineStorageRoot root)
        {
            int torrents = engine.Engine.Torrents.Count(t => string.Equals(t.StorageRootToken, root.Token, StringComparison.Ordinal));
            bool isDefault = string.Equals(engine.Engine.DefaultStorageRoot?.Token, root.Token, StringComparison.Ordinal);
            return new StorageRoot(root.Token, root.Label, root.Path, isDefault, torrents);
        }

        public static ErrorRecord NotFound(string name, Exception? inner = null) => new ErrorRecord(
            new ItemNotFoundException("No storage root has the label or token '" + name + "'. Get-TorrentStorageRoot lists them.", inner),
            "StorageRootNotFound",
            ErrorCategory.ObjectNotFound,
            name);

        private static ErrorRecord Ambiguous(string name, IReadOnlyList<EngineStorageRoot> matches) => new ErrorRecord(
            new AmbiguousStorageRootException(name.Trim(), matches),
            "AmbiguousStorageRoot",
            ErrorCategory.InvalidArgument,
            name);
    }
}
