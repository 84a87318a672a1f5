using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using JsTorrent.PowerShell.Hosting;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Completes torrent names from the runspace's engine (never starts one).</summary>
    public sealed class TorrentNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSource.Complete(wordToComplete, engine => engine.Engine.Torrents.Select(t => (t.Name, t.Name + " (" + t.InfoHash + ")")));
    }

    /// <summary>Completes info-hashes from the runspace's engine (never starts one).</summary>
    public sealed class InfoHashCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSource.Complete(wordToComplete, engine => engine.Engine.Torrents.Select(t => (t.InfoHash.ToString(), t.Name)));
    }

    /// <summary>Completes storage-root labels and tokens from the runspace's engine (never starts one).</summary>
    public sealed class StorageRootCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSource.Complete(wordToComplete, engine => engine.Engine.StorageRoots.SelectMany(r =>
                string.IsNullOrEmpty(r.Label) ? new[] { (r.Token, r.Path) } : new[] { (r.Label!, r.Path), (r.Token, r.Path) }));
    }

    internal static class CompletionSource
    {
        public static IEnumerable<CompletionResult> Complete(string wordToComplete, System.Func<RunningEngine, IEnumerable<(string Value, string Tooltip)>> candidates)
        {
            var engine = RunspaceEngines.Find(Runspace.DefaultRunspace)?.Current;
            if (engine is null || engine.IsDisposed)
            {
                yield break;
            }

            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var matcher = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            foreach (var (value, tooltip) in candidates(engine).Distinct())
            {
                if (matcher.IsMatch(value))
                {
                    // Quote what the parser would split or expand.
                    string text = value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ',', ';', '&', '|', '@', '#', '[', ']' }) >= 0
                        ? "'" + value.Replace("'", "''") + "'"
                        : value;
                    yield return new CompletionResult(text, value, CompletionResultType.ParameterValue, tooltip);
                }
            }
        }
    }
}
