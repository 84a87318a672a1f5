using System;

namespace JsTorrent.Engine.Storage
{
    /// <summary>
    /// One download location (the design's <c>StorageRoot</c>): an opaque <see cref="Token"/> that identifies it
    /// everywhere (session records, torrent assignments), a <see cref="Label"/> for people, and a <see cref="Path"/>
    /// shown in the UI. Immutable; two roots are equal when their tokens are equal (ordinal), whatever their label
    /// and path, because the token is the identity. The engine never interprets the path: the file-system factory of
    /// <see cref="StorageRootManager"/> does.
    /// </summary>
    public sealed class StorageRoot : IEquatable<StorageRoot>
    {
        /// <summary>The longest token accepted, in characters.</summary>
        public const int MaxTokenLength = 64;

        /// <summary>Creates a root.</summary>
        /// <param name="token">
        /// The identity: 1 to <see cref="MaxTokenLength"/> printable ASCII characters (0x21-0x7E, so no whitespace).
        /// </param>
        /// <param name="label">
        /// The name people see and type, trimmed; it must not be empty after trimming nor contain control characters.
        /// When null, it defaults to the last segment of <paramref name="path"/> (either separator), else to the whole
        /// path (a file-system root such as <c>/</c>), else, for an empty path, to the token.
        /// </param>
        /// <param name="path">The location for display (a full path for native roots); empty for roots without one.</param>
        /// <exception cref="ArgumentException">The token or the label is not valid.</exception>
        public StorageRoot(string token, string? label, string path)
        {
            if (token is null)
            {
                throw new ArgumentNullException(nameof(token));
            }

            string? tokenProblem = TokenProblem(token);
            if (tokenProblem is not null)
            {
                throw new ArgumentException(tokenProblem, nameof(token));
            }

            Path = path ?? throw new ArgumentNullException(nameof(path));
            Token = token;
            string chosen = label ?? DefaultLabel(path, token);
            string? labelProblem = LabelProblem(chosen);
            if (labelProblem is not null)
            {
                throw new ArgumentException(labelProblem, nameof(label));
            }

            Label = chosen.Trim();
        }

        /// <summary>The opaque identity (compared ordinally).</summary>
        public string Token { get; }

        /// <summary>The human-readable name, such as <c>Downloads</c> or <c>External SSD</c>; not unique.</summary>
        public string Label { get; }

        /// <summary>The location for display; empty when the root has none.</summary>
        public string Path { get; }

        /// <summary>True when <paramref name="token"/> is acceptable as a <see cref="Token"/>.</summary>
        /// <param name="token">The candidate.</param>
        /// <returns>True when valid.</returns>
        public static bool IsValidToken(string? token) => token is not null && TokenProblem(token) is null;

        /// <inheritdoc/>
        public bool Equals(StorageRoot? other) => other is not null && string.Equals(Token, other.Token, StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as StorageRoot);

        /// <inheritdoc/>
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Token);

        /// <summary><c>Label (Path)</c>, or only the label when the path is empty.</summary>
        /// <returns>The display text.</returns>
        public override string ToString() => Path.Length == 0 ? Label : Label + " (" + Path + ")";

        /// <summary>Why a token is invalid, or null when it is valid.</summary>
        internal static string? TokenProblem(string token)
        {
            if (token.Length == 0 || token.Length > MaxTokenLength)
            {
                return "A storage root token must be 1 to " + MaxTokenLength + " characters long; got " + token.Length + ".";
            }

            foreach (char c in token)
            {
                if (c < '!' || c > '~')
                {
                    return "A storage root token must be printable ASCII without whitespace; it contains U+" + ((int)c).ToString("X4") + ".";
                }
            }

            return null;
        }

        /// <summary>Why a label (before trimming) is invalid, or null when it is valid.</summary>
        internal static string? LabelProblem(string label)
        {
            if (label.Trim().Length == 0)
            {
                return "A storage root label must not be empty or whitespace.";
            }

            foreach (char c in label)
            {
                if (char.IsControl(c))
                {
                    return "A storage root label must not contain control characters (U+" + ((int)c).ToString("X4") + ").";
                }
            }

            return null;
        }

        private static string DefaultLabel(string path, string token)
        {
            string trimmed = path.Trim().TrimEnd('/', '\\');
            int separator = trimmed.LastIndexOfAny(new[] { '/', '\\' });
            string last = separator < 0 ? trimmed : trimmed.Substring(separator + 1);
            if (last.Trim().Length > 0 && LabelProblem(last) is null)
            {
                return last;
            }

            return path.Trim().Length > 0 && LabelProblem(path) is null ? path : token;
        }
    }
}
