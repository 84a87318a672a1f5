using System;
using System.IO;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>A file-system call failed; <see cref="Kind"/> says why in platform-neutral terms.</summary>
    public class StorageException : IOException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="kind">Why the call failed.</param>
        /// <param name="path">The relative path concerned, if any.</param>
        /// <param name="message">A message for people.</param>
        /// <param name="innerException">The platform's own exception, if any.</param>
        public StorageException(StorageErrorKind kind, string? path, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            Path = path;
        }

        /// <summary>Why the call failed.</summary>
        public StorageErrorKind Kind { get; }

        /// <summary>The relative path concerned, if any.</summary>
        public string? Path { get; }
    }
}
