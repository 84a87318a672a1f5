using System;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>Checks and splits the relative, '/'-separated paths of <see cref="InMemoryFileSystem"/>.</summary>
    internal static class InMemoryPath
    {
        private static readonly string[] Root = Array.Empty<string>();

        /// <summary>Splits a path into its elements; the root (the empty string) has none.</summary>
        /// <exception cref="StorageException">With <see cref="StorageErrorKind.InvalidPath"/> for a malformed path.</exception>
        public static string[] Split(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Length == 0)
            {
                return Root;
            }

            if (path.IndexOf('\\') >= 0 || path.IndexOf('\0') >= 0)
            {
                throw Invalid(path, "a backslash or NUL character is not allowed");
            }

            string[] elements = path.Split('/');
            foreach (string element in elements)
            {
                // A leading or doubled '/' shows up here as an empty element.
                if (element.Length == 0 || element == "." || element == "..")
                {
                    throw Invalid(path, "empty, '.' and '..' elements are not allowed (paths are relative, '/'-separated)");
                }
            }

            return elements;
        }

        private static StorageException Invalid(string path, string why) =>
            new StorageException(StorageErrorKind.InvalidPath, path, "Invalid path '" + path + "': " + why + ".");
    }
}
