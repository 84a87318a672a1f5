using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tracker.Http
{
    /// <summary>
    /// Reads one HTTP/1.x response from a socket: status line and headers (at most
    /// <see cref="MaxHeaderBytes"/>), then a body framed by Content-Length, the chunked transfer
    /// coding, or the end of the connection. The body limit is checked before bytes are kept, so a
    /// hostile server can make it hold no more than the limit plus one read buffer.
    /// </summary>
    internal sealed class HttpResponseReader
    {
        /// <summary>Most bytes of status line and headers (and again of chunked trailers).</summary>
        public const int MaxHeaderBytes = 16 * 1024;

        private const int MaxChunkLineBytes = 1024;
        private const int MaxReasonLength = 100;

        private readonly ITcpSocket _socket;
        private readonly string _tracker;
        private readonly int _maxBody;
        private readonly CancellationToken _cancellationToken;

        // Also the read buffer of the body: a header line always fits, as the header budget is its size.
        private readonly byte[] _buffer = new byte[MaxHeaderBytes];
        private int _start;
        private int _end;
        private int _budget;

        public HttpResponseReader(ITcpSocket socket, string tracker, int maxBody, CancellationToken cancellationToken)
        {
            _socket = socket;
            _tracker = tracker;
            _maxBody = Math.Max(0, maxBody);
            _cancellationToken = cancellationToken;
        }

        /// <summary>Bytes taken from the socket so far.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Reads the status line and headers, skipping interim 1xx responses.</summary>
        public async Task<HttpResponseHead> ReadHeadAsync()
        {
            _budget = MaxHeaderBytes;
            while (true)
            {
                string? statusLine = await ReadLineAsync(MaxHeaderBytes, "the status line", header: true).ConfigureAwait(false);
                if (statusLine == null)
                {
                    throw new TrackerException(TrackerErrorKind.Unreachable, _tracker + ": the server closed the connection without answering.");
                }

                HttpResponseHead head = ParseStatusLine(statusLine);
                if (head.StatusCode < 100)
                {
                    throw Invalid("the HTTP status " + head.StatusCode + " does not exist.");
                }

                await ReadHeadersAsync(head).ConfigureAwait(false);
                if (head.StatusCode >= 200 || head.StatusCode == 101)
                {
                    return head;
                }
            }
        }

        /// <summary>Reads the whole body of a response whose head <see cref="ReadHeadAsync"/> returned.</summary>
        public Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseHead head)
        {
            if (head.ContentEncoding != null)
            {
                throw Invalid("the body is compressed (Content-Encoding: " + head.ContentEncoding + ") although the request asked for identity.");
            }

            if (head.UnsupportedTransferCoding != null)
            {
                throw Invalid("the body uses the transfer coding '" + head.UnsupportedTransferCoding + "', which this client does not decode.");
            }

            if (head.IsChunked)
            {
                return ReadChunkedAsync();
            }

            if (head.ContentLength is long length)
            {
                if (length > _maxBody)
                {
                    // Refused before a byte of it is read.
                    throw TooLarge("Content-Length: " + length.ToString(CultureInfo.InvariantCulture));
                }

                return ReadExactlyAsync((int)length);
            }

            return ReadToEndAsync();
        }

        private async Task<ReadOnlyMemory<byte>> ReadExactlyAsync(int length)
        {
            var body = new byte[length];
            int filled = Math.Min(length, _end - _start);
            new ReadOnlySpan<byte>(_buffer, _start, filled).CopyTo(body);
            _start += filled;
            while (filled < length)
            {
                // Straight into the result: no copy through the read buffer.
                int received = await _socket.ReceiveAsync(body.AsMemory(filled), _cancellationToken).ConfigureAwait(false);
                if (received == 0)
                {
                    throw Invalid("the connection closed after " + filled + " of the " + length + " bytes of the body.");
                }

                BytesReceived += received;
                filled += received;
            }

            return body;
        }

        private async Task<ReadOnlyMemory<byte>> ReadToEndAsync()
        {
            var body = new HttpBodyBuffer(_maxBody);
            do
            {
                int available = _end - _start;
                if (!body.Fits(available))
                {
                    throw TooLarge("no length given");
                }

                body.Append(new ReadOnlySpan<byte>(_buffer, _start, available));
                _start = _end;
            }
            while (await FillAsync().ConfigureAwait(false));

            return body.Written;
        }

        private async Task<ReadOnlyMemory<byte>> ReadChunkedAsync()
        {
            var body = new HttpBodyBuffer(_maxBody);
            while (true)
            {
                string line = await ReadLineAsync(MaxChunkLineBytes, "a chunk size", header: false).ConfigureAwait(false)
                    ?? throw Invalid("the connection closed before the end of the chunked body.");
                long size = ParseChunkSize(line);
                if (size == 0)
                {
                    await SkipTrailersAsync().ConfigureAwait(false);
                    return body.Written;
                }

                if (!body.Fits(size))
                {
                    throw TooLarge("chunked");
                }

                long remaining = size;
                while (remaining > 0)
                {
                    if (_start == _end && !await FillAsync().ConfigureAwait(false))
                    {
                        throw Invalid("the connection closed in the middle of a chunk.");
                    }

                    int take = (int)Math.Min(remaining, _end - _start);
                    body.Append(new ReadOnlySpan<byte>(_buffer, _start, take));
                    _start += take;
                    remaining -= take;
                }

                string? end = await ReadLineAsync(MaxChunkLineBytes, "the end of a chunk", header: false).ConfigureAwait(false);
                if (end == null || end.Length != 0)
                {
                    throw Invalid("the chunked body is malformed: a chunk does not end where its size says.");
                }
            }
        }

        private async Task SkipTrailersAsync()
        {
            _budget = MaxHeaderBytes;
            while (true)
            {
                // A server that closes right after the last chunk, without the final empty line, still sent the whole body.
                string? line = await ReadLineAsync(MaxHeaderBytes, "the trailers", header: true).ConfigureAwait(false);
                if (line == null || line.Length == 0)
                {
                    return;
                }
            }
        }

        private long ParseChunkSize(string line)
        {
            long size = 0;
            int digits = 0;
            foreach (char c in line)
            {
                int digit = AsciiSyntax.HexDigitValue(c);
                if (digit < 0)
                {
                    if (c == ';' || c == ' ' || c == '\t')
                    {
                        break; // chunk extensions, which we ignore
                    }

                    digits = 0;
                    break;
                }

                if (size > (long.MaxValue >> 4))
                {
                    throw TooLarge("chunked");
                }

                size = (size << 4) | (uint)digit;
                digits++;
            }

            if (digits == 0)
            {
                throw Invalid("the chunked body is malformed: '" + HttpTrackerResponseParser.Excerpt(Encoding.ASCII.GetBytes(line)) + "' is not a chunk size.");
            }

            return size;
        }

        private HttpResponseHead ParseStatusLine(string line)
        {
            // "HTTP/1.1 200 OK": version, a space, three digits, then an optional reason phrase.
            bool valid = line.Length >= 12
                && line.StartsWith("HTTP/1.", StringComparison.Ordinal)
                && line[8] == ' '
                && IsDigit(line[9]) && IsDigit(line[10]) && IsDigit(line[11])
                && (line.Length == 12 || line[12] == ' ');
            if (!valid)
            {
                throw Invalid("the answer is not an HTTP response: it starts '" + HttpTrackerResponseParser.Excerpt(Encoding.ASCII.GetBytes(line)) + "'.");
            }

            int status = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
            string reason = line.Length > 13 ? Printable(line.Substring(13), MaxReasonLength) : string.Empty;
            return new HttpResponseHead(status, reason);
        }

        private async Task ReadHeadersAsync(HttpResponseHead head)
        {
            while (true)
            {
                string line = await ReadLineAsync(MaxHeaderBytes, "the headers", header: true).ConfigureAwait(false)
                    ?? throw Invalid("the connection closed in the middle of the headers.");
                if (line.Length == 0)
                {
                    return;
                }

                if (line[0] == ' ' || line[0] == '\t')
                {
                    continue; // an obsolete folded continuation: never one of the headers we act on
                }

                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw Invalid("a header line is malformed: '" + HttpTrackerResponseParser.Excerpt(Encoding.ASCII.GetBytes(line)) + "'.");
                }

                Apply(head, line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim(' ', '\t'));
            }
        }

        private void Apply(HttpResponseHead head, string name, string value)
        {
            if (Is(name, "Content-Length"))
            {
                if (!AsciiSyntax.TryParseDecimal(value, long.MaxValue, out long length))
                {
                    throw Invalid("the Content-Length '" + Printable(value, 40) + "' is not a number.");
                }

                if (head.ContentLength is long earlier && earlier != length)
                {
                    throw Invalid("the response has two different Content-Length headers.");
                }

                head.ContentLength = length;
            }
            else if (Is(name, "Transfer-Encoding"))
            {
                string[] codings = value.Split(',');
                string last = codings[codings.Length - 1].Trim(' ', '\t');
                head.IsChunked = Is(last, "chunked");
                head.UnsupportedTransferCoding = head.IsChunked || Is(last, "identity") ? null : Printable(last, 40);
            }
            else if (Is(name, "Content-Encoding"))
            {
                head.ContentEncoding = value.Length == 0 || Is(value, "identity") ? null : Printable(value, 40);
            }
            else if (Is(name, "Location"))
            {
                head.Location = value;
            }
        }

        /// <summary>
        /// One line without its CR LF (a bare LF is accepted), as Latin-1 text; null at end of stream
        /// before any byte. <paramref name="limit"/> bounds the line, and header lines also share the
        /// header budget.
        /// </summary>
        private async Task<string?> ReadLineAsync(int limit, string what, bool header)
        {
            if (header)
            {
                limit = Math.Min(limit, _budget);
            }

            int scanned = 0;
            while (true)
            {
                int newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
                if (newline >= 0)
                {
                    int consumed = newline + 1 - _start;
                    if (consumed > limit)
                    {
                        break;
                    }

                    int length = newline - _start;
                    if (length > 0 && _buffer[newline - 1] == (byte)'\r')
                    {
                        length--;
                    }

                    string line = Latin1(_buffer, _start, length);
                    _start = newline + 1;
                    if (header)
                    {
                        _budget -= consumed;
                    }

                    return line;
                }

                scanned = _end - _start;
                if (scanned >= limit)
                {
                    break;
                }

                if (!await FillAsync().ConfigureAwait(false))
                {
                    return scanned == 0 ? null : throw Invalid("the connection closed in the middle of " + what + ".");
                }
            }

            throw header
                ? Invalid("the status line and headers are longer than " + (MaxHeaderBytes / 1024) + " KiB.")
                : Invalid("the line of " + what + " is longer than " + limit + " bytes.");
        }

        /// <summary>Receives more bytes after those not yet consumed; false at end of stream.</summary>
        private async Task<bool> FillAsync()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), _cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }

            BytesReceived += received;
            _end += received;
            return true;
        }

        private TrackerException Invalid(string what) => new TrackerException(TrackerErrorKind.InvalidResponse, _tracker + ": " + what);

        private TrackerException TooLarge(string framing)
            => Invalid("the response body is larger than the limit of " + _maxBody.ToString(CultureInfo.InvariantCulture) + " bytes (" + framing + "); nothing more was read.");

        private static bool Is(string text, string name) => string.Equals(text, name, StringComparison.OrdinalIgnoreCase);

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static string Latin1(byte[] bytes, int offset, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)bytes[offset + i];
            }

            return new string(chars);
        }

        /// <summary>Printable ASCII only, cut to <paramref name="max"/> characters: header text ends up in logs.</summary>
        private static string Printable(string text, int max)
        {
            var result = new StringBuilder(Math.Min(text.Length, max));
            foreach (char c in text)
            {
                if (result.Length == max)
                {
                    break;
                }

                result.Append(c >= ' ' && c < '\u007F' ? c : '?');
            }

            return result.ToString();
        }
    }
}
