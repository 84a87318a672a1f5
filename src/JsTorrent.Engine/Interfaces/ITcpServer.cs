using System;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// A listening TCP endpoint (the design's <c>ITcpServer</c>). The design's <c>onConnection</c>
    /// callback is an <see cref="AcceptAsync"/> loop; disposing (the design's <c>close()</c>) stops
    /// listening and ends a pending accept with <see cref="OperationCanceledException"/> or
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public interface ITcpServer : IAsyncDisposable, IDisposable
    {
        /// <summary>The port being listened on.</summary>
        int Port { get; }

        /// <summary>Waits for the next incoming connection.</summary>
        /// <param name="cancellationToken">Cancels the wait.</param>
        /// <returns>The accepted, connected socket.</returns>
        ValueTask<ITcpSocket> AcceptAsync(CancellationToken cancellationToken = default);
    }
}
