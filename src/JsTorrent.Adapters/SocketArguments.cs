using System;

namespace JsTorrent.Adapters
{
    /// <summary>The argument checks every socket adapter makes, in one place so they fail alike.</summary>
    internal static class SocketArguments
    {
        /// <summary>Checks a port to listen or bind on (0 lets the adapter choose).</summary>
        public static void CheckLocalPort(int port, string protocol)
        {
            if (port < 0 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A " + protocol + " port is 0 to 65535.");
            }
        }

        /// <summary>Checks a destination: a host and a port of 1 to 65535.</summary>
        public static void CheckRemote(string host, int port, string protocol)
        {
            if (host == null)
            {
                throw new ArgumentNullException(nameof(host));
            }

            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), port, "A " + protocol + " port is 1 to 65535.");
            }
        }
    }
}
