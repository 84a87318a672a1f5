using System;
using System.Collections.Generic;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>A directory of the in-memory tree. Not thread-safe: the file system calls it under its tree lock.</summary>
    internal sealed class InMemoryDirectoryNode : InMemoryNode
    {
        private readonly SortedDictionary<string, InMemoryNode> _entries = new SortedDictionary<string, InMemoryNode>(StringComparer.Ordinal);
        private DateTimeOffset _lastWriteTime;

        public InMemoryDirectoryNode(DateTimeOffset now)
        {
            _lastWriteTime = now;
        }

        public int Count => _entries.Count;

        public bool TryGet(string name, out InMemoryNode node) => _entries.TryGetValue(name, out node!);

        public void Add(string name, InMemoryNode node, DateTimeOffset now)
        {
            _entries.Add(name, node);
            _lastWriteTime = now;
        }

        public void Remove(string name, DateTimeOffset now)
        {
            _entries.Remove(name);
            _lastWriteTime = now;
        }

        /// <summary>A copy of the entry names, in ordinal order.</summary>
        public IReadOnlyList<string> Names() => new List<string>(_entries.Keys).AsReadOnly();

        public override FileStat GetStat() => new FileStat(0, true, _lastWriteTime);
    }
}
