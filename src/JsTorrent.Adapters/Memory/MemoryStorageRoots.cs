using System;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// Storage roots for in-memory file systems (tests and the memory preset). A root is named by a virtual path
    /// such as <c>memory:/downloads</c> and its token is derived from that path exactly as
    /// <see cref="NativeStorageRoots.TokenFor"/> derives a native one, so it is stable across runs.
    /// </summary>
    public static class MemoryStorageRoots
    {
        /// <summary>The scheme every virtual path starts with.</summary>
        public const string Scheme = "memory:";

        /// <summary>Makes the root named <paramref name="name"/>, whose path is <c>memory:/</c> + the name.</summary>
        /// <param name="name">The root's name, such as <c>downloads</c> (surrounding <c>/</c> are dropped); case matters.</param>
        /// <param name="label">The name people see; by default <paramref name="name"/>.</param>
        /// <returns>The root; pair it with a file-system factory such as <c>root =&gt; new InMemoryFileSystem()</c>.</returns>
        /// <exception cref="ArgumentException">The name is empty, or the label is not valid.</exception>
        public static StorageRoot Create(string name, string? label = null)
        {
            string path = VirtualPath(name);
            return new StorageRoot(NativeStorageRoots.TokenFor(path), label ?? path.Substring(Scheme.Length + 1), path);
        }

        /// <summary>The virtual path of a name: <c>memory:/</c> + the name without surrounding <c>/</c>.</summary>
        /// <param name="name">The root's name.</param>
        /// <returns>The virtual path.</returns>
        /// <exception cref="ArgumentException">The name is empty once trimmed of <c>/</c> and whitespace.</exception>
        public static string VirtualPath(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            string trimmed = name.Trim().Trim('/');
            if (trimmed.Length == 0)
            {
                throw new ArgumentException("A memory storage root needs a name.", nameof(name));
            }

            return Scheme + "/" + trimmed;
        }
    }
}
