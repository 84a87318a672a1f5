using System;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Core
{
    /// <summary>Runs an <see cref="AddTorrentOptions.FilePriorities"/> function over a torrent's files.</summary>
    internal static class FilePrioritySelection
    {
        /// <summary>One priority per file of <paramref name="metainfo"/>; padding files stay <see cref="FilePriority.Normal"/> (they are never fetched anyway).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The function returned a value that is not a <see cref="FilePriority"/>.</exception>
        public static FilePriority[] Choose(Metainfo metainfo, Func<MetainfoFile, FilePriority> choose)
        {
            var priorities = new FilePriority[metainfo.Files.Count];
            for (int i = 0; i < priorities.Length; i++)
            {
                var file = metainfo.Files[i];
                var priority = file.IsPadding ? FilePriority.Normal : choose(file);
                if (priority < FilePriority.Skip || priority > FilePriority.High)
                {
                    throw new ArgumentOutOfRangeException(nameof(choose), priority, "The file priority chosen for '" + file.RelativePath + "' is not a FilePriority.");
                }

                priorities[i] = priority;
            }

            return priorities;
        }
    }
}
