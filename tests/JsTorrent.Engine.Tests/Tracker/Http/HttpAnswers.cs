using System;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    /// <summary>Canned HTTP responses and bencoded tracker bodies for the scripted server.</summary>
    internal static class HttpAnswers
    {
        public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        /// <summary>200 with a Content-Length body.</summary>
        public static byte[] Ok(byte[] body)
            => Concat(Ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.Length + "\r\n\r\n"), body);

        public static byte[] Ok(BencodeDictionary body) => Ok(body.Encode());

        /// <summary>200 whose body ends with the connection (HTTP/1.0 style).</summary>
        public static byte[] OkUntilClose(byte[] body) => Concat(Ascii("HTTP/1.0 200 OK\r\n\r\n"), body);

        /// <summary>200 with the body cut into chunks of <paramref name="chunkSize"/> bytes, an extension and a trailer.</summary>
        public static byte[] OkChunked(byte[] body, int chunkSize)
        {
            var text = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            var bytes = new System.Collections.Generic.List<byte>(Ascii(text.ToString()));
            for (int i = 0; i < body.Length; i += chunkSize)
            {
                int n = Math.Min(chunkSize, body.Length - i);
                bytes.AddRange(Ascii(n.ToString("x") + (i == 0 ? ";name=value" : string.Empty) + "\r\n"));
                bytes.AddRange(body.Skip(i).Take(n));
                bytes.AddRange(Ascii("\r\n"));
            }

            bytes.AddRange(Ascii("0\r\nX-Trailer: yes\r\n\r\n"));
            return bytes.ToArray();
        }

        public static byte[] Status(int code, string reason) => Ascii("HTTP/1.1 " + code + " " + reason + "\r\nContent-Length: 0\r\n\r\n");

        public static byte[] Redirect(int code, string location) => Ascii("HTTP/1.1 " + code + " Moved\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");

        /// <summary>A minimal announce answer: interval and compact peers.</summary>
        public static BencodeDictionary Announce(int interval, byte[] compactPeers)
        {
            var body = new BencodeDictionary();
            body.Set("interval", interval);
            body.Set(new BencodeString("peers"), new BencodeString(compactPeers));
            return body;
        }
    }
}
