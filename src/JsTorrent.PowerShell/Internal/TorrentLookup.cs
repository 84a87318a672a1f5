using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Engine.Protocol;
using JsTorrent.PowerShell.Hosting;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Finds the engine's torrents named by a cmdlet's -Name, -InfoHash or -InputObject, writing an error for each that is not there.</summary>
    internal static class TorrentLookup
    {
        /// <summary>Torrents whose name matches any pattern (wildcards, any case), in the engine's order; a pattern without wildcards that matches nothing is an error.</summary>
        public static IEnumerable<EngineTorrent> ByName(Cmdlet cmdlet, RunningEngine? engine, IEnumerable<string> patterns)
        {
            var all = engine?.Engine.Torrents ?? Array.Empty<EngineTorrent>();
            var seen = new HashSet<EngineTorrent>();
            foreach (string pattern in patterns)
            {
                var matcher = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                bool any = false;
                foreach (var torrent in all.Where(t => matcher.IsMatch(t.Name)))
                {
                    any = true;
                    if (seen.Add(torrent))
                    {
                        yield return torrent;
                    }
                }

                if (!any && !WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    cmdlet.WriteError(NotFound("No torrent named '" + pattern + "' is in the engine" + NoEngineNote(engine), pattern));
                }
            }
        }

        /// <summary>The torrent with this info-hash (40 or 32 characters, any case), or null after writing an error.</summary>
        public static EngineTorrent? ByInfoHash(Cmdlet cmdlet, RunningEngine? engine, string infoHash)
        {
            if (!InfoHash.TryParse(infoHash.Trim(), out var hash))
            {
                cmdlet.WriteError(new ErrorRecord(
                    new PSArgumentException("'" + infoHash + "' is not an info-hash (40 hex digits or 32 base32 characters)."),
                    "InvalidInfoHash",
                    ErrorCategory.InvalidArgument,
                    infoHash));
                return null;
            }

            var torrent = engine?.Engine.GetTorrent(hash);
            if (torrent is null)
            {
                cmdlet.WriteError(NotFound("No torrent with info-hash " + hash + " is in the engine" + NoEngineNote(engine), infoHash));
            }

            return torrent;
        }

        /// <summary>
        /// The engine's torrent for a pipeline object. Found again by info-hash, so an object from an engine that was
        /// stopped and started again (or a deserialized one) still names the torrent; null after writing an error.
        /// </summary>
        public static EngineTorrent? ByObject(Cmdlet cmdlet, RunningEngine? engine, Torrent torrent)
        {
            if (engine != null && ReferenceEquals(torrent.Owner, engine) && engine.Engine.GetTorrent(torrent.Engine.InfoHash) is { } same)
            {
                return same;
            }

            return ByInfoHash(cmdlet, engine, torrent.InfoHash);
        }

        /// <summary>
        /// The engine's torrents for piped torrent objects (when <paramref name="inputObjects"/> were bound) or else for
        /// info-hashes, skipping (after its error) each that is not there.
        /// </summary>
        public static IEnumerable<EngineTorrent> Piped(Cmdlet cmdlet, RunningEngine? engine, Torrent[]? inputObjects, string[] infoHashes)
        {
            var found = inputObjects != null
                ? inputObjects.Select(torrent => ByObject(cmdlet, engine, torrent))
                : infoHashes.Select(hash => ByInfoHash(cmdlet, engine, hash));
            foreach (var torrent in found)
            {
                if (torrent != null)
                {
                    yield return torrent;
                }
            }
        }

        /// <summary>The end of a not-found message: why, when the runspace has no engine at all.</summary>
        private static string NoEngineNote(RunningEngine? engine) =>
            engine is null ? " (this runspace has no engine yet: Resume-TorrentSession restores the saved torrents)." : ".";

        private static ErrorRecord NotFound(string message, object target) =>
            new ErrorRecord(new ItemNotFoundException(message), "TorrentNotFound", ErrorCategory.ObjectNotFound, target);
    }
}
