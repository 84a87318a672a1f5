using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace JsTorrent.Bench
{
    /// <summary>
    /// CPU seconds per thread name of this process, from /proc/self/task (Linux only; empty
    /// elsewhere): where a host's CPU time goes, like <c>top -H</c> but summed over a phase
    /// (see <see cref="ThreadCpuSampler"/>).
    /// </summary>
    internal static class ThreadCpu
    {
        private const double TicksPerSecond = 100.0; // USER_HZ, 100 on every Linux the bench runs on.

        /// <summary>CPU seconds so far, by thread id, with each thread's name.</summary>
        public static Dictionary<int, (string Name, double Seconds)> Snapshot()
        {
            var result = new Dictionary<int, (string Name, double Seconds)>();
            const string tasks = "/proc/self/task";
            if (!Directory.Exists(tasks))
            {
                return result;
            }

            foreach (string folder in Directory.GetDirectories(tasks))
            {
                try
                {
                    string stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    // The name is in parentheses and may hold spaces; the counters follow the last ')'.
                    int open = stat.IndexOf('(', StringComparison.Ordinal);
                    int close = stat.LastIndexOf(')');
                    string name = stat.Substring(open + 1, close - open - 1);
                    string[] fields = stat.Substring(close + 2).Split(' ');
                    // After the name: state(0) ... utime(11) stime(12).
                    double seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                    result[int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture)] = (name, seconds);
                }
                catch (IOException)
                {
                    // The thread ended while being listed.
                }
            }

            return result;
        }

        /// <summary>What each thread in <paramref name="now"/> spent since <paramref name="before"/> (threads new since then count from zero).</summary>
        internal static Dictionary<int, (string Name, double Seconds)> Spent(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> now)
        {
            var spent = new Dictionary<int, (string Name, double Seconds)>();
            foreach (var pair in now)
            {
                double previous = before.TryGetValue(pair.Key, out var old) ? old.Seconds : 0;
                spent[pair.Key] = (pair.Value.Name, pair.Value.Seconds - previous);
            }

            return spent;
        }

        /// <summary>CPU seconds by thread name (thread pool workers summed), largest first, as "name=seconds" pairs.</summary>
        internal static string Format(Dictionary<int, (string Name, double Seconds)> spent)
        {
            var byName = new Dictionary<string, double>();
            foreach (var pair in spent.Values)
            {
                if (pair.Seconds > 0)
                {
                    byName[pair.Name] = byName.TryGetValue(pair.Name, out double sum) ? sum + pair.Seconds : pair.Seconds;
                }
            }

            return string.Join(", ", byName.OrderByDescending(p => p.Value)
                .Select(p => p.Key + "=" + p.Value.ToString("N2", CultureInfo.InvariantCulture)));
        }
    }
}
