namespace JsTorrent
{
    /// <summary>A folder torrents' content is stored under (the output of Get-TorrentStorageRoot and Set-TorrentStorageRoot).</summary>
    public sealed class StorageRoot
    {
        internal StorageRoot(string token, string? label, string path, bool isDefault, int torrentCount)
        {
            Token = token;
            Label = label;
            Path = path;
            IsDefault = isDefault;
            TorrentCount = torrentCount;
        }

        /// <summary>The root's stable identifier (derived from its path); the session records torrents against it.</summary>
        public string Token { get; }

        /// <summary>The name given to the root, or null.</summary>
        public string? Label { get; }

        /// <summary>The folder (for the memory preset, a <c>memory:/</c> name).</summary>
        public string Path { get; }

        /// <summary>True for the root new torrents go to unless told otherwise.</summary>
        public bool IsDefault { get; }

        /// <summary>Torrents whose content is under this root.</summary>
        public int TorrentCount { get; }

        /// <inheritdoc/>
        public override string ToString() => Label ?? Token;
    }
}
