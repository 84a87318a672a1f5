using System;
using System.Collections.Generic;
using System.Text;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// A storage root cannot be removed because torrents are assigned to it. Reassign them first, or remove the root
    /// with <c>force</c>, which leaves them waiting for a new root.
    /// </summary>
    public sealed class StorageRootInUseException : InvalidOperationException
    {
        private const int NamedInMessage = 3;

        /// <summary>Creates the exception.</summary>
        /// <param name="root">The root that is in use.</param>
        /// <param name="infoHashes">Lower-case hex info-hashes of every torrent assigned to it (at least one).</param>
        public StorageRootInUseException(StorageRoot root, IReadOnlyList<string> infoHashes)
            : base(Describe(root, infoHashes))
        {
            Token = root.Token;
            InfoHashes = infoHashes;
        }

        /// <summary>The token of the root.</summary>
        public string Token { get; }

        /// <summary>Every torrent assigned to the root, as lower-case hex info-hashes in ordinal order.</summary>
        public IReadOnlyList<string> InfoHashes { get; }

        /// <summary>How many torrents are assigned to the root.</summary>
        public int TorrentCount => InfoHashes.Count;

        private static string Describe(StorageRoot root, IReadOnlyList<string> infoHashes)
        {
            if (root is null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (infoHashes is null)
            {
                throw new ArgumentNullException(nameof(infoHashes));
            }

            var text = new StringBuilder();
            text.Append("The storage root '").Append(root.Label).Append("' (token ").Append(root.Token).Append(") is used by ")
                .Append(infoHashes.Count).Append(infoHashes.Count == 1 ? " torrent: " : " torrents: ");
            for (int i = 0; i < infoHashes.Count && i < NamedInMessage; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(infoHashes[i]);
            }

            if (infoHashes.Count > NamedInMessage)
            {
                text.Append(" and ").Append(infoHashes.Count - NamedInMessage).Append(" more");
            }

            text.Append(". Assign those torrents another root first, or force the removal to leave them waiting for one.");
            return text.ToString();
        }
    }
}
