using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>
    /// One long-running libtorrent peer (Scripts/lt_peer.py) on 127.0.0.1. Its JSON lines are
    /// read as they come; the test waits for "listening", "finished" and "exit" with time-outs.
    /// Disposing closes its stdin (the script's signal to stop), gives it a moment, then kills
    /// the process tree by the process's id. stdout and stderr are kept for failure messages.
    /// </summary>
    public sealed class LibtorrentPeer : IAsyncDisposable, IDiagnosable
    {
        /// <summary>How long a peer gets to exit after its stdin closes before it is killed.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

        private readonly Process _process;
        private readonly string _commandLine;
        private readonly object _gate = new object();
        private readonly StringBuilder _stdout = new StringBuilder();
        private readonly StringBuilder _stderr = new StringBuilder();
        private readonly List<LibtorrentPeerEvent> _events = new List<LibtorrentPeerEvent>();
        private readonly TaskCompletionSource<LibtorrentPeerEvent> _listening = NewSource();
        private readonly TaskCompletionSource<LibtorrentPeerEvent> _finished = NewSource();
        private readonly TaskCompletionSource<LibtorrentPeerEvent> _exit = NewSource();
        private readonly Task _stdoutPump;
        private readonly Task _stderrPump;
        private bool _disposed;

        private LibtorrentPeer(string name, LibtorrentPeerOptions options)
        {
            Name = name;
            var startInfo = new ProcessStartInfo(Libtorrent.Interpreter)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
                CreateNoWindow = true,
            };
            foreach (string argument in Arguments(options))
            {
                startInfo.ArgumentList.Add(argument);
            }

            foreach (var pair in Libtorrent.ScriptEnvironment)
            {
                startInfo.Environment[pair.Key] = pair.Value;
            }

            _commandLine = startInfo.FileName + " " + string.Join(" ", startInfo.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? "'" + a + "'" : a));
            try
            {
                _process = Process.Start(startInfo)
                    ?? throw new ToolMissingException("Process.Start returned no process for '" + startInfo.FileName + "'. " + ExternalProcess.InstallHint + ".");
            }
            catch (Win32Exception e)
            {
                throw new ToolMissingException("Cannot start '" + startInfo.FileName + "' (" + e.Message + "). " + ExternalProcess.InstallHint + ".", e);
            }

            ProcessId = _process.Id;
            _stdoutPump = PumpStdoutAsync(_process.StandardOutput);
            _stderrPump = PumpStderrAsync(_process.StandardError);
        }

        /// <summary>What the test calls this peer in messages ("libtorrent seeder", ...).</summary>
        public string Name { get; }

        /// <summary>The script's process id (what disposal kills, if it has to).</summary>
        public int ProcessId { get; }

        /// <summary>The port libtorrent listens on (127.0.0.1).</summary>
        public int Port { get; private set; }

        /// <summary>Every JSON line read so far.</summary>
        public IReadOnlyList<LibtorrentPeerEvent> Events
        {
            get
            {
                lock (_gate)
                {
                    return _events.ToArray();
                }
            }
        }

        /// <summary>Starts the script and waits until it prints its listen port.</summary>
        /// <param name="name">What to call the peer in messages.</param>
        /// <param name="options">The command line.</param>
        /// <param name="timeout">Most time to wait for "listening".</param>
        /// <returns>The running peer; dispose it.</returns>
        public static async Task<LibtorrentPeer> StartAsync(string name, LibtorrentPeerOptions options, TimeSpan timeout)
        {
            var peer = new LibtorrentPeer(name, options);
            try
            {
                var listening = await peer.WaitAsync(peer._listening.Task, "print its listen port", timeout, Array.Empty<IDiagnosable>()).ConfigureAwait(false);
                peer.Port = listening.Port;
                return peer;
            }
            catch (Exception)
            {
                await peer.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Waits until libtorrent reports the torrent complete (a seeder does so once its check passes).</summary>
        /// <param name="timeout">Most time to wait.</param>
        /// <param name="others">The other participants, described with this one when the wait fails.</param>
        /// <returns>The "finished" line (counters at completion).</returns>
        public Task<LibtorrentPeerEvent> WaitForFinishedAsync(TimeSpan timeout, params IDiagnosable[] others) =>
            WaitAsync(_finished.Task, "finish the torrent", timeout, others);

        /// <summary>
        /// Waits until the script prints its last line and its process has exited (so every file it
        /// wrote is closed). Used with <see cref="LibtorrentPeerOptions.ExitWhenDone"/>.
        /// </summary>
        /// <param name="timeout">Most time to wait.</param>
        /// <param name="others">The other participants, described with this one when the wait fails.</param>
        /// <returns>The "exit" line.</returns>
        public async Task<LibtorrentPeerEvent> WaitForExitAsync(TimeSpan timeout, params IDiagnosable[] others)
        {
            var exit = await WaitAsync(_exit.Task, "exit", timeout, others).ConfigureAwait(false);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(DrainTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(Name + " printed its exit line but its process did not end within " + DrainTimeout.TotalSeconds + " s." + Environment.NewLine + Describe());
            }

            return exit;
        }

        /// <summary>This peer's and the others' transcripts, for a failure message.</summary>
        /// <param name="others">The other participants.</param>
        /// <returns>The text.</returns>
        public string Report(params IDiagnosable[] others) =>
            Describe() + Environment.NewLine + string.Join(Environment.NewLine, others.Select(o => o.Describe()));

        /// <inheritdoc />
        public string Describe()
        {
            lock (_gate)
            {
                return "--- " + Name + " (pid " + ProcessId.ToString(CultureInfo.InvariantCulture) + "): " + _commandLine + Environment.NewLine
                    + "stdout:" + Environment.NewLine + _stdout
                    + "stderr:" + Environment.NewLine + _stderr;
            }
        }

        /// <summary>Closes stdin (the script's stop signal), waits briefly, then kills the process tree by id.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The script has already exited and the pipe is gone: nothing left to signal.
            }

            try
            {
                await _process.WaitForExitAsync().WaitAsync(StopGrace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Kill();
                await _process.WaitForExitAsync().WaitAsync(DrainTimeout).ConfigureAwait(false);
            }

            // Its pipes closed with it, so the readers end promptly.
            await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(DrainTimeout).ConfigureAwait(false);
            _process.Dispose();
        }

        private static TaskCompletionSource<LibtorrentPeerEvent> NewSource() =>
            new TaskCompletionSource<LibtorrentPeerEvent>(TaskCreationOptions.RunContinuationsAsynchronously);

        private static IEnumerable<string> Arguments(LibtorrentPeerOptions options)
        {
            yield return Libtorrent.ScriptPath("lt_peer.py");
            if (options.TorrentPath is not null)
            {
                yield return "--torrent";
                yield return options.TorrentPath;
            }
            else
            {
                yield return "--magnet";
                yield return options.Magnet ?? throw new ArgumentException("Set TorrentPath or Magnet.", nameof(options));
            }

            yield return "--save";
            yield return options.SavePath;
            foreach (string peer in options.Peers)
            {
                yield return "--peer";
                yield return peer;
            }

            if (options.SeedMode)
            {
                yield return "--seed-mode";
            }

            if (options.ExitWhenDone)
            {
                yield return "--exit-when-done";
            }

            yield return "--timeout";
            yield return options.Lifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }

        private async Task<LibtorrentPeerEvent> WaitAsync(Task<LibtorrentPeerEvent> what, string description, TimeSpan timeout, IDiagnosable[] others)
        {
            try
            {
                return await what.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(Name + " did not " + description + " within " + timeout.TotalSeconds + " s." + Environment.NewLine + Report(others));
            }
            catch (LibtorrentPeerStoppedException e)
            {
                // Let stderr (a Python traceback, usually) arrive before it is quoted.
                await Task.WhenAny(_stderrPump, Task.Delay(DrainTimeout)).ConfigureAwait(false);
                throw new InvalidOperationException(Name + " did not " + description + ": " + e.Message + Environment.NewLine + Report(others), e);
            }
        }

        private void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the kill.
            }
        }

        private async Task PumpStdoutAsync(StreamReader reader)
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                LibtorrentPeerEvent? parsed = null;
                try
                {
                    parsed = JsonSerializer.Deserialize<LibtorrentPeerEvent>(line);
                }
                catch (JsonException)
                {
                    // Not one of the script's lines (a Python warning on stdout); kept in the transcript below.
                }

                lock (_gate)
                {
                    _stdout.AppendLine(line);
                    if (parsed is not null)
                    {
                        _events.Add(parsed);
                    }
                }

                if (parsed is not null)
                {
                    OnEvent(parsed);
                }
            }

            // The script is gone: whatever it never printed will not come.
            var ended = new LibtorrentPeerStoppedException("the script exited first");
            _listening.TrySetException(ended);
            _finished.TrySetException(ended);
            _exit.TrySetException(ended);
        }

        private void OnEvent(LibtorrentPeerEvent e)
        {
            switch (e.Event)
            {
                case "listening":
                    _listening.TrySetResult(e);
                    break;
                case "finished":
                    _finished.TrySetResult(e);
                    break;
                case "exit":
                    _exit.TrySetResult(e);
                    _finished.TrySetException(new LibtorrentPeerStoppedException("the script exited (" + e.Reason + ") without finishing"));
                    break;
                case "error":
                    // A file or torrent error will not heal by waiting; fail the wait now with libtorrent's words.
                    _finished.TrySetException(new LibtorrentPeerStoppedException("libtorrent reported an error: " + e.Message));
                    break;
            }
        }

        private async Task PumpStderrAsync(StreamReader reader)
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
            {
                lock (_gate)
                {
                    _stderr.AppendLine(line);
                }
            }
        }
    }
}
