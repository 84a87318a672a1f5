using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <content>The listening socket, routing of incoming peers by info-hash, the tick, and shutdown.</content>
    public sealed partial class BtEngine
    {
        private readonly HashSet<PeerConnection> _routing = new HashSet<PeerConnection>();
        private ITcpServer? _server;
        private Task _acceptLoop = Task.CompletedTask;
        private Task _tickLoop = Task.CompletedTask;

        private async Task StartOnLoopAsync()
        {
            if (_started)
            {
                return;
            }

            _started = true;
            await LoadStorageRootsAsync().ConfigureAwait(true);
            int? port = _context.Options.ListenPort;
            if (port.HasValue)
            {
                _server = await _context.SocketFactory.CreateTcpServerAsync(port.Value, _shutdown.Token).ConfigureAwait(true);
                ListenPort = _server.Port;
                _acceptLoop = AcceptLoopAsync(_server);
                _log.Info("Listening on port " + ListenPort);
            }

            _tickLoop = TickLoopAsync();
        }

        /// <remarks>Ends only at shutdown; a failed accept is logged and the loop goes on.</remarks>
        private async Task AcceptLoopAsync(ITcpServer server)
        {
            var token = _shutdown.Token;
            while (!token.IsCancellationRequested)
            {
                ITcpSocket socket;
                try
                {
                    socket = await server.AcceptAsync(token).ConfigureAwait(true);
                }
                catch (Exception ex) when (token.IsCancellationRequested && (ex is OperationCanceledException || ex is ObjectDisposedException || ex is NetworkException))
                {
                    break;
                }
                catch (NetworkException ex)
                {
                    _log.Warning("Accepting a connection failed: " + ex.Message);
                    continue;
                }

                RouteIncoming(socket);
            }
        }

        private void RouteIncoming(ITcpSocket socket)
        {
            string address = socket.RemoteAddress ?? "?";
            if (_context.Bans.IsBanned(address) || !_context.Limits.TryAcquirePending())
            {
                socket.Dispose();
                return;
            }

            var peer = new PeerConnection(socket, address, socket.RemotePort, incoming: true, _context);
            _routing.Add(peer);
            _ = ReadHeaderAndRouteAsync(peer);
        }

        /// <remarks>Every failure closes the connection here, so the discarded task never faults.</remarks>
        private async Task ReadHeaderAndRouteAsync(PeerConnection peer)
        {
            InfoHash? infoHash = null;
            try
            {
                infoHash = await peer.ReadIncomingHeaderAsync(_context.Options.ConnectTimeout).ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is NetworkException || ex is PeerProtocolException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is System.IO.IOException)
            {
                peer.Close("incoming handshake failed", ex);
            }
            finally
            {
                _routing.Remove(peer);
                _context.Limits.ReleasePending();
            }

            if (infoHash is null || peer.IsClosed)
            {
                return;
            }

            if (_torrents.TryGetValue(infoHash.Value, out var torrent))
            {
                torrent.Swarm.Connector.AcceptIncoming(peer);
            }
            else
            {
                peer.Close("no torrent with info-hash " + infoHash.Value);
            }
        }

        /// <remarks>Runs on the loop until shutdown; one tick's failure is logged and the next tick runs.</remarks>
        private async Task TickLoopAsync()
        {
            var token = _shutdown.Token;
            var interval = _context.Options.TickInterval;
            while (true)
            {
                try
                {
                    await Task.Delay(interval, token).ConfigureAwait(true);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                long now = _context.Clock.NowMs;
                foreach (var torrent in _snapshot)
                {
                    try
                    {
                        torrent.Tick(now);
                    }
                    catch (Exception ex) when (!(ex is OutOfMemoryException))
                    {
                        torrent.Fail("Internal error: " + ex.Message, ex);
                    }
                }

                DownloadRate = _context.DownloadRate.GetBytesPerSecond(now);
                UploadRate = _context.UploadRate.GetBytesPerSecond(now);
                ProtocolDownloadRate = _context.ProtocolDownloadRate.GetBytesPerSecond(now);
                ProtocolUploadRate = _context.ProtocolUploadRate.GetBytesPerSecond(now);
            }
        }

        /// <remarks>
        /// A removal waits for its stopped announces (up to their deadline) and its disk: were the loop
        /// to end first, the removal's next step would never run, its task would never complete and its
        /// files would stay open. Its failures are its caller's to see; shutdown only waits.
        /// </remarks>
        private async Task WhenRemovalsEndedAsync()
        {
            foreach (var removal in _removals.ToArray())
            {
                try
                {
                    await removal.ConfigureAwait(true);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    _log.Debug("A removal under way at shutdown failed (its caller gets the error): " + ex.Message);
                }
            }
        }

        private async Task ShutdownOnLoopAsync()
        {
            _shutdown.Cancel();
            _server?.Dispose();
            foreach (var peer in new List<PeerConnection>(_routing))
            {
                peer.Close("engine shut down");
            }

            var trackersStopped = StopAllTrackers();
            foreach (var torrent in _snapshot)
            {
                try
                {
                    await torrent.DeactivateAsync("engine shut down").ConfigureAwait(true);
                    if (torrent.Storage != null)
                    {
                        await torrent.Storage.DisposeAsync().ConfigureAwait(true);
                    }
                }
                catch (Exception ex)
                {
                    // One torrent's failure (a disk that cannot flush, a bug) must not keep the others, or the engine, from stopping.
                    _log.Error("Stopping " + torrent.Name + " failed: " + ex.Message, ex);
                }
            }

            await WhenRemovalsEndedAsync().ConfigureAwait(true);
            _context.Connections.CloseAll("engine shut down");
            await trackersStopped.ConfigureAwait(true);
            await _context.UdpTrackers.DisposeAsync().ConfigureAwait(true);
            await _acceptLoop.ConfigureAwait(true);
            await _tickLoop.ConfigureAwait(true);
            await _context.Connections.WhenEmptyAsync().ConfigureAwait(true);
            _log.Info("Engine stopped");
        }
    }
}
