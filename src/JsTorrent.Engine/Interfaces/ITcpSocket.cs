using System;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// A TCP connection (the design's <c>ITcpSocket</c>). The design's push callbacks become a
    /// pull: <c>onData</c> is a <see cref="ReceiveAsync"/> loop, <c>onClose</c> is a receive that
    /// returns 0, <c>onError</c> is a <see cref="NetworkException"/> from either call. Pulling
    /// gives back-pressure for free: bytes are not taken from the network until the reader has
    /// room. One receive and one send may be in flight at once; disposing (the design's
    /// <c>close()</c>) completes both, and must not block.
    /// </summary>
    public interface ITcpSocket : IAsyncDisposable, IDisposable
    {
        /// <summary>Address of the remote end once connected or accepted (text form, no brackets for IPv6).</summary>
        string? RemoteAddress { get; }

        /// <summary>Port of the remote end once connected or accepted; 0 before.</summary>
        int RemotePort { get; }

        /// <summary>Connects to a host (name or literal address) and port.</summary>
        /// <param name="host">Host name or address.</param>
        /// <param name="port">TCP port.</param>
        /// <param name="cancellationToken">Cancels the attempt (the caller's connect timeout).</param>
        /// <returns>A task that completes when connected.</returns>
        /// <exception cref="NetworkException">The connection was refused, timed out or the host is unknown.</exception>
        ValueTask ConnectAsync(string host, int port, CancellationToken cancellationToken = default);

        /// <summary>Sends every byte of a buffer.</summary>
        /// <param name="data">The bytes; the caller may reuse the buffer once the task completes.</param>
        /// <param name="cancellationToken">Cancels the send; the connection is then unusable.</param>
        /// <returns>A task that completes when the bytes are handed to the network.</returns>
        ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

        /// <summary>Receives at least one byte, or 0 when the remote end closed the connection.</summary>
        /// <param name="buffer">Where the bytes go.</param>
        /// <param name="cancellationToken">Cancels the receive; the connection is then unusable.</param>
        /// <returns>Bytes received; 0 at end of stream.</returns>
        ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

        /// <summary>
        /// Starts TLS as a client on a connected socket (the io-daemon design's <c>SECURE</c> op, for
        /// HTTPS trackers), validating the server's certificate for <paramref name="serverName"/>.
        /// Once it completes, <see cref="SendAsync"/> and <see cref="ReceiveAsync"/> carry plaintext
        /// through TLS. No send or receive may be in flight while it runs.
        /// </summary>
        /// <param name="serverName">The name the certificate must match (the URL's host; an IP literal without brackets).</param>
        /// <param name="cancellationToken">Cancels the handshake; the connection is then unusable.</param>
        /// <returns>A task that completes when the handshake succeeded.</returns>
        /// <exception cref="NetworkException">
        /// The handshake failed (<see cref="NetworkErrorKind.TlsFailed"/>: untrusted or mismatched
        /// certificate, protocol error), the connection failed under it, or this socket has no TLS
        /// (<see cref="NetworkErrorKind.NotSupported"/>).
        /// </exception>
        ValueTask StartTlsAsync(string serverName, CancellationToken cancellationToken = default);
    }
}
