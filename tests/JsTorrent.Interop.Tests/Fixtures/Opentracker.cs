using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>
    /// A private opentracker on 127.0.0.1: HTTP on one free TCP port, UDP on one free UDP port.
    /// <para>
    /// Debian builds opentracker with a whitelist (WANT_ACCESSLIST_WHITE): it tracks only the
    /// info-hashes listed in its whitelist file, so the hashes are given up front. Started as root
    /// it chroots into its <c>-d</c> folder and drops to the user <c>nobody</c> (which is why the
    /// folder and the whitelist are world-readable and the whitelist is named relative to it);
    /// as any other user it only changes into that folder. Either way it runs without a config
    /// file and writes nothing.
    /// </para>
    /// </summary>
    public sealed class Opentracker : IAsyncDisposable, IDiagnosable
    {
        /// <summary>Environment variable naming the opentracker binary, if not the system one.</summary>
        public const string BinaryVariable = "JSTORRENT_OPENTRACKER";

        private const string InstallHint = ExternalProcess.InstallHint;
        private const string WhitelistName = "whitelist.txt";
        private const int MaxPortAttempts = 5;

        /// <summary>Whitelisted but never used by a test: announced once to prove the whitelist is loaded.</summary>
        private static readonly string ProbeHash = new string('e', 40);

        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

        private readonly string _folder;
        // No proxy: an http_proxy in the environment must not reroute loopback requests.
        private readonly HttpClient _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        private readonly StringBuilder _output = new StringBuilder();
        private readonly object _gate = new object();
        private Process? _process;
        private string _commandLine = string.Empty;
        private bool _disposed;

        private Opentracker(string folder)
        {
            _folder = folder;
        }

        /// <summary>The HTTP port (opentracker's <c>-p</c>).</summary>
        public int TcpPort { get; private set; }

        /// <summary>The UDP port (opentracker's <c>-P</c>).</summary>
        public int UdpPort { get; private set; }

        /// <summary>The process id (what disposal kills).</summary>
        public int ProcessId { get; private set; }

        /// <summary>The HTTP announce URL (BEP 3).</summary>
        public string HttpAnnounceUrl => "http://127.0.0.1:" + TcpPort.ToString(CultureInfo.InvariantCulture) + "/announce";

        /// <summary>The UDP announce URL (BEP 15).</summary>
        public string UdpAnnounceUrl => "udp://127.0.0.1:" + UdpPort.ToString(CultureInfo.InvariantCulture) + "/announce";

        /// <summary>
        /// Starts opentracker on free ports (new ones when a port turns out to be taken), waits until
        /// its HTTP port answers an announce for a whitelisted hash.
        /// </summary>
        /// <param name="infoHashes">The torrents it may track.</param>
        /// <param name="timeout">Most time to get it running.</param>
        /// <returns>The running tracker; dispose it.</returns>
        public static async Task<Opentracker> StartAsync(IEnumerable<InfoHash> infoHashes, TimeSpan timeout)
        {
            string folder = Path.Combine(Path.GetTempPath(), "jstorrent-opentracker-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var tracker = new Opentracker(folder);
            try
            {
                await tracker.StartAsync(infoHashes.Select(h => h.ToString()).ToList(), timeout).ConfigureAwait(false);
                return tracker;
            }
            catch (Exception)
            {
                await tracker.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>What the tracker knows of one torrent (its HTTP scrape).</summary>
        /// <param name="infoHash">The torrent.</param>
        /// <returns>Seeders and leechers.</returns>
        public async Task<TrackerSwarmCounts> ScrapeAsync(InfoHash infoHash)
        {
            string url = "http://127.0.0.1:" + TcpPort.ToString(CultureInfo.InvariantCulture) + "/scrape?info_hash=" + PercentEncode(infoHash.ToArray());
            byte[] body = await _http.GetByteArrayAsync(new Uri(url)).ConfigureAwait(false);
            var document = (BencodeDictionary)BencodeReader.Read(body);
            if (document["files"] is not BencodeDictionary files || files.Count == 0)
            {
                return new TrackerSwarmCounts(0, 0);
            }

            var entry = (BencodeDictionary)files.First().Value;
            return new TrackerSwarmCounts(Number(entry, "complete"), Number(entry, "incomplete"));
        }

        /// <summary>
        /// Polls the scrape until the tracker lists at least <paramref name="seeders"/> seeders and
        /// exactly <paramref name="leechers"/> leechers (a leecher that should have announced must
        /// have, before another peer asks for the peer list).
        /// </summary>
        /// <param name="infoHash">The torrent.</param>
        /// <param name="seeders">Seeders to wait for.</param>
        /// <param name="leechers">Leechers to wait for.</param>
        /// <param name="timeout">Most time to wait.</param>
        /// <param name="others">Participants described when the wait times out.</param>
        /// <returns>The counts that satisfied the wait.</returns>
        public async Task<TrackerSwarmCounts> WaitForSwarmAsync(InfoHash infoHash, int seeders, int leechers, TimeSpan timeout, params IDiagnosable[] others)
        {
            var clock = Stopwatch.StartNew();
            TrackerSwarmCounts counts;
            while (true)
            {
                counts = await ScrapeAsync(infoHash).ConfigureAwait(false);
                if (counts.Seeders >= seeders && counts.Leechers == leechers)
                {
                    return counts;
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException(
                        "The tracker did not list " + seeders + " seeder(s) and " + leechers + " leecher(s) within " + timeout.TotalSeconds + " s; it lists "
                        + counts + "." + Environment.NewLine + Describe() + Environment.NewLine + string.Join(Environment.NewLine, others.Select(o => o.Describe())));
                }

                await Task.Delay(PollInterval).ConfigureAwait(false);
            }
        }

        /// <inheritdoc />
        public string Describe()
        {
            lock (_gate)
            {
                return "--- opentracker (pid " + ProcessId.ToString(CultureInfo.InvariantCulture) + "): " + _commandLine + Environment.NewLine + _output;
            }
        }

        /// <summary>Kills the tracker by its process id and deletes its folder.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _http.Dispose();
            if (_process is not null)
            {
                await StopAsync(_process).ConfigureAwait(false);
            }

            Directory.Delete(_folder, recursive: true);
        }

        private static long Number(BencodeDictionary dictionary, string key) =>
            dictionary[key] is BencodeInteger number ? number.Value : 0;

        private static string PercentEncode(byte[] bytes)
        {
            var text = new StringBuilder(bytes.Length * 3);
            foreach (byte b in bytes)
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        private static int FreeTcpPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }

        private static int FreeUdpPort()
        {
            using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        }

        private static string FindBinary()
        {
            string? configured = Environment.GetEnvironmentVariable(BinaryVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            return File.Exists("/usr/bin/opentracker") ? "/usr/bin/opentracker" : "opentracker";
        }

        private async Task StartAsync(IReadOnlyList<string> hashes, TimeSpan timeout)
        {
            string whitelist = Path.Combine(_folder, WhitelistName);
            File.WriteAllLines(whitelist, hashes.Append(ProbeHash));
            if (!OperatingSystem.IsWindows())
            {
                // Readable by 'nobody', whom opentracker becomes after chrooting here when started as root.
                File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                File.SetUnixFileMode(whitelist, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            var clock = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                TcpPort = FreeTcpPort();
                UdpPort = FreeUdpPort();
                var process = Launch();
                if (await WaitUntilServingAsync(process, timeout - clock.Elapsed).ConfigureAwait(false))
                {
                    return;
                }

                // It exited: one of the ports was taken between choosing it and binding it.
                await StopAsync(process).ConfigureAwait(false);
                _process = null;
                if (attempt == MaxPortAttempts)
                {
                    throw new InvalidOperationException("opentracker could not bind free ports in " + MaxPortAttempts + " attempts." + Environment.NewLine + Describe());
                }
            }
        }

        private Process Launch()
        {
            string binary = FindBinary();
            var startInfo = new ProcessStartInfo(binary)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            foreach (string argument in new[]
            {
                "-i", "127.0.0.1",
                "-p", TcpPort.ToString(CultureInfo.InvariantCulture),
                "-P", UdpPort.ToString(CultureInfo.InvariantCulture),
                "-d", _folder,
                // Relative: after a chroot into _folder (root) or a chdir into it (anyone else) it names the same file.
                "-w", WhitelistName,
            })
            {
                startInfo.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(startInfo) ?? throw new ToolMissingException("Process.Start returned no process for '" + binary + "'. " + InstallHint + ".");
            }
            catch (Win32Exception e)
            {
                throw new ToolMissingException("Cannot start '" + binary + "' (" + e.Message + "). " + InstallHint + ".", e);
            }

            process.StandardInput.Close();
            process.OutputDataReceived += OnOutput;
            process.ErrorDataReceived += OnOutput;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            lock (_gate)
            {
                _commandLine = binary + " " + string.Join(" ", startInfo.ArgumentList);
                _output.Append("(started ").Append(_commandLine).AppendLine(")");
            }

            _process = process;
            ProcessId = process.Id;
            return process;
        }

        /// <summary>True once the tracker answers an announce for a whitelisted hash; false when it exited.</summary>
        private async Task<bool> WaitUntilServingAsync(Process process, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            string failure = "nothing answered";
            while (clock.Elapsed < timeout)
            {
                if (process.HasExited)
                {
                    return false;
                }

                string? answer = await TryProbeAsync().ConfigureAwait(false);
                if (answer is null)
                {
                    return true;
                }

                failure = answer;
                await Task.Delay(PollInterval).ConfigureAwait(false);
            }

            throw new TimeoutException("opentracker did not serve within " + timeout.TotalSeconds + " s (" + failure + ")." + Environment.NewLine + Describe());
        }

        /// <summary>
        /// Announces the probe hash (started, then stopped, so it leaves no peer behind); null when
        /// the tracker accepted it, else why not. The whitelist is loaded by a thread of its own
        /// after the ports are bound, so an accepting port alone does not mean the hashes are known.
        /// </summary>
        private async Task<string?> TryProbeAsync()
        {
            string query = "http://127.0.0.1:" + TcpPort.ToString(CultureInfo.InvariantCulture) + "/announce?info_hash="
                + PercentEncode(InfoHash.Parse(ProbeHash).ToArray())
                + "&peer_id=-JT0000-interopprobe&port=9&uploaded=0&downloaded=0&left=0&compact=1&event=";
            try
            {
                byte[] started = await _http.GetByteArrayAsync(new Uri(query + "started")).ConfigureAwait(false);
                if (BencodeReader.Read(started) is BencodeDictionary answer && answer.ContainsKey("failure reason"))
                {
                    return "announce refused: " + answer["failure reason"];
                }

                await _http.GetByteArrayAsync(new Uri(query + "stopped")).ConfigureAwait(false);
                return null;
            }
            catch (HttpRequestException e)
            {
                return e.Message;
            }
            catch (TaskCanceledException e)
            {
                // HttpClient's own time-out: the tracker is not answering yet.
                return e.Message;
            }
            catch (BencodeFormatException e)
            {
                // Something else answered on the port (it was taken); the process check above sees opentracker exit.
                return "not a tracker's answer: " + e.Message;
            }
        }

        private void OnOutput(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_gate)
            {
                _output.AppendLine(e.Data);
            }
        }

        private async Task StopAsync(Process process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has already exited (a port was taken, or it died on its own).
            }

            try
            {
                await process.WaitForExitAsync().WaitAsync(DrainTimeout).ConfigureAwait(false);
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
