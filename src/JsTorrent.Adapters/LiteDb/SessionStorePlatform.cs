namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>The platform families whose conventions <see cref="SessionStoreLocation"/> follows.</summary>
    internal enum SessionStorePlatform
    {
        /// <summary>Linux and other Unix systems: the XDG base directories.</summary>
        Linux,

        /// <summary>macOS: ~/Library/Application Support.</summary>
        MacOS,

        /// <summary>Windows: %LOCALAPPDATA%.</summary>
        Windows,
    }
}
