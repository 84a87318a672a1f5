using System;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// A UDP socket (the design's <c>IUdpSocket</c>); <c>onMessage</c> is a <see cref="ReceiveAsync"/>
    /// loop. Disposing (the design's <c>close()</c>) ends a pending receive.
    /// </summary>
    public interface IUdpSocket : IAsyncDisposable, IDisposable
    {
        /// <summary>The local port once bound; 0 before.</summary>
        int LocalPort { get; }

        /// <summary>Binds to a local port.</summary>
        /// <param name="port">Port; 0 lets the factory choose.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>A task that completes when bound.</returns>
        ValueTask BindAsync(int port, CancellationToken cancellationToken = default);

        /// <summary>Sends one datagram (binding to any port first if not yet bound).</summary>
        /// <param name="data">The datagram.</param>
        /// <param name="host">Destination host name or address.</param>
        /// <param name="port">Destination port.</param>
        /// <param name="cancellationToken">Cancels the send.</param>
        /// <returns>A task that completes when the datagram is handed to the network.</returns>
        ValueTask SendAsync(ReadOnlyMemory<byte> data, string host, int port, CancellationToken cancellationToken = default);

        /// <summary>Waits for one datagram; a datagram longer than the buffer is cut to fit.</summary>
        /// <param name="buffer">Where the datagram goes.</param>
        /// <param name="cancellationToken">Cancels the wait.</param>
        /// <returns>The length received and the sender.</returns>
        ValueTask<UdpDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
    }
}
