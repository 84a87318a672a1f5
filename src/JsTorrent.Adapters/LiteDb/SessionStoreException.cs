using System;
using System.IO;

namespace JsTorrent.Adapters.LiteDb
{
    /// <summary>
    /// A session file cannot be opened or used: it is not a session store (not a LiteDB database),
    /// its folder or lock cannot be created, or LiteDB reported an error. <see cref="Path"/> names the file.
    /// </summary>
    public class SessionStoreException : IOException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="path">The full path of the session file.</param>
        /// <param name="message">A message for people; it names the file.</param>
        /// <param name="innerException">The underlying exception, if any.</param>
        public SessionStoreException(string path, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Path = path;
        }

        /// <summary>The full path of the session file.</summary>
        public string Path { get; }
    }
}
