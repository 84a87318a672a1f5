using System;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>Joins a storage root's path with a path inside it, in the root's own style (native or <c>memory:/</c>).</summary>
    internal static class ContentPaths
    {
        public static string Combine(string rootPath, string relative)
        {
            if (rootPath.StartsWith("memory:", StringComparison.Ordinal))
            {
                return rootPath.TrimEnd('/') + "/" + relative;
            }

            return System.IO.Path.Combine(rootPath, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
        }
    }
}
