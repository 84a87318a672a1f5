using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;

namespace JsTorrent.Adapters.Tests.Native
{
    /// <summary>A TLS server on 127.0.0.1 with a self-signed certificate made for the test: one connection per <see cref="ServeOnceAsync"/>.</summary>
    internal sealed class TlsTestServer : IDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);

        public TlsTestServer(string name = "localhost")
        {
            Certificate = CreateCertificate(name);
            _listener.Start();
        }

        public X509Certificate2 Certificate { get; }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>A client-side validation callback that accepts exactly <paramref name="certificate"/>, whatever the system thinks of it.</summary>
        public static RemoteCertificateValidationCallback Accepting(X509Certificate2 certificate)
            => (sender, presented, chain, errors) => presented != null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData);

        /// <summary>Accepts one connection, does the server side of the handshake, and runs <paramref name="handler"/> on the stream.</summary>
        public async Task ServeOnceAsync(Func<SslStream, Task> handler)
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync().WaitAsync(Timeout);
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }).WaitAsync(Timeout);
            await handler(tls).WaitAsync(Timeout);
        }

        /// <summary>Reads an HTTP request head (up to the empty line).</summary>
        public static async Task<string> ReadHeadAsync(Stream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one).AsTask().WaitAsync(Timeout) == 0)
                {
                    throw new EndOfStreamException("The request ended after " + head.Length + " bytes.");
                }

                head.Append((char)one[0]);
            }

            return head.ToString();
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Dispose();
            Certificate.Dispose();
        }

        private static X509Certificate2 CreateCertificate(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using X509Certificate2 made = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

            // Through PKCS#12, so the private key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        }
    }
}
