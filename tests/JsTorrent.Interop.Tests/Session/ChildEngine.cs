using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Interop.Tests.Session
{
    /// <summary>A <see cref="SessionDownloadChild"/> process: its output lines as they come, and a SIGKILL.</summary>
    internal sealed class ChildEngine : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();
        private readonly ConcurrentQueue<string> _errors = new ConcurrentQueue<string>();

        private ChildEngine(Process process)
        {
            _process = process;
        }

        public static ChildEngine Start(params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(typeof(ChildEngine).Assembly.Location);
            info.ArgumentList.Add(SessionDownloadChild.Command);
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = info };
            var child = new ChildEngine(process);
            process.OutputDataReceived += (s, e) =>
            {
                if (e.Data is null)
                {
                    child._lines.CompleteAdding();
                }
                else
                {
                    child._lines.Add(e.Data);
                }
            };
            process.ErrorDataReceived += (s, e) =>
            {
                if (e.Data != null)
                {
                    child._errors.Enqueue(e.Data);
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        /// <summary>Reads lines until one starts with <paramref name="word"/> and satisfies <paramref name="accept"/>; returns its fields.</summary>
        public string[] WaitFor(string word, Func<string[], bool> accept, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                foreach (string line in _lines.GetConsumingEnumerable(cancel.Token))
                {
                    string[] fields = line.Split(' ');
                    if (fields[0] == word && accept(fields))
                    {
                        return fields;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("The child engine printed no '" + word + "' line in " + timeout + ". Errors: " + string.Join(Environment.NewLine, _errors));
            }

            throw new InvalidOperationException("The child engine ended (exit " + (_process.HasExited ? _process.ExitCode.ToString() : "?") + ") before a '" + word + "' line. Errors: " + string.Join(Environment.NewLine, _errors));
        }

        /// <summary>SIGKILL on Linux: no finaliser, no flush, no session write runs.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            if (!_process.WaitForExit(10_000))
            {
                throw new TimeoutException("The killed child did not exit.");
            }
        }

        public int WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                throw new TimeoutException("The child engine did not exit in " + timeout + ".");
            }

            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
            _lines.Dispose();
        }
    }
}
