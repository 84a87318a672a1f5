using System;
using System.Globalization;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>Where one HTTP request goes: the server to connect to and the request target sent to it.</summary>
    internal sealed class HttpTarget
    {
        /// <summary>A request for <paramref name="uri"/> with a request target built by hand.</summary>
        /// <param name="uri">The absolute http or https URL: scheme, host and port; also the base for a relative redirect.</param>
        /// <param name="pathAndQuery">
        /// The request target as sent, e.g. "/announce?info_hash=...". Built as text and never parsed
        /// back through <see cref="Uri"/>, which would unescape bytes such as "%41" in the info-hash.
        /// </param>
        public HttpTarget(Uri uri, string pathAndQuery)
        {
            if (!IsHttp(uri))
            {
                throw new ArgumentException("'" + uri + "' is not an absolute http or https URL.", nameof(uri));
            }

            Uri = uri;
            PathAndQuery = pathAndQuery.Length == 0 ? "/" : pathAndQuery;
            IsSecure = string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase);

            // IdnHost is the DNS form (punycode); IPv6 literals come without brackets on current
            // runtimes, but strip them anyway in case an older one keeps them.
            string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
            if (host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']')
            {
                host = host.Substring(1, host.Length - 2);
            }

            Host = host;
            Port = uri.Port;
            string authority = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
            HostHeader = uri.IsDefaultPort ? authority : authority + ":" + Port.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The URL (its path and query are not necessarily what is sent; see <see cref="PathAndQuery"/>).</summary>
        public Uri Uri { get; }

        public bool IsSecure { get; }

        /// <summary>Host to connect to and to check the TLS certificate against: a name, or an IP literal without brackets.</summary>
        public string Host { get; }

        public int Port { get; }

        /// <summary>The Host header: brackets around IPv6, the port only when it is not the scheme's default.</summary>
        public string HostHeader { get; }

        public string PathAndQuery { get; }

        /// <summary>The URL as sent, for messages.</summary>
        public string Display => (IsSecure ? "https://" : "http://") + HostHeader + PathAndQuery;

        /// <summary>Whether <paramref name="uri"/> is an absolute http or https URL with a host.</summary>
        public static bool IsHttp(Uri? uri)
            => uri != null
                && uri.IsAbsoluteUri
                && (string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
                && uri.Host.Length > 0
                && uri.Port > 0;

        /// <summary>A request for the URL exactly as <see cref="Uri"/> spells its path and query (redirect targets).</summary>
        public static HttpTarget For(Uri uri) => new HttpTarget(uri, uri.PathAndQuery);
    }
}
