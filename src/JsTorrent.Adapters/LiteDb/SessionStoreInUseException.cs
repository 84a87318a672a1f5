using System;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// The session file is owned by another store: another engine in this process or another process
    /// holds its lock. The owner's details come from the owner file written next to the session file,
    /// and are null when that file could not be read (e.g. the owner was still writing it).
    /// </summary>
    public sealed class SessionStoreInUseException : SessionStoreException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="path">The full path of the session file.</param>
        /// <param name="ownerProcessId">The owner's process id, if known.</param>
        /// <param name="ownerProcessName">The owner's process name, if known.</param>
        /// <param name="ownerSinceUtc">When the owner opened the file (UTC), if known.</param>
        /// <param name="message">A message for people.</param>
        /// <param name="innerException">The underlying exception, if any.</param>
        public SessionStoreInUseException(string path, int? ownerProcessId, string? ownerProcessName, DateTime? ownerSinceUtc, string message, Exception? innerException = null)
            : base(path, message, innerException)
        {
            OwnerProcessId = ownerProcessId;
            OwnerProcessName = ownerProcessName;
            OwnerSinceUtc = ownerSinceUtc;
        }

        /// <summary>The owner's process id, or null when unknown.</summary>
        public int? OwnerProcessId { get; }

        /// <summary>The owner's process name, or null when unknown.</summary>
        public string? OwnerProcessName { get; }

        /// <summary>When the owner opened the session file (UTC), or null when unknown.</summary>
        public DateTime? OwnerSinceUtc { get; }
    }
}
