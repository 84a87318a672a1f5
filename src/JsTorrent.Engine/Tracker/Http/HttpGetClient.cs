using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>
    /// A minimal HTTP/1.1 GET over the engine's sockets (the core may not use HttpClient): one
    /// connection per request (<c>Connection: close</c>), TLS through <see cref="ITcpSocket.StartTlsAsync"/>
    /// for https, redirects followed up to <see cref="TrackerOptions.MaxRedirects"/> but never from
    /// https to http, and one deadline (<see cref="TrackerOptions.HttpTimeout"/>) over all of it.
    /// Every failure is a <see cref="TrackerException"/> naming the tracker; the caller's own
    /// cancellation is an <see cref="OperationCanceledException"/>.
    /// </summary>
    internal sealed class HttpGetClient
    {
        private readonly ISocketFactory _sockets;
        private readonly TrackerOptions _options;
        private readonly string _userAgent;

        public HttpGetClient(ISocketFactory sockets, TrackerOptions options, string? userAgent)
        {
            _sockets = sockets;
            _options = options;
            _userAgent = HeaderText(userAgent);
        }

        /// <summary>Fetches the body of a 200 response.</summary>
        /// <param name="target">The first request.</param>
        /// <param name="tracker">The tracker as named in error messages.</param>
        /// <param name="cancellationToken">The caller's cancellation.</param>
        public async Task<ReadOnlyMemory<byte>> GetAsync(HttpTarget target, string tracker, CancellationToken cancellationToken)
        {
            TimeSpan limit = _options.HttpTimeout;
            using var deadline = new CancellationTokenSource();
            if (limit > TimeSpan.Zero && limit.TotalMilliseconds <= int.MaxValue)
            {
                deadline.CancelAfter(limit);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                for (int redirects = 0; ; redirects++)
                {
                    HttpTarget? next;
                    ReadOnlyMemory<byte> body;
                    (next, body) = await RequestAsync(target, tracker, linked.Token).ConfigureAwait(false);
                    if (next == null)
                    {
                        return body;
                    }

                    if (redirects >= _options.MaxRedirects)
                    {
                        throw new TrackerException(
                            TrackerErrorKind.InvalidResponse,
                            tracker + ": more than " + _options.MaxRedirects + " redirects (the last one to " + next.Display + ").");
                    }

                    target = next;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (deadline.IsCancellationRequested && !(ex is TrackerException))
            {
                // Whatever the cut-off call threw (cancelled, or disposed under it), the cause is our deadline.
                throw new TrackerException(
                    TrackerErrorKind.TimedOut,
                    tracker + ": no complete answer within " + limit.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s.",
                    ex);
            }
            catch (NetworkException ex)
            {
                throw new TrackerException(KindOf(ex.Kind), tracker + ": " + ex.Message, ex);
            }
        }

        private static TrackerErrorKind KindOf(NetworkErrorKind kind)
        {
            switch (kind)
            {
                case NetworkErrorKind.TimedOut:
                    return TrackerErrorKind.TimedOut;
                case NetworkErrorKind.NotSupported:
                    return TrackerErrorKind.Unsupported;
                default:
                    return TrackerErrorKind.Unreachable;
            }
        }

        /// <summary>Printable ASCII only, as the value goes into a header line; "JsTorrent" when nothing is left.</summary>
        private static string HeaderText(string? text)
        {
            var result = new StringBuilder();
            foreach (char c in (text ?? string.Empty).Trim())
            {
                result.Append(c >= ' ' && c < '\u007F' ? c : '?');
            }

            return result.Length == 0 ? "JsTorrent" : result.ToString();
        }

        /// <summary>The request target on the wire: anything outside printable ASCII percent-encoded as UTF-8.</summary>
        private static void AppendTarget(StringBuilder request, string pathAndQuery)
        {
            foreach (char c in pathAndQuery)
            {
                if (c > ' ' && c < '\u007F')
                {
                    request.Append(c);
                }
                else
                {
                    HttpTrackerUrls.AppendEscaped(request, Encoding.UTF8.GetBytes(c.ToString()));
                }
            }
        }

        private static HttpTarget Redirect(HttpTarget from, HttpResponseHead head, string tracker)
        {
            string status = "HTTP " + head.StatusCode + (head.Reason.Length > 0 ? " " + head.Reason : string.Empty);
            if (string.IsNullOrWhiteSpace(head.Location))
            {
                throw new TrackerException(TrackerErrorKind.InvalidResponse, tracker + ": " + status + " without a Location to go to.");
            }

            if (!Uri.TryCreate(from.Uri, head.Location, out Uri? next) || !HttpTarget.IsHttp(next))
            {
                throw new TrackerException(
                    TrackerErrorKind.InvalidResponse,
                    tracker + ": " + status + " redirects to '" + HttpTrackerResponseParser.Excerpt(Encoding.UTF8.GetBytes(head.Location)) + "', which is not an http or https URL.");
            }

            HttpTarget target = HttpTarget.For(next!);
            if (from.IsSecure && !target.IsSecure)
            {
                throw new TrackerException(
                    TrackerErrorKind.InvalidResponse,
                    tracker + ": " + status + " redirects from https to plain http (" + target.Display + "); refused, as it would drop TLS.");
            }

            return target;
        }

        private byte[] RequestBytes(HttpTarget target)
        {
            var request = new StringBuilder(target.PathAndQuery.Length + 160);
            request.Append("GET ");
            AppendTarget(request, target.PathAndQuery);
            request.Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(target.HostHeader).Append("\r\n")
                .Append("User-Agent: ").Append(_userAgent).Append("\r\n")
                .Append("Accept-Encoding: identity\r\n")
                .Append("Connection: close\r\n")
                .Append("\r\n");
            return Encoding.ASCII.GetBytes(request.ToString());
        }

        /// <summary>One request on its own connection: the redirect target, or the body of a 200.</summary>
        private async Task<(HttpTarget? Redirect, ReadOnlyMemory<byte> Body)> RequestAsync(HttpTarget target, string tracker, CancellationToken cancellationToken)
        {
            ITcpSocket socket = _sockets.CreateTcpSocket();
            try
            {
                await socket.ConnectAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
                if (target.IsSecure)
                {
                    await socket.StartTlsAsync(target.Host, cancellationToken).ConfigureAwait(false);
                }

                await socket.SendAsync(RequestBytes(target), cancellationToken).ConfigureAwait(false);
                var reader = new HttpResponseReader(socket, tracker, _options.MaxResponseBytes, cancellationToken);
                HttpResponseHead head = await reader.ReadHeadAsync().ConfigureAwait(false);
                if (head.IsRedirect)
                {
                    return (Redirect(target, head, tracker), default);
                }

                if (head.StatusCode != 200)
                {
                    throw new TrackerException(
                        TrackerErrorKind.InvalidResponse,
                        tracker + ": HTTP " + head.StatusCode + (head.Reason.Length > 0 ? " " + head.Reason : string.Empty) + ".");
                }

                return (null, await reader.ReadBodyAsync(head).ConfigureAwait(false));
            }
            finally
            {
                // Also what stops a body we refused: the server's further sends meet a closed connection.
                await socket.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
