namespace JsTorrent.Engine.Core
{
    /// <summary>What one received <c>ut_metadata</c> piece did to a <see cref="MetadataFetcher"/>.</summary>
    internal enum MetadataOutcome
    {
        /// <summary>Stored (or a duplicate); more pieces are needed.</summary>
        Incomplete,

        /// <summary>Not used: the piece belongs to an assembly of another size, or comes from a peer that is not the current single source.</summary>
        Ignored,

        /// <summary>Every piece is in and the whole hashes to the info-hash.</summary>
        Complete,

        /// <summary>Every piece is in but the whole does not hash to the info-hash; the fetcher starts over.</summary>
        HashFailed,
    }
}
