using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Native
{
    /// <summary>
    /// The engine's sockets on the operating system's network stack (<see cref="System.Net.Sockets.Socket"/>).
    /// Listeners and UDP sockets bind to <see cref="NativeSocketOptions.BindAddress"/>, by default
    /// dual-mode IPv6 any so IPv4 and IPv6 peers share one port. Addresses handed to the engine
    /// show IPv4-mapped IPv6 addresses as plain IPv4. Platform errors come out as
    /// <see cref="NetworkException"/>; disposing a socket ends its pending calls with
    /// <see cref="ObjectDisposedException"/>. The factory holds no state of its own beyond its
    /// options, so any number of engines may share it or have their own.
    /// </summary>
    public sealed class NativeSocketFactory : ISocketFactory
    {
        private const int ListenBacklog = 128;

        private readonly NativeSocketOptions _options;

        /// <summary>A factory with the default options.</summary>
        public NativeSocketFactory()
            : this(null)
        {
        }

        /// <summary>A factory with the given options (copied: later changes to them do not apply).</summary>
        /// <param name="options">Options; null for the defaults.</param>
        /// <exception cref="ArgumentOutOfRangeException">A timeout is not positive, or a buffer size is negative.</exception>
        public NativeSocketFactory(NativeSocketOptions? options)
        {
            NativeSocketOptions copy = options?.Clone() ?? new NativeSocketOptions();
            if (copy.ConnectTimeout <= TimeSpan.Zero && copy.ConnectTimeout != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(options), copy.ConnectTimeout, "The connect timeout must be positive, or infinite.");
            }

            if (copy.ReceiveBufferSize < 0 || copy.SendBufferSize < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Buffer sizes are 0 (system default) or positive.");
            }

            _options = copy;
        }

        /// <summary>A copy of the options in use.</summary>
        public NativeSocketOptions Options => _options.Clone();

        /// <inheritdoc />
        public ITcpSocket CreateTcpSocket() => new NativeTcpSocket(_options);

        /// <summary>Listens for TCP connections.</summary>
        /// <param name="port">The port; 0 for an ephemeral one chosen by the system.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The server; its <see cref="ITcpServer.Port"/> is the port actually bound.</returns>
        /// <exception cref="NetworkException">With <see cref="NetworkErrorKind.AddressInUse"/> when the port is taken.</exception>
        public ValueTask<ITcpServer> CreateTcpServerAsync(int port, CancellationToken cancellationToken = default)
        {
            SocketArguments.CheckLocalPort(port, "TCP");

            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask<ITcpServer>(Task.FromCanceled<ITcpServer>(cancellationToken));
            }

            try
            {
                Socket listener = NativeSocketAddresses.Bind(_options, SocketType.Stream, ProtocolType.Tcp, port, "TCP");
                try
                {
                    listener.Listen(ListenBacklog);
                    return new ValueTask<ITcpServer>(new NativeTcpServer(listener, _options));
                }
                catch (SocketException ex)
                {
                    listener.Dispose();
                    throw NativeSocketErrors.Translate(ex, "Listening on", "port", port);
                }
            }
            catch (NetworkException ex)
            {
                return new ValueTask<ITcpServer>(Task.FromException<ITcpServer>(ex));
            }
        }

        /// <inheritdoc />
        public IUdpSocket CreateUdpSocket() => new NativeUdpSocket(_options);
    }
}
