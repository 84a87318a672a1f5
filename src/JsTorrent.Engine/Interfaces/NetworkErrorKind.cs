namespace JsTorrent.Engine.Interfaces
{
    /// <summary>Why a socket call failed, independent of the platform that reported it.</summary>
    public enum NetworkErrorKind
    {
        /// <summary>Any other network failure.</summary>
        Other,

        /// <summary>Nothing listens at the remote address and port.</summary>
        ConnectionRefused,

        /// <summary>The remote end reset the connection.</summary>
        ConnectionReset,

        /// <summary>The attempt or transfer timed out.</summary>
        TimedOut,

        /// <summary>The host name could not be resolved.</summary>
        HostNotFound,

        /// <summary>The host or network cannot be reached.</summary>
        Unreachable,

        /// <summary>The local port is already in use.</summary>
        AddressInUse,

        /// <summary>The socket was closed locally.</summary>
        Closed,

        /// <summary>A TLS handshake or TLS record failed: untrusted or mismatched certificate, protocol error.</summary>
        TlsFailed,

        /// <summary>The socket cannot do what was asked (e.g. TLS on a network that has none).</summary>
        NotSupported,
    }
}
