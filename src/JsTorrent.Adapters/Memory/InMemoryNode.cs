using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>An entry of the in-memory tree: a file or a directory.</summary>
    internal abstract class InMemoryNode
    {
        /// <summary>The entry's size, kind and write time.</summary>
        public abstract FileStat GetStat();
    }
}
