using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Engine.Interfaces
{
    /// <summary>
    /// Makes the engine's sockets (the design's <c>ISocketFactory</c>). The engine never opens a
    /// socket any other way, so a test network, the native stack or a remote io-daemon can
    /// stand behind it unchanged.
    /// </summary>
    public interface ISocketFactory
    {
        /// <summary>Creates an unconnected TCP socket (the design's <c>createTcpSocket</c>).</summary>
        /// <returns>A socket to connect with <see cref="ITcpSocket.ConnectAsync"/>.</returns>
        ITcpSocket CreateTcpSocket();

        /// <summary>Starts listening for TCP connections (the design's <c>createTcpServer</c>).</summary>
        /// <param name="port">Port to listen on; 0 lets the factory choose one.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The listening server; <see cref="ITcpServer.Port"/> is the port actually bound.</returns>
        /// <exception cref="NetworkException">With <see cref="NetworkErrorKind.AddressInUse"/> when the port is taken.</exception>
        ValueTask<ITcpServer> CreateTcpServerAsync(int port, CancellationToken cancellationToken = default);

        /// <summary>Creates an unbound UDP socket (the design's <c>createUdpSocket</c>).</summary>
        /// <returns>A socket to bind with <see cref="IUdpSocket.BindAsync"/>.</returns>
        IUdpSocket CreateUdpSocket();
    }
}
