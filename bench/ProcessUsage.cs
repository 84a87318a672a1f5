using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace JsTorrent.Bench
{
    /// <summary>This process's CPU time and peak resident memory, as the benchmark's host children report them.</summary>
    internal static class ProcessUsage
    {
        private const string Status = "/proc/self/status";

        /// <summary>User plus system CPU seconds of the whole process so far.</summary>
        public static double CpuSeconds()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        }

        /// <summary>
        /// Peak resident set in MiB: VmHWM on Linux (the kernel's high-water mark, what libtorrent's
        /// ru_maxrss also reports), <see cref="Process.PeakWorkingSet64"/> elsewhere.
        /// </summary>
        public static double PeakRssMiB()
        {
            if (File.Exists(Status))
            {
                foreach (string line in File.ReadLines(Status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        string kib = line.Substring("VmHWM:".Length).Trim();
                        kib = kib.EndsWith("kB", StringComparison.Ordinal) ? kib.Substring(0, kib.Length - 2).Trim() : kib;
                        return long.Parse(kib, NumberStyles.None, CultureInfo.InvariantCulture) / 1024.0;
                    }
                }
            }

            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64 / (1024.0 * 1024.0);
        }
    }
}
