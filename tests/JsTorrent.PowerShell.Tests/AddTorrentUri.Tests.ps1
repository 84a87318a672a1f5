# Pester 5 tests of Add-Torrent -Uri with http URLs of .torrent files, served by a small HttpListener on 127.0.0.1
# (a .NET class, so it answers on thread-pool threads while the cmdlet blocks this runspace's thread).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    Add-Type -LiteralPath (Join-Path (Split-Path -Parent (Get-TestModulePath)) 'JsTorrent.Adapters.dll')
    if (-not ('JsTorrentTests.TinyHttpServer' -as [type])) {
        # C# 5 (no 'when', no expression bodies): Windows PowerShell 5.1 compiles it with the old compiler.
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace JsTorrentTests
{
    /// <summary>Answers GET requests from a table of routes: a body (with a length or chunked), or a redirect; else 404.</summary>
    public sealed class TinyHttpServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly ConcurrentDictionary<string, Func<HttpListenerResponse, byte[]>> _routes = new ConcurrentDictionary<string, Func<HttpListenerResponse, byte[]>>();
        private readonly string _prefix;
        private readonly Task _loop;

        public TinyHttpServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _prefix = "http://127.0.0.1:" + port + "/";
            _listener.Prefixes.Add(_prefix);
            _listener.Start();
            _loop = Task.Run(new Func<Task>(ServeAsync));
        }

        public string Prefix { get { return _prefix; } }

        public void Body(string path, byte[] body) { _routes[path] = r => body; }

        public void Chunked(string path, byte[] body) { _routes[path] = r => { r.SendChunked = true; return body; }; }

        public void Redirect(string path, string location) { _routes[path] = r => { r.StatusCode = 302; r.RedirectLocation = location; return new byte[0]; }; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; } // the listener was closed
                var response = context.Response;
                Func<HttpListenerResponse, byte[]> route;
                byte[] body = _routes.TryGetValue(context.Request.Url.AbsolutePath, out route) ? route(response) : NotFound(response);
                try
                {
                    if (!response.SendChunked) { response.ContentLength64 = body.Length; }
                    response.OutputStream.Write(body, 0, body.Length);
                    response.Close();
                }
                catch (Exception) { response.Abort(); } // the client gave up (e.g. the size cap): nothing to answer
            }
        }

        private static byte[] NotFound(HttpListenerResponse response) { response.StatusCode = 404; return new byte[0]; }

        public void Dispose() { _listener.Close(); _loop.Wait(TimeSpan.FromSeconds(10)); }
    }
}
'@
    }

    $script:Id = 'JsTorrent.PowerShell.Commands.Torrents.AddTorrentCommand'
    $script:Work = New-TestFolder
    $null = New-TestContent -Folder $script:Work -Files @{ 'one.bin' = 70000 }
    $script:Info = New-Torrent -Path (Join-Path $script:Work 'one.bin') -Destination (Join-Path $script:Work 'one.torrent') -PieceSize 16KB
    $script:Server = [JsTorrentTests.TinyHttpServer]::new()
    $script:Server.Body('/one.torrent', [System.IO.File]::ReadAllBytes((Join-Path $script:Work 'one.torrent')))
    $script:Server.Body('/junk.torrent', [System.Text.Encoding]::ASCII.GetBytes('<html>not a torrent</html>'))
    $script:Server.Body('/huge.torrent', [byte[]]::new(10MB + 1))
    $script:Server.Chunked('/huge-chunked.torrent', [byte[]]::new(10MB + 1))
    $script:Server.Redirect('/r1', '/r2'); $script:Server.Redirect('/r2', '/r3'); $script:Server.Redirect('/r3', '/one.torrent')
    $script:Server.Redirect('/loop', '/r1')
}

AfterAll {
    Stop-TorrentEngine
    $script:Server.Dispose()
    Remove-Item -LiteralPath $script:Work -Recurse -Force
}

Describe 'Add-Torrent -Uri over http' {
    BeforeEach { $script:Network = Start-TestEngine }

    It 'downloads the .torrent and adds it' {
        $torrent = Add-Torrent -Uri ($script:Server.Prefix + 'one.torrent') -Suspended
        $torrent.InfoHash | Should -Be $script:Info.InfoHash
        $torrent.Name | Should -Be 'one.bin'
    }

    It 'follows up to three redirects' {
        $torrent = Add-Torrent -Uri ($script:Server.Prefix + 'r1') -Suspended
        $torrent.InfoHash | Should -Be $script:Info.InfoHash
    }

    It 'reports <Path> as <ErrorId> and adds nothing' -ForEach @(
        @{ Path = 'missing.torrent'; ErrorId = 'TorrentUriNotFound'; Category = 'ObjectNotFound' }
        @{ Path = 'loop'; ErrorId = 'TooManyRedirects'; Category = 'LimitsExceeded' }
        @{ Path = 'huge.torrent'; ErrorId = 'TorrentDownloadTooLarge'; Category = 'InvalidData' }
        @{ Path = 'huge-chunked.torrent'; ErrorId = 'TorrentDownloadTooLarge'; Category = 'InvalidData' }
        @{ Path = 'junk.torrent'; ErrorId = 'InvalidTorrentFile'; Category = 'InvalidData' }
    ) {
        $uri = $script:Server.Prefix + $Path
        Add-Torrent -Uri $uri -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "$ErrorId,$script:Id"
        $err[0].CategoryInfo.Category | Should -Be $Category
        $err[0].TargetObject | Should -Be $uri
        (Get-TorrentEngine).TorrentCount | Should -Be 0
    }

    It 'refuses a URI that is neither a magnet link nor http(s)' {
        Add-Torrent -Uri 'ftp://127.0.0.1/one.torrent' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "UnsupportedUri,$script:Id"
    }

    It 'reports a refused connection as TorrentDownloadConnectionFailed' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        Add-Torrent -Uri "http://127.0.0.1:$port/one.torrent" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "TorrentDownloadConnectionFailed,$script:Id"
        $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }
}
