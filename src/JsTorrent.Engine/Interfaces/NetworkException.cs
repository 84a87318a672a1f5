using System;
using System.IO;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>A socket call failed; <see cref="Kind"/> says why in platform-neutral terms.</summary>
    public class NetworkException : IOException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="kind">Why the call failed.</param>
        /// <param name="message">A message for people.</param>
        /// <param name="innerException">The platform's own exception, if any.</param>
        public NetworkException(NetworkErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>Why the call failed.</summary>
        public NetworkErrorKind Kind { get; }
    }
}
