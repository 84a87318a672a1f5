using System;
using System.IO;
using System.Management.Automation;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Native;
using JsTorrent.PowerShell.Hosting;
using EngineStorageRoot = JsTorrent.Engine.Storage.StorageRoot;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Makes the engine root that Set-TorrentStorageRoot -Path names, in the style of the engine's preset.</summary>
    internal static class StorageRootFactory
    {
        /// <summary>
        /// Native: the folder (PowerShell path, relative to the current location); memory: the root's name (with or without
        /// <c>memory:/</c>). Null after writing an error when the path or label is not valid.
        /// </summary>
        public static EngineStorageRoot? Create(PSCmdlet cmdlet, RunningEngine engine, string path, string? label)
        {
            string? location = engine.Settings.Preset == EnginePreset.Memory
                ? StripScheme(path)
                : PathResolver.ResolveFileSystemPath(cmdlet, path, "StorageRootDriveNotFound", "InvalidStorageRootPath");
            if (location is null)
            {
                return null;
            }

            try
            {
                return engine.Settings.Preset == EnginePreset.Memory
                    ? MemoryStorageRoots.Create(location, label)
                    : NativeStorageRoots.Create(location, label);
            }
            catch (ArgumentException e)
            {
                bool badLabel = e.ParamName == "label";
                cmdlet.WriteError(new ErrorRecord(
                    e,
                    badLabel ? "InvalidStorageRootLabel" : "InvalidStorageRootPath",
                    ErrorCategory.InvalidArgument,
                    badLabel ? (object?)label : path));
                return null;
            }
        }

        /// <summary>
        /// A native root's folder must exist, so a mistyped path is caught now rather than when a torrent fails to
        /// start; -Force creates it. False after writing an error.
        /// </summary>
        public static bool EnsureFolder(PSCmdlet cmdlet, RunningEngine engine, EngineStorageRoot root, bool create)
        {
            if (engine.Settings.Preset == EnginePreset.Memory || Directory.Exists(root.Path))
            {
                return true;
            }

            if (File.Exists(root.Path))
            {
                cmdlet.WriteError(new ErrorRecord(
                    new IOException("'" + root.Path + "' is a file; a storage root must be a folder."),
                    "StorageRootPathIsFile",
                    ErrorCategory.InvalidArgument,
                    root.Path));
                return false;
            }

            if (!create)
            {
                cmdlet.WriteError(new ErrorRecord(
                    new ItemNotFoundException("The folder '" + root.Path + "' does not exist. Create it, or add -Force to create it."),
                    "StorageRootPathNotFound",
                    ErrorCategory.ObjectNotFound,
                    root.Path));
                return false;
            }

            try
            {
                Directory.CreateDirectory(root.Path);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                cmdlet.WriteError(new ErrorRecord(
                    e,
                    e is UnauthorizedAccessException ? "StorageRootPathAccessDenied" : "StorageRootPathUnavailable",
                    e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError,
                    root.Path));
                return false;
            }
        }

        private static string StripScheme(string path) =>
            path.StartsWith(MemoryStorageRoots.Scheme, StringComparison.OrdinalIgnoreCase) ? path.Substring(MemoryStorageRoots.Scheme.Length) : path;
    }
}
