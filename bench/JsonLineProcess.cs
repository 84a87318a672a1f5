using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace JsTorrent.Bench
{
    /// <summary>
    /// A child process that prints one JSON object per line on stdout, each with an "event" name
    /// (lt_peer.py and the bench's own host commands). Stdin stays open as the child's life line:
    /// closing it asks the child to stop. Every wait is bounded, and disposing kills the child by
    /// its process id if it is still running.
    /// </summary>
    internal sealed class JsonLineProcess : IAsyncDisposable
    {
        private const int StderrTailLines = 40;
        private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

        private readonly Process _process;
        private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Queue<string> _stderr = new Queue<string>();
        private readonly Task _reader;
        private bool _inputClosed;

        private JsonLineProcess(string label, Process process)
        {
            Label = label;
            _process = process;
            _process.ErrorDataReceived += (_, e) => Remember(e.Data);
            _process.BeginErrorReadLine();
            _reader = Task.Run(ReadStdoutAsync);
        }

        /// <summary>Names the child in messages.</summary>
        public string Label { get; }

        /// <summary>The child's process id.</summary>
        public int Id => _process.Id;

        /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> (each passed as one argument, no shell) and extra environment variables.</summary>
        public static JsonLineProcess Start(string label, string fileName, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>>? environment = null)
        {
            var info = new ProcessStartInfo(fileName)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var variable in environment ?? Array.Empty<KeyValuePair<string, string>>())
            {
                info.Environment[variable.Key] = variable.Value;
            }

            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName + ".");
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException("Could not start " + fileName + ": " + ex.Message, ex);
            }

            return new JsonLineProcess(label, process);
        }

        /// <summary>
        /// Waits for the next line whose "event" is <paramref name="name"/>, skipping others. An
        /// "error" event, the child's exit or the time running out end the wait with an exception.
        /// </summary>
        public async Task<JsonElement> WaitForEventAsync(string name, TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                while (await _events.Reader.WaitToReadAsync(cancellation.Token).ConfigureAwait(false))
                {
                    while (_events.Reader.TryRead(out var element))
                    {
                        string? eventName = element.TryGetProperty("event", out var value) ? value.GetString() : null;
                        if (eventName == name)
                        {
                            return element;
                        }

                        if (eventName == "error")
                        {
                            throw Failure("reported an error: " + element.GetRawText());
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw Failure("sent no \"" + name + "\" event within " + timeout.TotalSeconds + " s");
            }

            await WaitForExitAsync(KillWait).ConfigureAwait(false);
            throw Failure("exited" + (_process.HasExited ? " with status " + _process.ExitCode : string.Empty) + " before a \"" + name + "\" event");
        }

        /// <summary>Closes the child's stdin: the agreed signal to stop.</summary>
        public void CloseInput()
        {
            if (_inputClosed)
            {
                return;
            }

            _inputClosed = true;
            try
            {
                _process.StandardInput.Close();
            }
            catch (System.IO.IOException)
            {
                // The child is already gone; its exit is what closing asked for.
            }
        }

        /// <summary>Closes stdin, then waits for the child's "exit" event and its end.</summary>
        public async Task<JsonElement> StopAsync(TimeSpan timeout)
        {
            CloseInput();
            var exit = await WaitForEventAsync("exit", timeout).ConfigureAwait(false);
            await WaitForExitAsync(timeout).ConfigureAwait(false);
            return exit;
        }

        /// <summary>Waits for the child to end; false when it is still running after <paramref name="timeout"/>.</summary>
        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return false;
            }
        }

        /// <summary>Kills the child by its process id when it is still running, then releases it.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    if (!await WaitForExitAsync(KillWait).ConfigureAwait(false))
                    {
                        Console.Error.WriteLine("warning: " + Label + " (pid " + _process.Id + ") did not end after being killed");
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // It ended between the check and the kill.
            }

            await Task.WhenAny(_reader, Task.Delay(KillWait)).ConfigureAwait(false);
            _process.Dispose();
        }

        private InvalidOperationException Failure(string what)
        {
            string tail;
            lock (_stderr)
            {
                tail = string.Join(Environment.NewLine + "    ", _stderr);
            }

            return new InvalidOperationException(Label + " (pid " + _process.Id + ") " + what
                + (tail.Length > 0 ? Environment.NewLine + "  its last output:" + Environment.NewLine + "    " + tail : string.Empty));
        }

        private async Task ReadStdoutAsync()
        {
            try
            {
                string? line;
                while ((line = await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false)) is not null)
                {
                    if (line.StartsWith('{'))
                    {
                        try
                        {
                            using var document = JsonDocument.Parse(line);
                            _events.Writer.TryWrite(document.RootElement.Clone());
                            continue;
                        }
                        catch (JsonException)
                        {
                            // Not one of its events after all: kept with the other output below.
                        }
                    }

                    Remember(line);
                }
            }
            finally
            {
                _events.Writer.TryComplete();
            }
        }

        private void Remember(string? line)
        {
            if (string.IsNullOrEmpty(line))
            {
                return;
            }

            lock (_stderr)
            {
                _stderr.Enqueue(line);
                while (_stderr.Count > StderrTailLines)
                {
                    _stderr.Dequeue();
                }
            }
        }
    }
}
