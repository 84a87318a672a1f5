using System;
using System.Net.Sockets;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>Translates the platform's socket errors into <see cref="NetworkException"/>s.</summary>
    internal static class NativeSocketErrors
    {
        /// <summary>The platform-neutral kind of a socket error code.</summary>
        public static NetworkErrorKind KindOf(SocketError code)
        {
            switch (code)
            {
                case SocketError.ConnectionRefused:
                    return NetworkErrorKind.ConnectionRefused;
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown:
                    return NetworkErrorKind.ConnectionReset;
                case SocketError.TimedOut:
                    return NetworkErrorKind.TimedOut;
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain:
                    return NetworkErrorKind.HostNotFound;
                case SocketError.HostUnreachable:
                case SocketError.NetworkUnreachable:
                    return NetworkErrorKind.Unreachable;
                case SocketError.AddressAlreadyInUse:
                    return NetworkErrorKind.AddressInUse;
                case SocketError.OperationAborted:
                case SocketError.Interrupted:
                    // The platform's word for "your own close ended this call".
                    return NetworkErrorKind.Closed;
                default:
                    return NetworkErrorKind.Other;
            }
        }

        /// <summary>A <see cref="NetworkException"/> for a failed call, its message naming what was attempted and where.</summary>
        /// <param name="error">The platform's exception.</param>
        /// <param name="action">What failed, e.g. "Connecting to".</param>
        /// <param name="host">Host name or address.</param>
        /// <param name="port">Port.</param>
        public static NetworkException Translate(SocketException error, string action, string host, int port)
        {
            NetworkErrorKind kind = KindOf(error.SocketErrorCode);
            return new NetworkException(kind, action + " " + Endpoint(host, port) + " failed: " + Describe(kind) + " (" + error.SocketErrorCode + ": " + error.Message + ").", error);
        }

        /// <summary>host:port, with brackets around an IPv6 literal so the port stays readable.</summary>
        public static string Endpoint(string host, int port)
            => (host.IndexOf(':') >= 0 && !host.StartsWith("[", StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + port;

        private static string Describe(NetworkErrorKind kind)
        {
            switch (kind)
            {
                case NetworkErrorKind.ConnectionRefused:
                    return "connection refused";
                case NetworkErrorKind.ConnectionReset:
                    return "connection reset";
                case NetworkErrorKind.TimedOut:
                    return "timed out";
                case NetworkErrorKind.HostNotFound:
                    return "host not found";
                case NetworkErrorKind.Unreachable:
                    return "unreachable";
                case NetworkErrorKind.AddressInUse:
                    return "address already in use";
                case NetworkErrorKind.Closed:
                    return "socket closed";
                default:
                    return "network error";
            }
        }
    }
}
