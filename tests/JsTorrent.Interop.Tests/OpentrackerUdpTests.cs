using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Udp;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// Our BEP 15 client against the real opentracker on 127.0.0.1, over the native sockets:
    /// a peer announced by one request is handed to the next, and scrape counts both. Each test
    /// starts its own opentracker on free ports and kills it (by its PID) when done. Debian's
    /// opentracker is built with a whitelist (an unlisted torrent gets an empty 8-byte announce
    /// reply), so the test's info-hashes are listed in one.
    /// </summary>
    public sealed class OpentrackerUdpTests : IDisposable
    {
        private const string OpentrackerPath = "/usr/bin/opentracker";

        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

        private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

        private readonly string _directory;
        private readonly Process _tracker;
        private readonly Task<string> _stderr;
        private readonly int _udpPort;
        private readonly InfoHash _infoHash = RandomInfoHash();
        private readonly InfoHash _probeHash = RandomInfoHash();

        public OpentrackerUdpTests()
        {
            if (!File.Exists(OpentrackerPath))
            {
                throw new ToolMissingException(OpentrackerPath + " is missing. Install it with: sudo apt-get install opentracker.");
            }

            _directory = Path.Combine(Path.GetTempPath(), "jst-opentracker-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            File.WriteAllText(Path.Combine(_directory, "whitelist"), _infoHash + "\n" + _probeHash + "\n");
            int tcpPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
            _udpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);

            // -i before the ports: opentracker binds each port to the last address named.
            var startInfo = new ProcessStartInfo(OpentrackerPath)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _directory,
            };
            foreach (string argument in new[] { "-i", "127.0.0.1", "-p", tcpPort.ToString(), "-P", _udpPort.ToString(), "-d", _directory, "-w", "whitelist" })
            {
                startInfo.ArgumentList.Add(argument);
            }

            try
            {
                _tracker = Process.Start(startInfo) ?? throw new ToolMissingException("Process.Start returned no process for " + OpentrackerPath + ".");
            }
            catch (Win32Exception e)
            {
                throw new ToolMissingException("Cannot start " + OpentrackerPath + " (" + e.Message + ").", e);
            }

            _tracker.StandardInput.Close();
            _ = _tracker.StandardOutput.ReadToEndAsync();
            _stderr = _tracker.StandardError.ReadToEndAsync();
            WaitUntilListening(tcpPort);
        }

        public void Dispose()
        {
            try
            {
                if (!_tracker.HasExited)
                {
                    _tracker.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }

            _tracker.WaitForExit(5000);
            _tracker.Dispose();
            Directory.Delete(_directory, recursive: true);
        }

        [Fact]
        public async Task APeerAnnouncedOnceIsHandedToTheNextAndScrapeCountsBoth()
        {
            using var cts = new CancellationTokenSource(TestTimeout);
            var random = new Random();
            await using var socket = new UdpTrackerSocket(new NativeSocketFactory(), new Random(random.Next()));
            var clock = Stopwatch.StartNew();

            // Loopback loses nothing; the time-out only has to outlast a busy machine so no reply arrives twice.
            var options = new TrackerOptions { UdpBaseTimeout = TimeSpan.FromSeconds(2), UdpMaxAttempts = 3 };
            var client = new UdpTrackerClient(new Uri("udp://127.0.0.1:" + _udpPort + "/announce"), socket, options, () => clock.ElapsedMilliseconds);
            await WaitUntilWhitelistLoadedAsync(cts.Token);

            var leecher = new AnnounceRequest(_infoHash, PeerId.Generate(), 40001) { Left = 1000, Event = AnnounceEvent.Started, NumWant = 50, Key = 1 };
            AnnounceResponse first = await client.AnnounceAsync(leecher, cts.Token);
            Assert.True(first.Interval > TimeSpan.Zero);
            Assert.DoesNotContain(first.Peers, p => p.Port == 40002);

            var seeder = new AnnounceRequest(_infoHash, PeerId.Generate(), 40002) { Left = 0, Event = AnnounceEvent.Completed, NumWant = 50, Key = 2 };
            AnnounceResponse second = await client.AnnounceAsync(seeder, cts.Token);
            Assert.Contains(second.Peers, p => p.Host == "127.0.0.1" && p.Port == 40001);
            Assert.Equal(1, second.Seeders);
            Assert.Equal(1, second.Leechers);

            ScrapeResult scrape = await client.ScrapeAsync(_infoHash, cts.Token);
            Assert.Equal((1, 1, 1), (scrape.Seeders, scrape.Completed, scrape.Leechers));

            // Both announces and the scrape rode on one connection id; the replies were all routed.
            Assert.Equal(0, socket.IgnoredUnknownTransaction + socket.IgnoredWrongSender + socket.IgnoredTooShort);
            Assert.Equal(4, socket.DatagramsReceived);
        }

        private static InfoHash RandomInfoHash()
        {
            var bytes = new byte[InfoHash.Length];
            Random.Shared.NextBytes(bytes);
            return new InfoHash(bytes);
        }

        private static int FreePort(SocketType type, ProtocolType protocol)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, type, protocol);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        /// <summary>opentracker reads its whitelist on a thread of its own after start-up: announce a listed probe torrent until it is served.</summary>
        private async Task WaitUntilWhitelistLoadedAsync(CancellationToken cancellationToken)
        {
            await using var socket = new UdpTrackerSocket(new NativeSocketFactory(), new Random());
            var options = new TrackerOptions { UdpBaseTimeout = TimeSpan.FromSeconds(1), UdpMaxAttempts = 3 };
            var probe = new UdpTrackerClient(new Uri("udp://127.0.0.1:" + _udpPort + "/announce"), socket, options, () => 0);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await probe.AnnounceAsync(new AnnounceRequest(_probeHash, PeerId.Generate(), 1) { Left = 1 }, cancellationToken);
                    return;
                }
                catch (TrackerException ex) when (ex.Kind == TrackerErrorKind.InvalidResponse && deadline.Elapsed < StartTimeout)
                {
                    // The empty reply of an unlisted torrent: the list is not loaded yet; ask the external process again shortly.
                    await Task.Delay(50, cancellationToken);
                }
            }
        }

        private void WaitUntilListening(int tcpPort)
        {
            // opentracker binds TCP and UDP together at start-up; its TCP port accepting means both are up.
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (_tracker.HasExited)
                {
                    string stderr = _stderr.Wait(TimeSpan.FromSeconds(5)) ? _stderr.Result : "(unavailable)";
                    Assert.Fail("opentracker exited with code " + _tracker.ExitCode + " at start-up: " + stderr);
                }

                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    probe.Connect(new IPEndPoint(IPAddress.Loopback, tcpPort));
                    return;
                }
                catch (SocketException) when (deadline.Elapsed < StartTimeout)
                {
                    // Not listening yet: poll the external process again shortly.
                    Thread.Sleep(50);
                }
            }
        }
    }
}
