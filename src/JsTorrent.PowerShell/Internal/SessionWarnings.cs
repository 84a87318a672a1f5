using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Logging;
using JsTorrent.PowerShell.Hosting;
using EngineLogEntry = JsTorrent.Engine.Logging.LogEntry;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// What went wrong while a session was restored, read back from the engine's log on the pipeline thread. The engine logs
    /// unreadable records under the 'engine' and 'session' components and a restored torrent's findings (changed or missing
    /// files, a missing root) under 'torrent' with its info-hash; entries of other torrents logged meanwhile are left out.
    /// </summary>
    internal static class SessionWarnings
    {
        public static IEnumerable<string> Since(RunningEngine engine, long logMark, IReadOnlyList<EngineTorrent> restored)
        {
            var hashes = new HashSet<string>(restored.Select(t => t.InfoHash.ToString()), StringComparer.OrdinalIgnoreCase);
            var filter = new LogFilter { MinimumLevel = LogLevel.Warning, SinceId = logMark };
            foreach (var entry in engine.Engine.Log.Buffer.GetEntries(filter))
            {
                bool aboutSession = string.Equals(entry.Component, LogComponents.Session, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(entry.Component, LogComponents.Engine, StringComparison.OrdinalIgnoreCase);
                bool aboutRestored = string.Equals(entry.Component, LogComponents.Torrent, StringComparison.OrdinalIgnoreCase)
                    && entry.InstanceValue != null && hashes.Contains(entry.InstanceValue);
                if (aboutSession || aboutRestored)
                {
                    yield return aboutRestored ? Describe(entry, restored) : entry.Message;
                }
            }
        }

        private static string Describe(EngineLogEntry entry, IReadOnlyList<EngineTorrent> restored)
        {
            var torrent = restored.FirstOrDefault(t => string.Equals(t.InfoHash.ToString(), entry.InstanceValue, StringComparison.OrdinalIgnoreCase));
            return (torrent is null ? entry.InstanceValue : torrent.Name) + ": " + entry.Message;
        }
    }
}
