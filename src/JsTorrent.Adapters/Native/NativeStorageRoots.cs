using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// Storage roots for directories of the local file system. A root's token is derived from its canonical path, so
    /// the same directory gets the same token however it is spelled and across restarts, and tokens reveal nothing
    /// of the path.
    /// </summary>
    public static class NativeStorageRoots
    {
        // Links pointing through links: more hops than this is a loop, and the path is left as it stands.
        private const int MaxLinkHops = 40;

        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly char[] Separators = { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar };

        /// <summary>
        /// Opens each root as a <see cref="NativeFileSystem"/> over its folder: the file-system factory of engines whose
        /// roots are native folders (<see cref="Engine.Core.EngineOptions.StorageRootFileSystemFactory"/>).
        /// </summary>
        public static Func<StorageRoot, IFileSystem> FileSystemFactory { get; } = root => new NativeFileSystem(root.Path);

        /// <summary>
        /// Makes the root of a directory. Its <see cref="StorageRoot.Path"/> is the full path with links resolved (not
        /// case-folded: it is for display and for the native file system); its token is
        /// <see cref="TokenFor"/>(<see cref="CanonicalPath"/>(path)). The directory need not exist yet (an external
        /// drive may be unplugged); the file system made for the root checks when it is created.
        /// </summary>
        /// <param name="path">The directory, absolute or relative to the current directory.</param>
        /// <param name="label">The name people see; by default the directory's name as given (before links are
        /// resolved), or the whole path for a file-system root such as <c>/</c> or <c>C:\</c>.</param>
        /// <returns>The root.</returns>
        /// <exception cref="ArgumentException">The path is empty or malformed, or the label is not valid.</exception>
        public static StorageRoot Create(string path, string? label = null)
        {
            string given = FullPathTrimmed(path);
            string resolved = ResolveLinks(given);
            string name = Path.GetFileName(given);
            return new StorageRoot(TokenFor(Fold(resolved)), label ?? (name.Length > 0 ? name : given), resolved);
        }

        /// <summary>
        /// The canonical form of a directory path: full (<see cref="Path.GetFullPath(string)"/>), without trailing
        /// separators except for a file-system root (<c>/</c>, <c>C:\</c>), with symbolic links and junctions resolved
        /// for the parts that exist (on .NET 8 and later; netstandard2.0 cannot read link targets and leaves them), and
        /// upper-cased (invariant) on Windows, whose file systems ignore case.
        /// </summary>
        /// <param name="path">The path.</param>
        /// <returns>The canonical path.</returns>
        /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
        public static string CanonicalPath(string path) => Fold(ResolveLinks(FullPathTrimmed(path)));

        /// <summary>The token of a canonical path: the first 16 lower-case hex digits of the SHA-256 of its UTF-8 bytes.</summary>
        /// <param name="canonicalPath">A path from <see cref="CanonicalPath"/> (or any text naming a root, such as a virtual path); used as given.</param>
        /// <returns>16 lower-case hex characters.</returns>
        public static string TokenFor(string canonicalPath)
        {
            if (canonicalPath is null)
            {
                throw new ArgumentNullException(nameof(canonicalPath));
            }

            byte[] digest;
            using (var sha = SHA256.Create())
            {
                digest = sha.ComputeHash(Encoding.UTF8.GetBytes(canonicalPath));
            }

            var token = new StringBuilder(16);
            for (int i = 0; i < 8; i++)
            {
                token.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return token.ToString();
        }

        private static string Fold(string path) => IsWindows ? path.ToUpperInvariant() : path;

        private static string FullPathTrimmed(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Trim().Length == 0)
            {
                throw new ArgumentException("A storage root needs a directory path.", nameof(path));
            }

            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception e) when (e is NotSupportedException || e is PathTooLongException || e is ArgumentException)
            {
                throw new ArgumentException("'" + path + "' is not a valid directory path: " + e.Message, nameof(path), e);
            }

            return Trim(full);
        }

        // "/", "C:\" and "\\server\share\" keep what their root needs; anything longer loses its trailing separators.
        private static string Trim(string full)
        {
            string root = Path.GetPathRoot(full) ?? string.Empty;
            string trimmed = full.TrimEnd(Separators);
            return trimmed.Length <= root.TrimEnd(Separators).Length ? root : trimmed;
        }

#if NET8_0_OR_GREATER
        // Walks the path from its root; an existing element that is a link is replaced by its final target and the
        // walk restarts, since the target may itself go through links.
        private static string ResolveLinks(string full)
        {
            for (int hop = 0; hop < MaxLinkHops; hop++)
            {
                string? replaced = ResolveFirstLink(full);
                if (replaced is null)
                {
                    return full;
                }

                full = replaced;
            }

            return full;
        }

        // The path with its first linked element resolved, or null when no existing element is a link.
        private static string? ResolveFirstLink(string full)
        {
            string root = Path.GetPathRoot(full) ?? string.Empty;
            string[] elements = full.Substring(root.Length).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            string current = root;
            for (int i = 0; i < elements.Length; i++)
            {
                current = Path.Combine(current, elements[i]);
                var info = new DirectoryInfo(current);
                if (!info.Exists)
                {
                    return null; // nothing exists below a missing element (or a file)
                }

                if (info.LinkTarget is null)
                {
                    continue;
                }

                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null)
                {
                    return null;
                }

                var rest = new List<string> { Path.GetFullPath(target.FullName) };
                for (int j = i + 1; j < elements.Length; j++)
                {
                    rest.Add(elements[j]);
                }

                return Trim(Path.Combine(rest.ToArray()));
            }

            return null;
        }
#else
        private static string ResolveLinks(string full) => full;
#endif
    }
}
