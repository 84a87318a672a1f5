using System;
using System.Diagnostics;
using System.Text.Json;
using Xunit.Sdk;

namespace JsTorrent.Interop.Tests
{
    /// <summary>The process helper itself: verbatim arguments, clear failures, bounded waits.</summary>
    public sealed class ExternalProcessTests
    {
        [Fact]
        public void PassesArgumentsVerbatimWithoutAShell()
        {
            string[] arguments = { "two words", "quo\"te", "it's", "ünïcødé 文件", string.Empty, "$HOME", "*", "a;b|c" };
            var all = new[] { "-c", "import json, sys; print(json.dumps(sys.argv[1:]))" };
            var result = ExternalProcess.RunChecked(Libtorrent.Interpreter, Concat(all, arguments));
            Assert.Equal(arguments, JsonSerializer.Deserialize<string[]>(result.StandardOutput));
        }

        [Fact]
        public void NonZeroExitFailsWithStandardError()
        {
            var error = Assert.ThrowsAny<XunitException>(() => ExternalProcess.RunChecked(
                Libtorrent.Interpreter,
                new[] { "-c", "import sys; sys.stderr.write('the reason'); sys.exit(3)" }));
            Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
            Assert.Contains("the reason", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void OverrunningProcessIsKilledAndFails()
        {
            var watch = Stopwatch.StartNew();
            var error = Assert.ThrowsAny<XunitException>(() => ExternalProcess.Run(
                Libtorrent.Interpreter,
                new[] { "-c", "import sys, time; sys.stderr.write('started'); sys.stderr.flush(); time.sleep(120)" },
                TimeSpan.FromSeconds(1)));
            Assert.Contains("killed", error.Message, StringComparison.Ordinal);
            Assert.Contains("started", error.Message, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The helper waited " + watch.Elapsed + " for a process it should have killed after 1 s.");
        }

        [Fact]
        public void MissingToolFailsWithInstallHint()
        {
            var error = Assert.Throws<ToolMissingException>(() => ExternalProcess.Run("jstorrent-no-such-tool", Array.Empty<string>()));
            Assert.Contains("apt-get install mktorrent python3-libtorrent", error.Message, StringComparison.Ordinal);
        }

        private static string[] Concat(string[] first, string[] second)
        {
            var all = new string[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }
    }
}
