using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>
    /// An in-process network for tests and benchmarks. Each host (<see cref="CreateHost"/>) is a
    /// <see cref="ISocketFactory"/> with its own address and ports; TCP and UDP between hosts behave
    /// like a real network: refused and unreachable connects, ephemeral ports, back-pressure,
    /// orderly close and resets. Links can be shaped (<see cref="SetLink"/>,
    /// <see cref="MemorySocketFactory.Outbound"/>) and faults injected (<see cref="SetConnectFault"/>,
    /// <see cref="ResetConnections(string)"/>, <see cref="MemorySocketFactory.Stall"/>,
    /// <see cref="MemoryTcpSocket.Reset"/>, <see cref="UdpDropFilter"/>). Networks are independent
    /// of each other; all members are thread-safe.
    /// </summary>
    public sealed class MemoryNetwork
    {
        /// <summary>The default of <see cref="TcpBufferSize"/>: 256 KiB.</summary>
        public const int DefaultTcpBufferSize = 256 * 1024;

        /// <summary>The default of <see cref="UdpQueueLimit"/>.</summary>
        public const int DefaultUdpQueueLimit = 1024;

        private readonly object _gate = new object();
        private readonly Dictionary<string, MemorySocketFactory> _hosts = new Dictionary<string, MemorySocketFactory>(StringComparer.Ordinal);
        private readonly Dictionary<(string From, string To), MemoryLink> _links = new Dictionary<(string From, string To), MemoryLink>();
        private readonly Dictionary<(string Address, int Port), MemoryConnectFault> _connectFaults = new Dictionary<(string Address, int Port), MemoryConnectFault>();
        private readonly HashSet<MemoryConnection> _connections = new HashSet<MemoryConnection>();
        private int _linkVersion;
        private int _tcpBufferSize = DefaultTcpBufferSize;
        private int _udpQueueLimit = DefaultUdpQueueLimit;
        private long _closedBytesDelivered;
        private MemoryUdpDropFilter? _udpDropFilter;

        /// <summary>
        /// Bytes buffered per direction of a TCP connection (for connections made afterwards). A
        /// sender waits while the receiver's buffer is full; with latency L a connection carries
        /// at most this much per L, like a TCP window.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Less than 1 or more than 1 GiB.</exception>
        public int TcpBufferSize
        {
            get => Volatile.Read(ref _tcpBufferSize);
            set
            {
                if (value < 1 || value > 1 << 30)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The buffer size must be 1 byte to 1 GiB.");
                }

                Volatile.Write(ref _tcpBufferSize, value);
            }
        }

        /// <summary>Datagrams a UDP socket holds before further ones are lost.</summary>
        /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
        public int UdpQueueLimit
        {
            get => Volatile.Read(ref _udpQueueLimit);
            set
            {
                if (value < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The limit must be at least 1.");
                }

                Volatile.Write(ref _udpQueueLimit, value);
            }
        }

        /// <summary>Fault injection: loses the datagrams (from any host) that the filter picks; null for none.</summary>
        public MemoryUdpDropFilter? UdpDropFilter
        {
            get => Volatile.Read(ref _udpDropFilter);
            set => Volatile.Write(ref _udpDropFilter, value);
        }

        /// <summary>The hosts, in no particular order.</summary>
        public IReadOnlyList<MemorySocketFactory> Hosts
        {
            get
            {
                lock (_gate)
                {
                    return _hosts.Values.ToArray();
                }
            }
        }

        /// <summary>TCP sockets not yet disposed, on all hosts (see <see cref="MemorySocketFactory.OpenSocketCount"/>).</summary>
        public int OpenSocketCount => Hosts.Sum(h => h.OpenSocketCount);

        /// <summary>TCP listeners not yet disposed, on all hosts.</summary>
        public int ListenerCount => Hosts.Sum(h => h.ListenerCount);

        /// <summary>UDP sockets not yet disposed, on all hosts.</summary>
        public int UdpSocketCount => Hosts.Sum(h => h.UdpSocketCount);

        /// <summary>TCP connections with at least one end not yet disposed.</summary>
        public int ConnectionCount
        {
            get
            {
                lock (_gate)
                {
                    return _connections.Count;
                }
            }
        }

        /// <summary>TCP bytes received by all sockets since the network was made.</summary>
        public long TotalBytesDelivered
        {
            get
            {
                lock (_gate)
                {
                    long total = _closedBytesDelivered;
                    foreach (MemoryConnection connection in _connections)
                    {
                        total += connection.ClientToServer.Delivered + connection.ServerToClient.Delivered;
                    }

                    return total;
                }
            }
        }

        internal int LinkVersion => Volatile.Read(ref _linkVersion);

        /// <summary>Adds a host.</summary>
        /// <param name="address">Its address, e.g. "10.0.0.1" (IPv4 or IPv6, or a plain name); loopback and unspecified addresses are reserved.</param>
        /// <returns>The host's socket factory.</returns>
        /// <exception cref="ArgumentException">The address is empty, reserved, or already taken.</exception>
        public MemorySocketFactory CreateHost(string address)
        {
            string canonical = CanonicalAddress(address, nameof(address));
            if (MemoryAddress.IsLoopback(canonical, out _) || MemoryAddress.IsUnspecified(canonical))
            {
                throw new ArgumentException("'" + address + "' is a loopback or unspecified address; hosts need their own.", nameof(address));
            }

            lock (_gate)
            {
                if (_hosts.ContainsKey(canonical))
                {
                    throw new ArgumentException("The network already has a host at '" + canonical + "'.", nameof(address));
                }

                var host = new MemorySocketFactory(this, canonical);
                _hosts.Add(canonical, host);
                return host;
            }
        }

        /// <summary>The first 10.0.x.y address no host of this network has yet.</summary>
        /// <returns>The address, as text.</returns>
        /// <exception cref="InvalidOperationException">Every 10.0.x.y address is taken.</exception>
        public string FreeAddress()
        {
            for (int i = 1; i < 65534; i++)
            {
                string address = "10.0." + (i / 254) + "." + ((i % 254) + 1);
                if (!TryGetHost(address, out _))
                {
                    return address;
                }
            }

            throw new InvalidOperationException("The memory network has no free 10.0.x.y address left.");
        }

        /// <summary>Finds a host by address.</summary>
        /// <param name="address">The address, in any spelling of it.</param>
        /// <param name="host">The host, when found.</param>
        /// <returns>Whether a host has that address.</returns>
        public bool TryGetHost(string address, out MemorySocketFactory host)
        {
            string canonical = CanonicalAddress(address, nameof(address));
            lock (_gate)
            {
                return _hosts.TryGetValue(canonical, out host!);
            }
        }

        /// <summary>
        /// Shapes the data one address sends to another (one direction; set both for a symmetric
        /// link). It takes precedence over the sender's <see cref="MemorySocketFactory.Outbound"/>
        /// and applies to data sent afterwards, also on open connections. The bandwidth cap is
        /// shared by all connections of the pair.
        /// </summary>
        /// <param name="fromAddress">The sending host's address.</param>
        /// <param name="toAddress">The receiving host's address.</param>
        /// <param name="options">The shaping (copied), or null to remove it.</param>
        public void SetLink(string fromAddress, string toAddress, MemoryLinkOptions? options)
        {
            var key = (CanonicalAddress(fromAddress, nameof(fromAddress)), CanonicalAddress(toAddress, nameof(toAddress)));
            lock (_gate)
            {
                if (options == null)
                {
                    _links.Remove(key);
                }
                else
                {
                    _links[key] = new MemoryLink(options);
                }
            }

            OnLinksChanged();
        }

        /// <summary>The shaping set by <see cref="SetLink"/> for a pair (a copy), or null.</summary>
        /// <param name="fromAddress">The sending host's address.</param>
        /// <param name="toAddress">The receiving host's address.</param>
        /// <returns>The options, or null.</returns>
        public MemoryLinkOptions? GetLink(string fromAddress, string toAddress)
        {
            var key = (CanonicalAddress(fromAddress, nameof(fromAddress)), CanonicalAddress(toAddress, nameof(toAddress)));
            lock (_gate)
            {
                return _links.TryGetValue(key, out MemoryLink? link) ? link.Options : null;
            }
        }

        /// <summary>Fault injection: makes TCP connects to an address and port drop or time out (see <see cref="MemoryConnectFault"/>).</summary>
        /// <param name="address">The target address.</param>
        /// <param name="port">The target port; 0 for every port of the address (a specific port's setting wins).</param>
        /// <param name="fault">The fault; <see cref="MemoryConnectFault.None"/> removes it.</param>
        public void SetConnectFault(string address, int port, MemoryConnectFault fault)
        {
            SocketArguments.CheckLocalPort(port, "TCP");

            var key = (CanonicalAddress(address, nameof(address)), port);
            lock (_gate)
            {
                if (fault == MemoryConnectFault.None)
                {
                    _connectFaults.Remove(key);
                }
                else
                {
                    _connectFaults[key] = fault;
                }
            }
        }

        /// <summary>Fault injection: resets every open connection with an end on a host (see <see cref="MemoryTcpSocket.Reset"/>).</summary>
        /// <param name="address">The host's address.</param>
        /// <returns>How many connections were reset.</returns>
        public int ResetConnections(string address)
        {
            string canonical = CanonicalAddress(address, nameof(address));
            return ResetWhere(c => c.Involves(canonical));
        }

        /// <summary>Fault injection: resets every open connection between two hosts.</summary>
        /// <param name="address">One host's address.</param>
        /// <param name="otherAddress">The other host's address.</param>
        /// <returns>How many connections were reset.</returns>
        public int ResetConnections(string address, string otherAddress)
        {
            string one = CanonicalAddress(address, nameof(address));
            string other = CanonicalAddress(otherAddress, nameof(otherAddress));
            return ResetWhere(c => c.Involves(one) && c.Involves(other));
        }

        internal void OnLinksChanged() => Interlocked.Increment(ref _linkVersion);

        /// <summary>The shaping of data from a host to an address: the pair's link, else the host's outbound one.</summary>
        internal MemoryLink? ResolveLink(MemorySocketFactory sender, string destination)
        {
            lock (_gate)
            {
                if (_links.Count > 0 && _links.TryGetValue((sender.Address, destination), out MemoryLink? link))
                {
                    return link;
                }
            }

            return sender.OutboundLink;
        }

        /// <summary>Where a host name leads from a host.</summary>
        /// <exception cref="NetworkException">Unreachable for an unknown IP address, HostNotFound for an unknown name.</exception>
        internal MemoryRoute Route(MemorySocketFactory from, string host)
        {
            string canonical = MemoryAddress.Normalize(host);
            if (MemoryAddress.IsLoopback(canonical, out string seenAs))
            {
                return new MemoryRoute(from, seenAs, seenAs);
            }

            lock (_gate)
            {
                if (_hosts.TryGetValue(canonical, out MemorySocketFactory? target))
                {
                    return new MemoryRoute(target, target.Address, from.Address);
                }
            }

            throw canonical.Length > 0 && MemoryAddress.IsIpLiteral(canonical)
                ? new NetworkException(NetworkErrorKind.Unreachable, "No host of the memory network has the address " + canonical + ".")
                : new NetworkException(NetworkErrorKind.HostNotFound, "No host of the memory network is named '" + host + "'.");
        }

        internal MemoryConnectFault GetConnectFault(string address, int port)
        {
            lock (_gate)
            {
                if (_connectFaults.Count == 0)
                {
                    return MemoryConnectFault.None;
                }

                return _connectFaults.TryGetValue((address, port), out MemoryConnectFault fault) || _connectFaults.TryGetValue((address, 0), out fault)
                    ? fault
                    : MemoryConnectFault.None;
            }
        }

        /// <summary>The latency there and back between two hosts (a connect's handshake).</summary>
        internal TimeSpan RoundTrip(MemorySocketFactory one, MemorySocketFactory other)
            => (ResolveLink(one, other.Address)?.Latency ?? TimeSpan.Zero) + (ResolveLink(other, one.Address)?.Latency ?? TimeSpan.Zero);

        /// <summary>Opens a connection from a client socket to a listener and queues the accepting end.</summary>
        /// <exception cref="NetworkException">ConnectionRefused when nothing listens; AddressInUse when the client host is out of ephemeral ports.</exception>
        internal MemoryConnection Establish(MemoryTcpSocket client, MemoryRoute route, int port, out int localPort)
        {
            MemoryTcpServer listener = route.Target.FindListener(port) ?? throw Refused(route, port);
            MemorySocketFactory from = client.Host;
            localPort = from.TcpPorts.Reserve(0, client);
            var connection = new MemoryConnection(this, from, route.Target, TcpBufferSize);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            var accepted = new MemoryTcpSocket(route.Target, connection, port, route.SourceSeenAs, localPort);
            if (!listener.TryEnqueue(accepted))
            {
                // The listener closed in the meantime.
                accepted.Dispose();
                connection.CloseEnd(client: true);
                from.TcpPorts.Release(localPort, client);
                throw Refused(route, port);
            }

            return connection;
        }

        /// <summary>A connection's ends are both closed: fold its totals in and drop it.</summary>
        internal void Forget(MemoryConnection connection)
        {
            lock (_gate)
            {
                if (!_connections.Remove(connection))
                {
                    return;
                }

                long up = connection.ClientToServer.Delivered;
                long down = connection.ServerToClient.Delivered;
                _closedBytesDelivered += up + down;
                connection.Client.ClosedBytesSent += up;
                connection.Client.ClosedBytesReceived += down;
                connection.Server.ClosedBytesSent += down;
                connection.Server.ClosedBytesReceived += up;
            }
        }

        internal long BytesSentBy(MemorySocketFactory host) => SumFor(host, sent: true);

        internal long BytesReceivedBy(MemorySocketFactory host) => SumFor(host, sent: false);

        /// <summary>A host's stall was released: wake the readers of its connections.</summary>
        internal void WakeConnectionsOf(MemorySocketFactory host)
        {
            foreach (MemoryConnection connection in ConnectionsWhere(c => c.Client == host || c.Server == host))
            {
                connection.Wake();
            }
        }

        /// <summary>Sends a datagram: filters, copies and queues it (after the link's latency) at the destination port's socket.</summary>
        /// <exception cref="NetworkException">HostNotFound for an unknown name; an unknown IP address just loses the datagram.</exception>
        internal void SendDatagram(MemorySocketFactory from, int fromPort, ReadOnlyMemory<byte> data, string host, int port)
        {
            MemoryRoute route;
            try
            {
                route = Route(from, host);
            }
            catch (NetworkException ex) when (ex.Kind == NetworkErrorKind.Unreachable)
            {
                // UDP has no handshake: a datagram to nowhere is simply lost.
                return;
            }

            var packet = new MemoryUdpPacket(route.SourceSeenAs, fromPort, route.TargetSeenAs, port, data);
            if (UdpDropFilter?.ShouldDrop(packet) == true || from.UdpDropFilter?.ShouldDrop(packet) == true)
            {
                return;
            }

            byte[] copy = ArrayPool<byte>.Shared.Rent(data.Length);
            data.Span.CopyTo(copy);
            var entry = new MemoryUdpEntry(copy, data.Length, route.SourceSeenAs, fromPort);
            TimeSpan latency = ResolveLink(from, route.Target.Address)?.Latency ?? TimeSpan.Zero;
            if (latency > TimeSpan.Zero)
            {
                _ = DeliverLaterAsync(route.Target, port, entry, latency);
            }
            else
            {
                Deliver(route.Target, port, entry);
            }
        }

        private static async Task DeliverLaterAsync(MemorySocketFactory target, int port, MemoryUdpEntry entry, TimeSpan latency)
        {
            await Task.Delay(latency).ConfigureAwait(false);
            Deliver(target, port, entry);
        }

        private static void Deliver(MemorySocketFactory target, int port, MemoryUdpEntry entry)
        {
            if (!(target.UdpPorts.Find(port) is MemoryUdpSocket socket && socket.TryDeliver(entry)))
            {
                ArrayPool<byte>.Shared.Return(entry.Buffer);
            }
        }

        private static NetworkException Refused(MemoryRoute route, int port)
            => new NetworkException(NetworkErrorKind.ConnectionRefused, "Nothing listens at " + route.TargetSeenAs + ":" + port + ".");

        private static string CanonicalAddress(string address, string parameterName)
        {
            if (address == null)
            {
                throw new ArgumentNullException(parameterName);
            }

            string canonical = MemoryAddress.Normalize(address);
            if (canonical.Length == 0 || canonical.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException("'" + address + "' is not an address.", parameterName);
            }

            return canonical;
        }

        private int ResetWhere(Func<MemoryConnection, bool> predicate)
        {
            MemoryConnection[] matches = ConnectionsWhere(predicate);
            foreach (MemoryConnection connection in matches)
            {
                connection.Reset();
            }

            return matches.Length;
        }

        private MemoryConnection[] ConnectionsWhere(Func<MemoryConnection, bool> predicate)
        {
            lock (_gate)
            {
                return _connections.Where(predicate).ToArray();
            }
        }

        private long SumFor(MemorySocketFactory host, bool sent)
        {
            lock (_gate)
            {
                long total = sent ? host.ClosedBytesSent : host.ClosedBytesReceived;
                foreach (MemoryConnection connection in _connections)
                {
                    if (connection.Client == host)
                    {
                        total += (sent ? connection.ClientToServer : connection.ServerToClient).Delivered;
                    }

                    if (connection.Server == host)
                    {
                        total += (sent ? connection.ServerToClient : connection.ClientToServer).Delivered;
                    }
                }

                return total;
            }
        }
    }
}
