using System;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    /// <summary>A connection made by <see cref="MemoryNetworkTesting.ConnectAsync"/>, with its listener.</summary>
    internal sealed class MemoryPair : IAsyncDisposable
    {
        public MemoryPair(ITcpServer listener, MemoryTcpSocket client, MemoryTcpSocket server)
        {
            Listener = listener;
            Client = client;
            Server = server;
        }

        public ITcpServer Listener { get; }

        public MemoryTcpSocket Client { get; }

        public MemoryTcpSocket Server { get; }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
            await Listener.DisposeAsync();
        }
    }
}
