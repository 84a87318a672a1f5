using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Options of the <c>libtorrent</c> command:
    /// [--size-mib N] [--runs N] [--piece-kib N] [--keep-data] [--threads] [--host-env NAME=VALUE]... [--data DIR] [--python PATH].
    /// </summary>
    internal sealed class LibtorrentOptions
    {
        public const string Usage = "libtorrent [--size-mib N] [--runs N] [--piece-kib N] [--keep-data] [--threads] [--host-env NAME=VALUE]... [--data DIR] [--python PATH]";

        public int SizeMiB { get; private set; } = 1024;

        public int Runs { get; private set; } = 3;

        public int PieceKiB { get; private set; } = 256;

        /// <summary>Keep every run's downloaded copies (one folder per run and leg) instead of deleting each after its leg.</summary>
        public bool KeepData { get; private set; }

        /// <summary>Our hosts sample their CPU time per thread (10 times a second) and report it by thread name.</summary>
        public bool Threads { get; private set; }

        /// <summary>Environment variables for our hosts only (runtime knobs such as DOTNET_TieredPGO=0), to try settings without rebuilding.</summary>
        public List<KeyValuePair<string, string>> HostEnvironment { get; } = new List<KeyValuePair<string, string>>();

        public string DataDirectory { get; private set; } = Settings.DefaultDataDirectory();

        public string Python { get; private set; } = "/usr/bin/python3";

        /// <summary>Parses the arguments after the command name; null when one is not understood.</summary>
        public static LibtorrentOptions? Parse(string[] args, int first)
        {
            var options = new LibtorrentOptions();
            for (int i = first; i < args.Length; i++)
            {
                string? next = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--size-mib" when Positive(next, out int size):
                        options.SizeMiB = size;
                        i++;
                        break;
                    case "--runs" when Positive(next, out int runs):
                        options.Runs = runs;
                        i++;
                        break;
                    case "--piece-kib" when Positive(next, out int piece) && piece >= 16 && (piece & (piece - 1)) == 0:
                        options.PieceKiB = piece;
                        i++;
                        break;
                    case "--keep-data":
                        options.KeepData = true;
                        break;
                    case "--threads":
                        options.Threads = true;
                        break;
                    case "--host-env" when next is not null && next.IndexOf('=', StringComparison.Ordinal) > 0:
                        int equals = next.IndexOf('=', StringComparison.Ordinal);
                        options.HostEnvironment.Add(new KeyValuePair<string, string>(next.Substring(0, equals), next.Substring(equals + 1)));
                        i++;
                        break;
                    case "--data" when next is not null:
                        options.DataDirectory = Path.GetFullPath(next);
                        i++;
                        break;
                    case "--python" when next is not null:
                        options.Python = next;
                        i++;
                        break;
                    default:
                        return null;
                }
            }

            return options;
        }

        private static bool Positive(string? text, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }
}
