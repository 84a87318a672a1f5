using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tracker.Udp
{
    /// <summary>
    /// One pending request on the shared <see cref="UdpTrackerSocket"/>: a transaction id the
    /// receive loop routes replies by, and the tracker endpoint replies must come from.
    /// Retransmissions reuse the id, so a late answer to an earlier send still counts.
    /// Disposing unregisters it; a reply arriving afterwards is counted as unknown.
    /// </summary>
    internal sealed class UdpTrackerTransaction : IDisposable
    {
        private readonly UdpTrackerSocket _owner;
        private readonly IUdpSocket _socket;
        private readonly TaskCompletionSource<UdpTrackerReply> _reply =
            new TaskCompletionSource<UdpTrackerReply>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The canonical literal the tracker's replies must come from, or null when the URL names a
        // host: we cannot resolve names here, so then only the port is checked.
        private readonly string? _expectedAddress;

        public UdpTrackerTransaction(UdpTrackerSocket owner, IUdpSocket socket, uint id, string host, int port)
        {
            _owner = owner;
            _socket = socket;
            Id = id;
            Host = host;
            Port = port;
            _expectedAddress = UdpTrackerAddress.CanonicalLiteral(host);
        }

        public uint Id { get; }

        public string Host { get; }

        public int Port { get; }

        /// <summary>Completes with the first matching reply, or fails when the socket closes or breaks.</summary>
        public Task<UdpTrackerReply> Reply => _reply.Task;

        /// <summary>Sends (or resends) the request to the tracker.</summary>
        /// <exception cref="NetworkException">The datagram could not be sent (unknown host, unreachable network).</exception>
        /// <exception cref="ObjectDisposedException">The shared socket was closed.</exception>
        public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
            => _socket.SendAsync(packet, Host, Port, cancellationToken);

        /// <summary>Waits for the reply up to <paramref name="timeout"/>: true when it came (or the request failed), false on time-out.</summary>
        /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
        public async Task<bool> WaitForReplyAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (_reply.Task.IsCompleted)
            {
                return true;
            }

            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                Task delay = Task.Delay(timeout, timer.Token);
                Task first = await Task.WhenAny(_reply.Task, delay).ConfigureAwait(false);

                // Stops the timer when the reply won; the cancelled delay is never awaited and needs no observing.
                timer.Cancel();
                if (first == _reply.Task)
                {
                    return true;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }

        public void Dispose() => _owner.Remove(this);

        /// <summary>Whether a datagram from this sender may answer the request.</summary>
        internal bool AcceptsSender(string address, int port)
            => port == Port && (_expectedAddress == null || UdpTrackerAddress.SameLiteral(_expectedAddress, address));

        internal void Complete(UdpTrackerReply reply) => _reply.TrySetResult(reply);

        internal void Fail(Exception error)
        {
            if (_reply.TrySetException(error))
            {
                // Marked observed here because the request may have given up (cancelled) already; one still waiting gets the error from Reply.
                _ = _reply.Task.Exception;
            }
        }
    }
}
