using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Downloads a .torrent file over http(s) for Add-Torrent -Uri: at most <see cref="MaxBytes"/>, within a time limit,
    /// following at most <see cref="MaxRedirects"/> redirects and never from https down to http. Every failure is a
    /// <see cref="TorrentDownloadException"/> naming its ErrorId; Ctrl+C is an <see cref="OperationCanceledException"/>.
    /// </summary>
    internal static class TorrentDownloader
    {
        /// <summary>Far more than a .torrent of a large torrent needs, far less than a mistaken link to a video.</summary>
        public const int MaxBytes = 10 * 1024 * 1024;

        public const int MaxRedirects = 3;

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        public static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

        public static async Task<byte[]> DownloadAsync(Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);

            // Redirects are followed here, not by the handler, to count them and to refuse https -> http.
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            try
            {
                var current = uri;
                for (int redirects = 0; ; redirects++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, current);
                    request.Headers.Accept.ParseAdd("application/x-bittorrent");
                    request.Headers.Accept.ParseAdd("*/*;q=0.5");
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                    if (IsRedirect(response.StatusCode))
                    {
                        current = NextHop(uri, current, response, redirects);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw StatusError(current, response);
                    }

                    return await ReadCappedAsync(current, response, limit.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TorrentDownloadException(
                    "TorrentDownloadTimeout", ErrorCategory.OperationTimeout, "Downloading '" + uri + "' took longer than " + timeout.TotalSeconds + " s.", e);
            }
            catch (HttpRequestException e)
            {
                throw new TorrentDownloadException(
                    "TorrentDownloadConnectionFailed", ErrorCategory.ConnectionError, "Could not download '" + uri + "': " + Describe(e), e);
            }
            catch (IOException e)
            {
                throw new TorrentDownloadException(
                    "TorrentDownloadConnectionFailed", ErrorCategory.ConnectionError, "The connection broke while downloading '" + uri + "': " + e.Message, e);
            }
        }

        private static bool IsRedirect(HttpStatusCode status) =>
            status == HttpStatusCode.MovedPermanently || status == HttpStatusCode.Found || status == HttpStatusCode.SeeOther
            || status == HttpStatusCode.TemporaryRedirect || (int)status == 308;

        private static Uri NextHop(Uri original, Uri current, HttpResponseMessage response, int redirects)
        {
            var location = response.Headers.Location;
            if (location is null)
            {
                throw new TorrentDownloadException(
                    "InvalidRedirect", ErrorCategory.InvalidResult, "'" + current + "' answered " + (int)response.StatusCode + " (a redirect) without a Location.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (redirects >= MaxRedirects)
            {
                throw new TorrentDownloadException(
                    "TooManyRedirects", ErrorCategory.LimitsExceeded, "'" + original + "' redirected more than " + MaxRedirects + " times (last to '" + next + "').");
            }

            if (!IsHttp(next))
            {
                throw new TorrentDownloadException(
                    "UnsupportedRedirect", ErrorCategory.InvalidResult, "'" + current + "' redirected to '" + next + "', which is not an http(s) URL.");
            }

            if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            {
                throw new TorrentDownloadException(
                    "InsecureRedirect", ErrorCategory.SecurityError, "'" + current + "' redirected from https to plain http ('" + next + "'); refused.");
            }

            return next;
        }

        private static TorrentDownloadException StatusError(Uri uri, HttpResponseMessage response)
        {
            int code = (int)response.StatusCode;
            string message = "'" + uri + "' answered " + code + " " + response.ReasonPhrase + ".";
            return code == 404 || code == 410
                ? new TorrentDownloadException("TorrentUriNotFound", ErrorCategory.ObjectNotFound, message)
                : new TorrentDownloadException("TorrentDownloadFailed", ErrorCategory.ResourceUnavailable, message);
        }

        private static async Task<byte[]> ReadCappedAsync(Uri uri, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            long? declared = response.Content.Headers.ContentLength;
            if (declared > MaxBytes)
            {
                throw TooLarge(uri, declared.Value + " bytes");
            }

            // Not every response stream of .NET Framework honours the token of ReadAsync: closing the
            // response is what ends a read that stalls past the time limit (or Ctrl+C).
            using var closeOnCancel = cancellationToken.Register(response.Dispose);
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var content = new MemoryStream(declared is long length ? (int)length : 64 * 1024);
                var buffer = new byte[81920];
                while (true)
                {
                    int read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return content.ToArray();
                    }

                    if (content.Length + read > MaxBytes)
                    {
                        throw TooLarge(uri, "more than " + MaxBytes + " bytes");
                    }

                    content.Write(buffer, 0, read);
                }
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && !(e is OperationCanceledException))
            {
                throw new OperationCanceledException("The download was cancelled.", e, cancellationToken);
            }
        }

        private static TorrentDownloadException TooLarge(Uri uri, string size) =>
            new TorrentDownloadException(
                "TorrentDownloadTooLarge", ErrorCategory.InvalidData, "'" + uri + "' is " + size + "; a .torrent file is at most " + MaxBytes + " bytes.");

        private static string Describe(Exception e) =>
            e.InnerException is null ? e.Message : e.Message + " (" + e.InnerException.Message + ")";
    }
}
