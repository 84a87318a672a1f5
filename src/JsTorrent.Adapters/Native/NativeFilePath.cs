using System;
using System.IO;
using System.Runtime.InteropServices;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>Turns the relative, '/'-separated paths of <see cref="NativeFileSystem"/> into full paths that stay inside its root.</summary>
    internal sealed class NativeFilePath
    {
        // Links pointing at links: more hops than this is treated as a loop and refused.
        private const int MaxLinkDepth = 32;

        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private readonly string _root;
        private readonly string _rootWithSeparator;
        private readonly StringComparison _comparison;

        public NativeFilePath(string root)
        {
            _root = root;
            _rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;

            // Case-insensitive comparison on Windows and macOS is the cautious side of the containment check.
            _comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        }

        /// <summary>The full path of the root directory.</summary>
        public string Root => _root;

        /// <summary>Splits a relative path into its elements; the root (the empty string) has none.</summary>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.InvalidPath"/> for a malformed path.</exception>
        public static string[] Split(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Length == 0)
            {
                return Array.Empty<string>();
            }

            if (path.IndexOf('\\') >= 0 || path.IndexOf('\0') >= 0)
            {
                throw Invalid(path, "a backslash or NUL character is not allowed");
            }

            // On Windows a ':' names a drive ("C:x") or an alternate data stream ("f:s"); elsewhere it is an ordinary character.
            if (IsWindows && path.IndexOf(':') >= 0)
            {
                throw Invalid(path, "a ':' is not allowed on Windows");
            }

            string[] elements = path.Split('/');
            foreach (string element in elements)
            {
                // A leading or doubled '/' shows up here as an empty element.
                if (element.Length == 0 || element == "." || element == "..")
                {
                    throw Invalid(path, "empty, '.' and '..' elements are not allowed (paths are relative, '/'-separated)");
                }

                // Windows drops trailing dots and spaces, so "a." would name "a": refuse what would alias.
                if (IsWindows && (element.EndsWith(".", StringComparison.Ordinal) || element.EndsWith(" ", StringComparison.Ordinal)))
                {
                    throw Invalid(path, "an element ending with '.' or ' ' is not allowed on Windows");
                }

                if (IsWindows && IsWindowsDeviceName(element))
                {
                    throw Invalid(path, "'" + element + "' names a device on Windows");
                }
            }

            return elements;
        }

        /// <summary>
        /// The full path for a relative one, after checking that it is well formed, that it stays under the root,
        /// and that no existing element is a link leading outside the root.
        /// </summary>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.InvalidPath"/> when any check fails.</exception>
        public string Resolve(string path)
        {
            string[] elements = Split(path);
            if (elements.Length == 0)
            {
                return _root;
            }

            string full = Path.GetFullPath(Path.Combine(_root, string.Join(Path.DirectorySeparatorChar.ToString(), elements)));
            if (!IsInside(full))
            {
                throw Invalid(path, "it leads outside the storage root");
            }

            CheckLinks(full, path, 0);
            return full;
        }

        // CON, NUL, COM1... name devices in every directory, with any extension ("NUL.txt").
        internal static bool IsWindowsDeviceName(string element)
        {
            int dot = element.IndexOf('.');
            string stem = (dot < 0 ? element : element.Substring(0, dot)).TrimEnd(' ').ToUpperInvariant();
            switch (stem)
            {
                case "CON":
                case "PRN":
                case "AUX":
                case "NUL":
                case "CONIN$":
                case "CONOUT$":
                    return true;
            }

            // COM1-9 and LPT1-9, including the superscript digits Windows also accepts.
            return stem.Length == 4
                && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal))
                && ((stem[3] >= '1' && stem[3] <= '9') || stem[3] == '\u00B9' || stem[3] == '\u00B2' || stem[3] == '\u00B3');
        }

        internal static StorageException Invalid(string path, string why) =>
            new StorageException(StorageErrorKind.InvalidPath, path, "Invalid path '" + path + "': " + why + ".");

        private bool IsInside(string full) => full.StartsWith(_rootWithSeparator, _comparison);

        // Walks the existing elements below the root; a link must end inside the root, and so must its target's own elements.
        private void CheckLinks(string full, string path, int depth)
        {
            if (depth > MaxLinkDepth)
            {
                throw Invalid(path, "it goes through too many links");
            }

            int index = _rootWithSeparator.Length;
            while (index <= full.Length)
            {
                int next = full.IndexOf(Path.DirectorySeparatorChar, index);
                if (next < 0)
                {
                    next = full.Length;
                }

                string prefix = full.Substring(0, next);
                if (!CheckElement(prefix, path, depth))
                {
                    return; // missing or a file: nothing exists below it
                }

                index = next + 1;
            }
        }

        // False when nothing can exist below the prefix (it is missing or a file).
        private bool CheckElement(string prefix, string path, int depth)
        {
            FileSystemInfo info = new FileInfo(prefix);
            if (!info.Exists)
            {
                info = new DirectoryInfo(prefix);
                if (!info.Exists)
                {
                    // A dangling link exists though Exists says no; its attributes still show it.
                    return IsLinkWithoutTarget(prefix, path);
                }
            }

            bool isDirectory = info is DirectoryInfo;
            if ((info.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                return isDirectory;
            }

#if NET8_0_OR_GREATER
            if (info.LinkTarget is null)
            {
                throw Invalid(path, "it goes through a reparse point that is not a link");
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null)
            {
                throw Invalid(path, "it goes through a link that cannot be resolved");
            }

            string targetFull = Path.GetFullPath(target.FullName);
            if (!IsInside(targetFull))
            {
                throw Invalid(path, "it goes through a link leading outside the storage root");
            }

            CheckLinks(targetFull, path, depth + 1);
            return isDirectory;
#else
            // Without an API to read link targets, any link or junction is refused.
            _ = depth;
            throw Invalid(path, "it goes through a symbolic link or junction");
#endif
        }

        private static bool IsLinkWithoutTarget(string prefix, string path)
        {
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(prefix);
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            catch (DirectoryNotFoundException)
            {
                return false;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw Invalid(path, "it goes through a link whose target is missing");
            }

            return false;
        }
    }
}
