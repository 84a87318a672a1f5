using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using JsTorrent.Engine.Logging;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Completes log component names: the engine's own, and any other found in the runspace engine's log (never starts one).</summary>
    public sealed class LogComponentCompleter : IArgumentCompleter
    {
        private static readonly string[] Known =
        {
            LogComponents.Engine, LogComponents.Torrent, LogComponents.Peer, LogComponents.Tracker, LogComponents.Storage, LogComponents.Session,
        };

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionSource.Complete(wordToComplete, engine => Known
                .Concat(engine.Engine.Log.Buffer.GetEntries().Select(e => e.Component))
                .Distinct(System.StringComparer.OrdinalIgnoreCase)
                .Select(c => (c, "Log entries of the " + c + " component")));
    }
}
