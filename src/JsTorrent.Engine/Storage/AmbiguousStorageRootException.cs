using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Storage
{
    /// <summary>A label given to find a storage root names several roots; the message lists their tokens so the caller can pick one.</summary>
    public sealed class AmbiguousStorageRootException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="label">The label that was looked up.</param>
        /// <param name="matches">The roots whose label matches it (two or more).</param>
        public AmbiguousStorageRootException(string label, IReadOnlyList<StorageRoot> matches)
            : base(Describe(label, matches))
        {
            Label = label;
            Matches = matches;
        }

        /// <summary>The label that was looked up.</summary>
        public string Label { get; }

        /// <summary>The roots whose label matches, in the order they were added.</summary>
        public IReadOnlyList<StorageRoot> Matches { get; }

        private static string Describe(string label, IReadOnlyList<StorageRoot> matches)
        {
            if (label is null)
            {
                throw new ArgumentNullException(nameof(label));
            }

            if (matches is null)
            {
                throw new ArgumentNullException(nameof(matches));
            }

            var described = new string[matches.Count];
            for (int i = 0; i < matches.Count; i++)
            {
                described[i] = matches[i].Token + " = " + matches[i];
            }

            return "The label '" + label + "' names " + matches.Count + " storage roots; use a token instead: "
                + string.Join("; ", described) + ".";
        }
    }
}
