using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace JsTorrent.Interop.Tests
{
    /// <summary>What a finished external process printed and returned.</summary>
    public sealed class ProcessResult
    {
        public ProcessResult(string commandLine, int exitCode, string standardOutput, string standardError)
        {
            CommandLine = commandLine;
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
        }

        public string CommandLine { get; }

        public int ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }
    }

    /// <summary>
    /// Runs a reference tool (mktorrent, python3) directly, never through a shell:
    /// every argument is passed as one element of <see cref="ProcessStartInfo.ArgumentList"/>,
    /// so names with spaces or non-ASCII characters need no quoting. Every run is
    /// bounded; a process that overruns is killed with its whole tree.
    /// </summary>
    public static class ExternalProcess
    {
        public const string InstallHint = "Install the reference tools with: sudo apt-get install mktorrent python3-libtorrent opentracker";

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Runs the tool and fails the test unless it exits with 0.</summary>
        public static ProcessResult RunChecked(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
        {
            var result = Run(fileName, arguments, timeout, environment);
            if (result.ExitCode != 0)
            {
                Assert.Fail(
                    "'" + result.CommandLine + "' exited with code " + result.ExitCode + "." + Environment.NewLine
                    + "stderr:" + Environment.NewLine + result.StandardError + Environment.NewLine
                    + "stdout:" + Environment.NewLine + result.StandardOutput);
            }

            return result;
        }

        /// <summary>Runs the tool and returns whatever it did; fails the test only when it cannot be started or overruns.</summary>
        public static ProcessResult Run(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
        {
            var limit = timeout ?? DefaultTimeout;
            var startInfo = new ProcessStartInfo(fileName)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
                CreateNoWindow = true,
            };
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

            string commandLine = fileName + " " + string.Join(" ", startInfo.ArgumentList.Select(Quote));
            Process? process;
            try
            {
                process = Process.Start(startInfo);
            }
            catch (Win32Exception e)
            {
                throw new ToolMissingException(
                    "Cannot start '" + fileName + "' (" + e.Message + "). " + InstallHint + ".", e);
            }

            if (process is null)
            {
                throw new ToolMissingException("Process.Start returned no process for '" + fileName + "'. " + InstallHint + ".");
            }

            using (process)
            {
                // The tools never read stdin; closing it keeps one from waiting on a console.
                process.StandardInput.Close();
                Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                Task<string> stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(limit))
                {
                    try
                    {
                        process.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // It exited between the timeout and the kill.
                    }

                    process.WaitForExit(DrainTimeout);
                    Assert.Fail(
                        "'" + commandLine + "' did not finish within " + limit.TotalSeconds + " s and was killed." + Environment.NewLine
                        + "stderr so far:" + Environment.NewLine + Drained(stderr));
                }

                // The process has exited; its pipes close with it, so the readers finish promptly.
                if (!Task.WaitAll(new Task[] { stdout, stderr }, DrainTimeout))
                {
                    Assert.Fail("'" + commandLine + "' exited but its output did not close within " + DrainTimeout.TotalSeconds + " s.");
                }

                return new ProcessResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
            }
        }

        private static string Drained(Task<string> reader) =>
            reader.Wait(DrainTimeout) ? reader.Result : "(unavailable)";

        private static string Quote(string argument) =>
            argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '"', '\'', '\t' }) < 0 ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A reference tool is not installed; the interop suite cannot prove anything without it, so this fails the test.</summary>
    public sealed class ToolMissingException : Exception
    {
        public ToolMissingException(string message)
            : base(message)
        {
        }

        public ToolMissingException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
