using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>A socket factory whose UDP sockets the test drives by hand: it sees what is sent and decides what each receive returns or throws.</summary>
    internal sealed class ScriptedUdpFactory : ISocketFactory
    {
        private readonly Channel<ScriptedUdpSocket> _created = Channel.CreateUnbounded<ScriptedUdpSocket>();

        public ITcpSocket CreateTcpSocket() => throw new NotSupportedException();

        public ValueTask<ITcpServer> CreateTcpServerAsync(int port, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IUdpSocket CreateUdpSocket()
        {
            var socket = new ScriptedUdpSocket();
            _created.Writer.TryWrite(socket);
            return socket;
        }

        /// <summary>The next socket the code under test creates.</summary>
        public async Task<ScriptedUdpSocket> NextSocketAsync() => await _created.Reader.ReadAsync().AsTask().WaitAsync(UdpTrackerHarness.Timeout);
    }
}
