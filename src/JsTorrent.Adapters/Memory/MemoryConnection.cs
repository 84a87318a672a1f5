using System;
using System.Threading;

namespace JsTorrent.Adapters.Memory
{
    /// <summary>A live memory TCP connection: two pipes, the two hosts, and the connection-wide faults.</summary>
    internal sealed class MemoryConnection
    {
        private readonly MemoryNetwork _network;
        private int _openEnds = 2;
        private volatile bool _stalled;

        public MemoryConnection(MemoryNetwork network, MemorySocketFactory client, MemorySocketFactory server, int bufferSize)
        {
            _network = network;
            Client = client;
            Server = server;
            ClientToServer = new MemoryPipe(this, network, client, server.Address, bufferSize);
            ServerToClient = new MemoryPipe(this, network, server, client.Address, bufferSize);
        }

        public MemorySocketFactory Client { get; }

        public MemorySocketFactory Server { get; }

        public MemoryPipe ClientToServer { get; }

        public MemoryPipe ServerToClient { get; }

        /// <summary>Whether data from <paramref name="sender"/> is held back.</summary>
        public bool IsStalled(MemorySocketFactory sender) => _stalled || sender.IsStalled;

        /// <summary>Whether either end is on the host with this canonical address.</summary>
        public bool Involves(string address)
            => string.Equals(Client.Address, address, StringComparison.Ordinal) || string.Equals(Server.Address, address, StringComparison.Ordinal);

        public void Stall() => _stalled = true;

        public void Resume()
        {
            _stalled = false;
            Wake();
        }

        /// <summary>Makes waiting readers look again (a stall was released).</summary>
        public void Wake()
        {
            ClientToServer.Wake();
            ServerToClient.Wake();
        }

        public void Reset()
        {
            ClientToServer.Reset();
            ServerToClient.Reset();
        }

        /// <summary>One end's socket was disposed; the last one takes the connection off the network.</summary>
        /// <param name="client">Whether it was the connecting end.</param>
        public void CloseEnd(bool client)
        {
            MemoryPipe outbound = client ? ClientToServer : ServerToClient;
            MemoryPipe inbound = client ? ServerToClient : ClientToServer;
            outbound.CloseWriter();
            inbound.CloseReader();
            if (Interlocked.Decrement(ref _openEnds) == 0)
            {
                ClientToServer.CloseTimers();
                ServerToClient.CloseTimers();
                _network.Forget(this);
            }
        }
    }
}
