using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>
    /// A working HTTP tracker on a memory-network host, so whole-engine tests exercise the real
    /// HTTP tracker client: it keeps each torrent's peers (by the connection's address and the
    /// announced port), hands every announcer the others as compact peers, and records events.
    /// </summary>
    internal sealed class MemoryHttpTracker : IAsyncDisposable
    {
        private readonly ITcpServer _server;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _gate = new object();
        private readonly Dictionary<string, HashSet<(string Address, int Port)>> _swarms = new Dictionary<string, HashSet<(string, int)>>();
        private readonly List<(string Address, string Event)> _events = new List<(string, string)>();
        private readonly Task _acceptLoop;

        private MemoryHttpTracker(ITcpServer server, string url)
        {
            _server = server;
            Url = url;
            _acceptLoop = AcceptLoopAsync();
        }

        public string Url { get; }

        public static async Task<MemoryHttpTracker> StartAsync(MemoryNetwork network, string address)
        {
            var server = await network.CreateHost(address).CreateTcpServerAsync(80);
            return new MemoryHttpTracker(server, "http://" + address + "/announce");
        }

        /// <summary>Events announced so far, as (address, event) with "" for a regular announce.</summary>
        public IReadOnlyList<(string Address, string Event)> Events
        {
            get
            {
                lock (_gate)
                {
                    return _events.ToArray();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _server.Dispose();
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            var handlers = new List<Task>();
            try
            {
                while (true)
                {
                    var socket = await _server.AcceptAsync(_stop.Token);
                    handlers.Add(ServeAsync(socket));
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Disposed: the accept ends with a cancellation or a closed-listener error.
            }

            await Task.WhenAll(handlers);
        }

        private async Task ServeAsync(ITcpSocket socket)
        {
            await using (socket)
            {
                var head = new MemoryStream();
                var buffer = new byte[4096];
                while (!EndsWithBlankLine(head))
                {
                    int read;
                    try
                    {
                        read = await socket.ReceiveAsync(buffer, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    if (read == 0)
                    {
                        return;
                    }

                    head.Write(buffer, 0, read);
                }

                string requestLine = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n")[0];
                string target = requestLine.Split(' ')[1];
                byte[] body = target.StartsWith("/scrape", StringComparison.Ordinal)
                    ? Encoding.ASCII.GetBytes("d5:filesdee")
                    : Announce(socket.RemoteAddress!, ParseQuery(target.Substring(target.IndexOf('?') + 1)));
                byte[] response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n");
                await socket.SendAsync(response);
                await socket.SendAsync(body);
            }
        }

        private byte[] Announce(string address, Dictionary<string, byte[]> query)
        {
            string infoHash = Convert.ToHexString(query["info_hash"]);
            int port = int.Parse(Encoding.ASCII.GetString(query["port"]), CultureInfo.InvariantCulture);
            string announced = query.TryGetValue("event", out byte[]? e) ? Encoding.ASCII.GetString(e) : string.Empty;
            var peers = new MemoryStream();
            int count;
            lock (_gate)
            {
                _events.Add((address, announced));
                if (!_swarms.TryGetValue(infoHash, out var swarm))
                {
                    swarm = new HashSet<(string, int)>();
                    _swarms.Add(infoHash, swarm);
                }

                if (announced == "stopped")
                {
                    swarm.Remove((address, port));
                }
                else
                {
                    foreach (var (otherAddress, otherPort) in swarm)
                    {
                        if (otherAddress != address || otherPort != port)
                        {
                            peers.Write(IPAddress.Parse(otherAddress).GetAddressBytes());
                            peers.WriteByte((byte)(otherPort >> 8));
                            peers.WriteByte((byte)otherPort);
                        }
                    }

                    swarm.Add((address, port));
                }

                count = swarm.Count;
            }

            var body = new MemoryStream();
            body.Write(Encoding.ASCII.GetBytes("d8:completei0e10:incompletei" + count + "e8:intervali1800e5:peers" + peers.Length + ":"));
            peers.WriteTo(body);
            body.WriteByte((byte)'e');
            return body.ToArray();
        }

        private static Dictionary<string, byte[]> ParseQuery(string query)
        {
            var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string pair in query.Split('&'))
            {
                int equals = pair.IndexOf('=');
                result[pair.Substring(0, equals)] = WebUtility.UrlDecodeToBytes(Encoding.ASCII.GetBytes(pair.Substring(equals + 1)), 0, pair.Length - equals - 1)!;
            }

            return result;
        }

        private static bool EndsWithBlankLine(MemoryStream head)
        {
            var bytes = head.GetBuffer();
            int n = (int)head.Length;
            return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
        }
    }
}
