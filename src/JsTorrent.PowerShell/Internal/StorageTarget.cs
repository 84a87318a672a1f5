using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Native;
using JsTorrent.PowerShell.Hosting;
using EngineStorageRoot = JsTorrent.Engine.Storage.StorageRoot;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Where Add-Torrent puts content: the storage root named by -StorageRoot, or the root of the -Destination folder
    /// (registered with the engine when it has none). Each returns the root's token; a failure ends the cmdlet, since no
    /// torrent of the call could be added.
    /// </summary>
    internal static class StorageTarget
    {
        /// <summary>The token of the root with this token or label (trimmed, any case).</summary>
        public static string ByTokenOrLabel(Cmdlet cmdlet, RunningEngine engine, string tokenOrLabel)
        {
            var roots = engine.Engine.StorageRoots;
            var byToken = roots.FirstOrDefault(r => string.Equals(r.Token, tokenOrLabel, StringComparison.Ordinal));
            if (byToken != null)
            {
                return byToken.Token;
            }

            string label = tokenOrLabel.Trim();
            var matches = roots.Where(r => string.Equals(r.Label, label, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                return matches[0].Token;
            }

            if (matches.Count > 1)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("Several storage roots are labelled '" + label + "' (" + string.Join(", ", matches.Select(r => r.Token + " " + r.Path))
                        + "); name one by its token."),
                    "AmbiguousStorageRoot",
                    ErrorCategory.InvalidArgument,
                    tokenOrLabel));
            }

            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new ItemNotFoundException("No storage root has the token or label '" + tokenOrLabel + "'. Known: "
                    + (roots.Count == 0 ? "none" : string.Join(", ", roots.Select(r => string.IsNullOrEmpty(r.Label) ? r.Token : r.Label))) + "."),
                "StorageRootNotFound",
                ErrorCategory.ObjectNotFound,
                tokenOrLabel));
            throw new InvalidOperationException(); // not reached: ThrowTerminatingError throws
        }

        /// <summary>
        /// The token of the root of a destination folder (native preset: a file-system path, created if missing;
        /// memory preset: the name of a memory root), registering the root when the engine has none with that token.
        /// </summary>
        public static string ForDestination(EngineCmdlet cmdlet, RunningEngine engine, string destination)
        {
            var root = engine.Settings.Preset == EnginePreset.Memory ? MemoryRoot(cmdlet, destination) : NativeRoot(cmdlet, destination);
            if (!engine.Engine.StorageRoots.Any(r => r.Token == root.Token))
            {
                cmdlet.Await(engine.Engine.AddStorageRootAsync(root));
                cmdlet.WriteVerbose("Registered the storage root '" + root.Label + "' (" + root.Path + ", token " + root.Token + ").");
            }

            return root.Token;
        }

        private static EngineStorageRoot MemoryRoot(Cmdlet cmdlet, string destination)
        {
            string name = destination.StartsWith(MemoryStorageRoots.Scheme, StringComparison.OrdinalIgnoreCase)
                ? destination.Substring(MemoryStorageRoots.Scheme.Length)
                : destination;
            try
            {
                return MemoryStorageRoots.Create(name);
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "InvalidDestination", ErrorCategory.InvalidArgument, destination));
                throw; // not reached
            }
        }

        private static EngineStorageRoot NativeRoot(PSCmdlet cmdlet, string destination)
        {
            string full;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(destination, out ProviderInfo provider, out _);
                if (provider.Name != "FileSystem")
                {
                    throw new PSArgumentException("'" + destination + "' is not a file-system path (its provider is " + provider.Name + ").");
                }

                full = Path.GetFullPath(full);
            }
            catch (System.Management.Automation.DriveNotFoundException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "DestinationNotFound", ErrorCategory.ObjectNotFound, destination));
                throw; // not reached
            }
            catch (Exception e) when (e is ProviderNotFoundException || e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "InvalidDestination", ErrorCategory.InvalidArgument, destination));
                throw; // not reached
            }

            if (File.Exists(full))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("'" + full + "' is a file; -Destination names the folder the content goes in."),
                    "DestinationIsFile",
                    ErrorCategory.InvalidArgument,
                    destination));
            }

            try
            {
                Directory.CreateDirectory(full);
                return NativeStorageRoots.Create(full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e, "DestinationUnavailable", ErrorCategory.WriteError, full));
                throw; // not reached
            }
        }
    }
}
