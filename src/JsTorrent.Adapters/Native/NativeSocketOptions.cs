using System;
using System.Net;
using System.Net.Security;

namespace JsTorrent.Adapters.Native
{
    /// <summary>Settings of a <see cref="NativeSocketFactory"/>.</summary>
    public sealed class NativeSocketOptions
    {
        /// <summary>
        /// Local address listeners and UDP sockets bind to. Null listens on IPv6 any in dual mode,
        /// so IPv4 peers reach the same socket, or on IPv4 any where IPv6 is unavailable.
        /// Outgoing TCP connections are not bound; the system picks their source address.
        /// </summary>
        public IPAddress? BindAddress { get; set; }

        /// <summary>
        /// Longest time a TCP connect (name resolution included) may take, applied on top of the
        /// caller's cancellation token; running out fails with <see cref="JsTorrent.Engine.Interfaces.NetworkErrorKind.TimedOut"/>.
        /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none. Default 10 seconds.
        /// </summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Kernel receive buffer size of each socket in bytes; 0 keeps the system default.</summary>
        public int ReceiveBufferSize { get; set; }

        /// <summary>Kernel send buffer size of each socket in bytes; 0 keeps the system default.</summary>
        public int SendBufferSize { get; set; }

        /// <summary>Whether TCP sockets disable Nagle's algorithm (the engine batches its own writes). Default true.</summary>
        public bool NoDelay { get; set; } = true;

        /// <summary>
        /// Decides whether a TLS server's certificate is accepted (see <see cref="JsTorrent.Engine.Interfaces.ITcpSocket.StartTlsAsync"/>).
        /// Null, the default, keeps the system's validation: a chain to a trusted root and a name
        /// matching the server name. Tests set it to accept exactly their own self-signed certificate.
        /// </summary>
        public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

        /// <summary>A copy, so later changes to this instance do not reach a factory already made.</summary>
        internal NativeSocketOptions Clone() => (NativeSocketOptions)MemberwiseClone();
    }
}
