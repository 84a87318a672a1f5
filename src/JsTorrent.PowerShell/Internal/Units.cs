using System;
using System.Globalization;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Sizes, rates and durations for people (progress text and messages); objects keep raw numbers.</summary>
    internal static class Units
    {
        private static readonly string[] Names = { "KiB", "MiB", "GiB", "TiB", "PiB" };

        /// <summary>"12.5 of 80.4 MiB": both in the unit that suits the total.</summary>
        public static string Progress(long done, long total) => HashingProgress.FormatProgress(Math.Max(0, Math.Min(done, total)), total);

        /// <summary>"80.4 MiB", or "512 bytes".</summary>
        public static string Size(long bytes)
        {
            if (bytes < 1024)
            {
                return bytes.ToString(CultureInfo.CurrentCulture) + " bytes";
            }

            double value = bytes;
            int unit = -1;
            while (value >= 1024 && unit < Names.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            return value.ToString("0.0", CultureInfo.CurrentCulture) + " " + Names[unit];
        }

        /// <summary>"1.2 MiB/s".</summary>
        public static string Rate(long bytesPerSecond) => Size(bytesPerSecond) + "/s";

        /// <summary>"42s", "3m 05s", "2h 10m", "3d 4h".</summary>
        public static string Duration(TimeSpan span)
        {
            if (span.TotalDays >= 1)
            {
                return ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture) + "d " + span.Hours.ToString(CultureInfo.InvariantCulture) + "h";
            }

            if (span.TotalHours >= 1)
            {
                return span.Hours.ToString(CultureInfo.InvariantCulture) + "h " + span.Minutes.ToString("00", CultureInfo.InvariantCulture) + "m";
            }

            return span.TotalMinutes >= 1
                ? span.Minutes.ToString(CultureInfo.InvariantCulture) + "m " + span.Seconds.ToString("00", CultureInfo.InvariantCulture) + "s"
                : Math.Max(0, (int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
        }
    }
}
