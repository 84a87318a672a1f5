using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace JsTorrent.Interop.Tests
{
    /// <summary>mktorrent, run as a separate process.</summary>
    public static class Mktorrent
    {
        /// <summary>Options of one mktorrent run.</summary>
        public sealed class Options
        {
            /// <summary>Piece length as a power of two (<c>-l</c>).</summary>
            public int PieceLengthExponent { get; set; } = 18;

            /// <summary>Announce URLs; each becomes one <c>-a</c> (one tier each).</summary>
            public IList<string> Announce { get; } = new List<string>();

            public bool IsPrivate { get; set; }

            public string? Comment { get; set; }

            public string? Source { get; set; }
        }

        /// <summary>Creates <paramref name="output"/> from <paramref name="target"/> (a file or folder).</summary>
        public static byte[] Create(string target, string output, Options options)
        {
            var arguments = new List<string> { "-l", options.PieceLengthExponent.ToString(CultureInfo.InvariantCulture) };
            foreach (string url in options.Announce)
            {
                arguments.Add("-a");
                arguments.Add(url);
            }

            if (options.IsPrivate)
            {
                arguments.Add("-p");
            }

            if (options.Comment is not null)
            {
                arguments.Add("-c");
                arguments.Add(options.Comment);
            }

            if (options.Source is not null)
            {
                arguments.Add("-s");
                arguments.Add(options.Source);
            }

            arguments.Add("-o");
            arguments.Add(output);
            arguments.Add(target);
            ExternalProcess.RunChecked("mktorrent", arguments);
            Assert.True(File.Exists(output), "mktorrent exited with 0 but wrote no '" + output + "'.");
            return File.ReadAllBytes(output);
        }
    }

    /// <summary>
    /// libtorrent (Debian's python3-libtorrent) through the scripts in Scripts/, each run as
    /// <c>python3 script.py args</c> and printing one JSON document.
    /// </summary>
    public static class Libtorrent
    {
        /// <summary>Environment variable naming the Python interpreter to use, if not the system one.</summary>
        public const string PythonVariable = "JSTORRENT_PYTHON";

        private static readonly Lazy<string> Python = new Lazy<string>(FindPython);

        private static readonly Dictionary<string, string> PythonEnvironment = new Dictionary<string, string>
        {
            ["PYTHONIOENCODING"] = "utf-8",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["PYTHONUTF8"] = "1",
        };

        /// <summary>The Python interpreter that has libtorrent (found once per test run).</summary>
        public static string Interpreter => Python.Value;

        /// <summary>Environment every script runs with (UTF-8 everywhere, no bytecode files next to the scripts).</summary>
        public static IReadOnlyDictionary<string, string> ScriptEnvironment => PythonEnvironment;

        /// <summary>Full path of a script copied to the test output's Scripts folder; fails the test when it is missing.</summary>
        public static string ScriptPath(string script)
        {
            string scriptPath = Path.Combine(AppContext.BaseDirectory, "Scripts", script);
            Assert.True(File.Exists(scriptPath), "The script '" + scriptPath + "' was not copied to the test output.");
            return scriptPath;
        }

        /// <summary>libtorrent's reading of a .torrent file.</summary>
        public static LtTorrent Info(string torrentPath) =>
            RunScript<LtTorrent>("torrent_info.py", torrentPath);

        /// <summary>How libtorrent lays out a torrent it creates.</summary>
        public enum Layout
        {
            /// <summary>v1 only, files in the order libtorrent lists them, no padding.</summary>
            Plain,

            /// <summary>v1 only, libtorrent's canonical order, BEP 47 pad files after every unaligned file.</summary>
            Padded,

            /// <summary>Hybrid v1/v2 (BEP 52), always padded.</summary>
            Hybrid,
        }

        /// <summary>Creates a torrent of <paramref name="content"/> with libtorrent and returns libtorrent's reading of it.</summary>
        public static LtTorrent Create(string content, string output, int pieceLength, Layout layout) =>
            RunScript<LtTorrent>(
                "create_torrent.py",
                content,
                output,
                pieceLength.ToString(CultureInfo.InvariantCulture),
                layout.ToString().ToLowerInvariant());

        /// <summary>Has libtorrent hash-check every piece of the torrent against the data under <paramref name="savePath"/>.</summary>
        public static LtRecheck Recheck(string torrentPath, string savePath) =>
            RunScript<LtRecheck>("recheck.py", torrentPath, savePath, "45");

        private static T RunScript<T>(string script, params string[] arguments)
            where T : class
        {
            var all = new List<string> { ScriptPath(script) };
            all.AddRange(arguments);
            var result = ExternalProcess.RunChecked(Python.Value, all, environment: PythonEnvironment);
            try
            {
                return JsonSerializer.Deserialize<T>(result.StandardOutput)
                    ?? throw new JsonException("null document");
            }
            catch (JsonException e)
            {
                Assert.Fail("'" + result.CommandLine + "' did not print the expected JSON (" + e.Message + "):" + Environment.NewLine + result.StandardOutput);
                throw;
            }
        }

        /// <summary>
        /// The first interpreter that can import libtorrent: $JSTORRENT_PYTHON, then the
        /// system one (where apt installs python3-libtorrent, even when a pyenv or venv
        /// python3 comes first on PATH), then python3 on PATH.
        /// </summary>
        private static string FindPython()
        {
            var candidates = new List<string>();
            string? configured = Environment.GetEnvironmentVariable(PythonVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                candidates.Add(configured);
            }

            candidates.Add("/usr/bin/python3");
            candidates.Add("python3");
            var attempts = new StringBuilder();
            foreach (string candidate in candidates)
            {
                try
                {
                    var probe = ExternalProcess.Run(candidate, new[] { "-c", "import libtorrent; print(libtorrent.__version__)" }, environment: PythonEnvironment);
                    if (probe.ExitCode == 0)
                    {
                        return candidate;
                    }

                    attempts.Append(Environment.NewLine).Append("  ").Append(candidate).Append(": ").Append(probe.StandardError.Trim());
                }
                catch (ToolMissingException e)
                {
                    attempts.Append(Environment.NewLine).Append("  ").Append(candidate).Append(": ").Append(e.InnerException?.Message ?? e.Message);
                }
            }

            throw new ToolMissingException(
                "No Python interpreter with the libtorrent module was found (set " + PythonVariable + " to choose one). "
                + ExternalProcess.InstallHint + ". Tried:" + attempts);
        }
    }
}
