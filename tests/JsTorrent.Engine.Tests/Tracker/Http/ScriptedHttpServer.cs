using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    /// <summary>
    /// A scripted HTTP server on a memory-network host: each connection reads one request head,
    /// records it, and runs the next script (the last one again once they run out). Script errors
    /// are kept and rethrown by <see cref="DisposeAsync"/>, so none goes unnoticed.
    /// </summary>
    internal sealed class ScriptedHttpServer : IAsyncDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private readonly object _gate = new object();
        private readonly ITcpServer _listener;
        private readonly List<Func<ITcpSocket, Task>> _scripts = new List<Func<ITcpSocket, Task>>();
        private readonly List<string> _requests = new List<string>();
        private readonly List<Exception> _failures = new List<Exception>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private int _served;

        private ScriptedHttpServer(ITcpServer listener)
        {
            _listener = listener;
            _loop = Task.Run(AcceptLoopAsync);
        }

        /// <summary>Request heads received, as text (request line and headers, CR LF kept).</summary>
        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_gate)
                {
                    return _requests.ToArray();
                }
            }
        }

        /// <summary>Cancelled when the server is disposed: for scripts that wait.</summary>
        public CancellationToken Stopping => _stop.Token;

        /// <summary>The request line of the only (or first) request.</summary>
        public string RequestLine => Requests[0].Substring(0, Requests[0].IndexOf("\r\n", StringComparison.Ordinal));

        public static async Task<ScriptedHttpServer> StartAsync(MemorySocketFactory host, int port)
            => new ScriptedHttpServer(await host.CreateTcpServerAsync(port).AsTask().WaitAsync(Timeout));

        /// <summary>Answers the next connection with these bytes, then closes it.</summary>
        public ScriptedHttpServer Answer(byte[] response) => Script(socket => socket.SendAsync(response).AsTask());

        public ScriptedHttpServer Answer(string response) => Answer(Encoding.ASCII.GetBytes(response));

        /// <summary>Runs <paramref name="script"/> on the next connection once its request head is read; the connection closes after it.</summary>
        public ScriptedHttpServer Script(Func<ITcpSocket, Task> script)
        {
            lock (_gate)
            {
                _scripts.Add(script);
            }

            return this;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            await _listener.DisposeAsync();
            await _loop.WaitAsync(Timeout);
            _stop.Dispose();
            lock (_gate)
            {
                if (_failures.Count > 0)
                {
                    throw new AggregateException("The scripted HTTP server failed.", _failures);
                }
            }
        }

        private static async Task<string?> ReadHeadAsync(ITcpSocket socket, CancellationToken cancellationToken)
        {
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (head.Length < 64 * 1024)
            {
                // Byte by byte, so nothing after the head is taken from a script that reads on.
                if (await socket.ReceiveAsync(buffer, cancellationToken) == 0)
                {
                    return null;
                }

                head.Append((char)buffer[0]);
                if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
                {
                    return head.ToString();
                }
            }

            throw new InvalidOperationException("The request head is longer than 64 KiB.");
        }

        private async Task AcceptLoopAsync()
        {
            var connections = new List<Task>();
            try
            {
                while (true)
                {
                    ITcpSocket socket = await _listener.AcceptAsync(_stop.Token);
                    connections.Add(ServeAsync(socket));
                }
            }
            catch (Exception ex) when (_stop.IsCancellationRequested && (ex is OperationCanceledException || ex is ObjectDisposedException))
            {
                // Disposal ends the loop: the normal way out.
            }

            await Task.WhenAll(connections).WaitAsync(Timeout);
        }

        private async Task ServeAsync(ITcpSocket socket)
        {
            await using (socket)
            {
                try
                {
                    string? head = await ReadHeadAsync(socket, _stop.Token);
                    if (head == null)
                    {
                        return;
                    }

                    Func<ITcpSocket, Task> script;
                    lock (_gate)
                    {
                        _requests.Add(head);
                        if (_scripts.Count == 0)
                        {
                            throw new InvalidOperationException("No script for connection " + (_served + 1) + ".");
                        }

                        script = _scripts[Math.Min(_served, _scripts.Count - 1)];
                        _served++;
                    }

                    await script(socket);
                }
                catch (Exception ex) when (_stop.IsCancellationRequested && (ex is OperationCanceledException || ex is ObjectDisposedException))
                {
                    // Disposal cut a waiting script short: the normal end of a script that waits for the client.
                }
                catch (Exception ex)
                {
                    lock (_gate)
                    {
                        _failures.Add(ex);
                    }
                }
            }
        }
    }
}
