using System;
using System.Globalization;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Progress and durations for people (progress text and messages); sizes and rates are <see cref="DisplayFormat"/>'s, as in the format views.</summary>
    internal static class Units
    {
        /// <summary>"12.5 of 80.4 MiB": both in the unit that suits the total.</summary>
        public static string Progress(long done, long total) => HashingProgress.FormatProgress(Math.Max(0, Math.Min(done, total)), total);

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
