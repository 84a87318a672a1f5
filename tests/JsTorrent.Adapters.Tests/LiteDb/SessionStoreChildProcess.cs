using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace JsTorrent.Adapters.Tests.LiteDb
{
    /// <summary>
    /// A <see cref="SessionStoreChild"/> running in a child <c>dotnet</c> process: this test assembly run as a
    /// program. Every wait is bounded; Dispose kills a child that is still running.
    /// </summary>
    public sealed class SessionStoreChildProcess : IDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        private readonly Process _process;
        private readonly StringBuilder _errors = new StringBuilder();

        private SessionStoreChildProcess(Process process)
        {
            _process = process;
        }

        public int Id => _process.Id;

        public string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        public static SessionStoreChildProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
        {
            var startInfo = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            startInfo.ArgumentList.Add(typeof(SessionStoreChild).Assembly.Location);
            startInfo.ArgumentList.Add(SessionStoreChild.Command);
            foreach (string argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            if (environment is not null)
            {
                foreach (var pair in environment)
                {
                    startInfo.Environment[pair.Key] = pair.Value;
                }
            }

            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
            var child = new SessionStoreChildProcess(process);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (child._errors)
                    {
                        child._errors.AppendLine(e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();
            return child;
        }

        /// <summary>The child's next line of output; fails the test when the child ends first.</summary>
        public async Task<string> ReadLineAsync()
        {
            string? line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Timeout);
            if (line is null)
            {
                await _process.WaitForExitAsync().WaitAsync(Timeout);
                Assert.Fail("The child ended (exit code " + _process.ExitCode + ") without the expected output. stderr: " + Errors);
            }

            return line!;
        }

        public void CloseInput() => _process.StandardInput.Close();

        /// <summary>Kills the child (SIGKILL on Unix: no cleanup runs) and waits until it is gone.</summary>
        public async Task KillAsync()
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(Timeout);
        }

        public async Task<int> WaitForExitAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(Timeout);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit((int)Timeout.TotalMilliseconds);
            }

            _process.Dispose();
        }

        private static string DotnetHost()
        {
            // The SDK tells test hosts which muxer runs them; otherwise this process may be it.
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string? self = Environment.ProcessPath;
            if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return self;
            }

            return "dotnet";
        }
    }
}
