using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// A host of a <see cref="MemoryNetwork"/> (made by <see cref="MemoryNetwork.CreateHost"/>): the
    /// socket factory of one address. Its sockets listen on its ports and connect to any host of
    /// the same network. It also carries the host's shaping (<see cref="Outbound"/>), faults
    /// (<see cref="Stall"/>, <see cref="UdpDropFilter"/>) and counts for tests.
    /// </summary>
    public sealed class MemorySocketFactory : ISocketFactory
    {
        private MemoryLink? _outbound;
        private MemoryUdpDropFilter? _udpDropFilter;
        private volatile bool _stalled;
        private int _openSockets;
        private int _listeners;
        private int _udpSockets;

        internal MemorySocketFactory(MemoryNetwork network, string address)
        {
            Network = network;
            Address = address;
        }

        /// <summary>The network the host is on.</summary>
        public MemoryNetwork Network { get; }

        /// <summary>The host's address, in canonical form (as <see cref="System.Net.IPAddress"/> prints it for an IP address).</summary>
        public string Address { get; }

        /// <summary>
        /// Shaping of everything the host sends (a copy of the options; null for none). A link set
        /// with <see cref="MemoryNetwork.SetLink"/> for a destination takes precedence. The
        /// bandwidth cap is shared by all the host's connections, like an uplink. Changes apply to
        /// data sent afterwards, also on open connections.
        /// </summary>
        public MemoryLinkOptions? Outbound
        {
            get => Volatile.Read(ref _outbound)?.Options;
            set
            {
                Volatile.Write(ref _outbound, value == null ? null : new MemoryLink(value));
                Network.OnLinksChanged();
            }
        }

        /// <summary>Fault injection: loses datagrams this host sends that the filter picks; null for none.</summary>
        public MemoryUdpDropFilter? UdpDropFilter
        {
            get => Volatile.Read(ref _udpDropFilter);
            set => Volatile.Write(ref _udpDropFilter, value);
        }

        /// <summary>Whether the host is stalled (see <see cref="Stall"/>).</summary>
        public bool IsStalled => _stalled;

        /// <summary>TCP sockets of this host not yet disposed (connected, connecting, unconnected or waiting in a backlog).</summary>
        public int OpenSocketCount => Volatile.Read(ref _openSockets);

        /// <summary>Listening TCP servers of this host not yet disposed.</summary>
        public int ListenerCount => Volatile.Read(ref _listeners);

        /// <summary>UDP sockets of this host not yet disposed.</summary>
        public int UdpSocketCount => Volatile.Read(ref _udpSockets);

        /// <summary>TCP bytes this host has sent that were received by the other end.</summary>
        public long BytesSent => Network.BytesSentBy(this);

        /// <summary>TCP bytes this host's sockets have received.</summary>
        public long BytesReceived => Network.BytesReceivedBy(this);

        internal MemoryPortTable TcpPorts { get; } = new MemoryPortTable("TCP");

        internal MemoryPortTable UdpPorts { get; } = new MemoryPortTable("UDP");

        internal MemoryLink? OutboundLink => Volatile.Read(ref _outbound);

        // Totals of closed connections, kept under the network's lock.
        internal long ClosedBytesSent { get; set; }

        internal long ClosedBytesReceived { get; set; }

        /// <summary>Creates an unconnected TCP socket of this host.</summary>
        /// <returns>The socket.</returns>
        public MemoryTcpSocket CreateTcpSocket() => new MemoryTcpSocket(this);

        ITcpSocket ISocketFactory.CreateTcpSocket() => CreateTcpSocket();

        /// <summary>Listens on a port of this host; the server hands out <see cref="MemoryTcpSocket"/>s.</summary>
        /// <param name="port">The port; 0 for a free ephemeral one.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The server.</returns>
        /// <exception cref="NetworkException">With <see cref="NetworkErrorKind.AddressInUse"/> when a listener or an outgoing connection holds the port.</exception>
        public ValueTask<ITcpServer> CreateTcpServerAsync(int port, CancellationToken cancellationToken = default)
        {
            SocketArguments.CheckLocalPort(port, "TCP");

            if (cancellationToken.IsCancellationRequested)
            {
                return new ValueTask<ITcpServer>(Task.FromCanceled<ITcpServer>(cancellationToken));
            }

            var server = new MemoryTcpServer(this);
            try
            {
                server.Port = TcpPorts.Reserve(port, server);
            }
            catch (NetworkException ex)
            {
                return new ValueTask<ITcpServer>(Task.FromException<ITcpServer>(ex));
            }

            Interlocked.Increment(ref _listeners);
            return new ValueTask<ITcpServer>(server);
        }

        /// <inheritdoc />
        public IUdpSocket CreateUdpSocket() => new MemoryUdpSocket(this);

        /// <summary>
        /// Fault injection: data this host sends on TCP (and the close after it) stops being
        /// delivered until <see cref="Resume"/>; its senders fill the buffers and then wait.
        /// Connects and UDP are not affected.
        /// </summary>
        public void Stall() => _stalled = true;

        /// <summary>Ends a <see cref="Stall"/>: held data is delivered.</summary>
        public void Resume()
        {
            _stalled = false;
            Network.WakeConnectionsOf(this);
        }

        /// <inheritdoc />
        public override string ToString() => "MemoryHost " + Address;

        internal MemoryTcpServer? FindListener(int port) => TcpPorts.Find(port) as MemoryTcpServer;

        internal void OnSocketOpened() => Interlocked.Increment(ref _openSockets);

        internal void OnSocketClosed() => Interlocked.Decrement(ref _openSockets);

        internal void OnListenerClosed() => Interlocked.Decrement(ref _listeners);

        internal void OnUdpSocketOpened() => Interlocked.Increment(ref _udpSockets);

        internal void OnUdpSocketClosed() => Interlocked.Decrement(ref _udpSockets);
    }
}
