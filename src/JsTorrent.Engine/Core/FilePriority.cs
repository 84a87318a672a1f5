namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// How much a file is wanted. A piece takes the highest priority of the files it
    /// overlaps (padding files aside), so a piece shared by a skipped and a wanted file
    /// is still downloaded.
    /// </summary>
    public enum FilePriority
    {
        /// <summary>Not downloaded: its pieces are never requested unless another file needs them.</summary>
        Skip = 0,

        /// <summary>Downloaded after everything of higher priority.</summary>
        Low = 1,

        /// <summary>The default.</summary>
        Normal = 2,

        /// <summary>Downloaded before everything of lower priority.</summary>
        High = 3,
    }
}
