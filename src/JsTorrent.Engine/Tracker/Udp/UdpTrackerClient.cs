using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker.Udp
{
    /// <summary>
    /// Speaks BEP 15 to one <c>udp://host:port[/path]</c> tracker over the engine's shared
    /// <see cref="UdpTrackerSocket"/>. A connection id is fetched by a connect request and reused
    /// for <see cref="TrackerOptions.UdpConnectionIdLifetime"/>; each step is retransmitted
    /// after <see cref="TrackerOptions.UdpBaseTimeout"/> × 2^n (n capped at 8, as BEP 15 does) up
    /// to <see cref="TrackerOptions.UdpMaxAttempts"/> sends. A path other than "/" or
    /// "/announce" goes along as BEP 41 URL data. Thread-safe; calls may overlap.
    /// </summary>
    internal sealed class UdpTrackerClient : ITrackerClient
    {
        // BEP 15: "15 * 2 ^ n seconds, where n starts at 0 and is incremented up to 8".
        private const int MaxBackoffExponent = 8;

        private readonly object _gate = new object();
        private readonly UdpTrackerSocket _socket;
        private readonly TrackerOptions _options;
        private readonly Func<long> _nowMs;
        private readonly string _host;
        private readonly int _port;
        private readonly byte[]? _urlData;
        private long _connectionId;
        private long _connectionExpiresMs;
        private bool _connected;

        /// <param name="url">The tracker; see <see cref="IsSupported"/>.</param>
        /// <param name="socket">The engine's shared UDP tracker socket.</param>
        /// <param name="options">Time-outs, attempts and the connection id lifetime.</param>
        /// <param name="nowMs">The engine's clock in milliseconds (EngineClock.NowMs), which times the connection id.</param>
        /// <exception cref="ArgumentException">The URL is not a udp:// URL with a host and port.</exception>
        public UdpTrackerClient(Uri url, UdpTrackerSocket socket, TrackerOptions options, Func<long> nowMs)
        {
            if (url == null)
            {
                throw new ArgumentNullException(nameof(url));
            }

            if (!IsSupported(url))
            {
                throw new ArgumentException("'" + url.OriginalString + "' is not a UDP tracker URL (udp://host:port).", nameof(url));
            }

            Url = url;
            _socket = socket ?? throw new ArgumentNullException(nameof(socket));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _nowMs = nowMs ?? throw new ArgumentNullException(nameof(nowMs));
            _host = url.DnsSafeHost;
            _port = url.Port;
            _urlData = UdpTrackerMessages.UrlData(url);
        }

        public Uri Url { get; }

        /// <summary>Always: BEP 15 has scrape built in.</summary>
        public bool SupportsScrape => true;

        /// <summary>Whether a URL is one this client speaks to: absolute, scheme udp, a host, and a port 1 to 65535.</summary>
        public static bool IsSupported(Uri url)
            => url != null
            && url.IsAbsoluteUri
            && string.Equals(url.Scheme, "udp", StringComparison.OrdinalIgnoreCase)
            && url.DnsSafeHost.Length > 0
            && url.Port > 0 && url.Port <= 65535;

        public async Task<AnnounceResponse> AnnounceAsync(AnnounceRequest request, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            long connectionId = await GetConnectionIdAsync(cancellationToken).ConfigureAwait(false);
            byte[] packet = UdpTrackerMessages.AnnounceRequest(connectionId, request, _urlData);
            UdpTrackerReply reply = await ExchangeWithConnectionAsync(connectionId, packet, "announce", UdpTrackerMessages.ActionAnnounce, UdpTrackerMessages.AnnounceResponseHeaderLength, cancellationToken).ConfigureAwait(false);
            return UdpTrackerMessages.ReadAnnounceResponse(reply.Data, reply.FromIPv6, _options.DefaultInterval);
        }

        public async Task<ScrapeResult> ScrapeAsync(InfoHash infoHash, CancellationToken cancellationToken)
        {
            long connectionId = await GetConnectionIdAsync(cancellationToken).ConfigureAwait(false);
            byte[] packet = UdpTrackerMessages.ScrapeRequest(connectionId, infoHash);
            UdpTrackerReply reply = await ExchangeWithConnectionAsync(connectionId, packet, "scrape", UdpTrackerMessages.ActionScrape, UdpTrackerMessages.ScrapeResponseLength, cancellationToken).ConfigureAwait(false);
            return UdpTrackerMessages.ReadScrapeResponse(reply.Data);
        }

        public override string ToString() => "UDP tracker " + Url.OriginalString;

        private async Task<long> GetConnectionIdAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_connected && _nowMs() < _connectionExpiresMs)
                {
                    return _connectionId;
                }
            }

            UdpTrackerReply reply = await ExchangeAsync(UdpTrackerMessages.ConnectRequest(), "connect", cancellationToken).ConfigureAwait(false);
            Expect(reply, "connect", UdpTrackerMessages.ActionConnect, UdpTrackerMessages.ConnectResponseLength);
            long connectionId = UdpTrackerMessages.ReadConnectionId(reply.Data);
            lock (_gate)
            {
                // BEP 15: usable for a minute after it was received.
                _connectionId = connectionId;
                _connectionExpiresMs = _nowMs() + (long)_options.UdpConnectionIdLifetime.TotalMilliseconds;
                _connected = true;
            }

            return connectionId;
        }

        private async Task<UdpTrackerReply> ExchangeWithConnectionAsync(long connectionId, byte[] packet, string step, int action, int minimumLength, CancellationToken cancellationToken)
        {
            try
            {
                UdpTrackerReply reply = await ExchangeAsync(packet, step, cancellationToken).ConfigureAwait(false);
                Expect(reply, step, action, minimumLength);
                return reply;
            }
            catch (TrackerException)
            {
                // The tracker may have forgotten the id sooner than we did (some ignore a stale one
                // silently, which looks like a time-out): the next call connects afresh.
                ForgetConnection(connectionId);
                throw;
            }
        }

        /// <summary>Sends one request, retransmitting on time-outs, and returns the first reply to it.</summary>
        private async Task<UdpTrackerReply> ExchangeAsync(byte[] packet, string step, CancellationToken cancellationToken)
        {
            UdpTrackerTransaction transaction;
            try
            {
                transaction = await _socket.BeginAsync(_host, _port, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsSocketTrouble(ex))
            {
                throw Unreachable(ex);
            }

            using (transaction)
            {
                UdpTrackerMessages.WriteTransactionId(packet, transaction.Id);
                int attempts = Math.Max(1, _options.UdpMaxAttempts);
                for (int attempt = 0; attempt < attempts; attempt++)
                {
                    try
                    {
                        await transaction.SendAsync(packet, cancellationToken).ConfigureAwait(false);
                        if (await transaction.WaitForReplyAsync(Timeout(attempt), cancellationToken).ConfigureAwait(false))
                        {
                            return await transaction.Reply.ConfigureAwait(false);
                        }
                    }
                    catch (Exception ex) when (IsSocketTrouble(ex))
                    {
                        throw Unreachable(ex);
                    }
                }

                throw new TrackerException(
                    TrackerErrorKind.TimedOut,
                    Url.OriginalString + ": no answer to the " + step + " request after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts.");
            }
        }

        /// <remarks>Kept within what Task.Delay takes (1 ms to int.MaxValue ms), whatever the options say: a larger base would throw, and shifting it could overflow.</remarks>
        private TimeSpan Timeout(int attempt)
        {
            long baseMs = Math.Max(1, Math.Min((long)_options.UdpBaseTimeout.TotalMilliseconds, int.MaxValue));
            return TimeSpan.FromMilliseconds(Math.Min(baseMs << Math.Min(attempt, MaxBackoffExponent), int.MaxValue));
        }

        private void Expect(UdpTrackerReply reply, string step, int action, int minimumLength)
        {
            int actual = UdpTrackerMessages.ReadAction(reply.Data);
            if (actual == UdpTrackerMessages.ActionError)
            {
                throw new TrackerException(TrackerErrorKind.Rejected, Url.OriginalString + ": " + UdpTrackerMessages.ReadErrorMessage(reply.Data));
            }

            if (actual != action)
            {
                throw new TrackerException(
                    TrackerErrorKind.InvalidResponse,
                    Url.OriginalString + ": the tracker answered the " + step + " request with action " + actual.ToString(CultureInfo.InvariantCulture) + " instead of " + action.ToString(CultureInfo.InvariantCulture) + ".");
            }

            if (reply.Data.Length < minimumLength)
            {
                throw new TrackerException(
                    TrackerErrorKind.InvalidResponse,
                    Url.OriginalString + ": the " + step + " reply is " + reply.Data.Length.ToString(CultureInfo.InvariantCulture) + " bytes; BEP 15 needs at least " + minimumLength.ToString(CultureInfo.InvariantCulture) + ".");
            }
        }

        private void ForgetConnection(long connectionId)
        {
            lock (_gate)
            {
                if (_connected && _connectionId == connectionId)
                {
                    _connected = false;
                }
            }
        }

        private static bool IsSocketTrouble(Exception ex) => ex is NetworkException || ex is ObjectDisposedException;

        private TrackerException Unreachable(Exception cause)
        {
            string why = cause is ObjectDisposedException ? "the engine's UDP tracker socket is closed." : cause.Message;
            return new TrackerException(TrackerErrorKind.Unreachable, Url.OriginalString + ": " + why, cause);
        }
    }
}
