using System;
using System.Globalization;
using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Fills a progress record for hashing: percent and "x of y" in a unit that suits the size.</summary>
    internal static class HashingProgress
    {
        public static ProgressRecord Describe(ProgressRecord record, long hashed, long total)
        {
            // The engine counts content bytes only, so hashed never passes total; clamp anyway so a
            // miscount can never make PowerShell reject the record (PercentComplete must be -1..100).
            long done = Math.Max(0, Math.Min(hashed, total));
            record.PercentComplete = total > 0 ? (int)(done * 100 / total) : 0;
            record.StatusDescription = FormatProgress(done, total) + " hashed";
            return record;
        }

        /// <summary>"12.5 of 80.4 KiB": both numbers in the unit that suits the total, so small sources don't read "0 of 0 MiB".</summary>
        public static string FormatProgress(long done, long total)
        {
            if (total < 1024)
            {
                return done.ToString(CultureInfo.CurrentCulture) + " of " + total.ToString(CultureInfo.CurrentCulture) + " bytes";
            }

            string[] units = { "KiB", "MiB", "GiB", "TiB", "PiB" };
            int unit = 0;
            double scale = 1024;
            while (unit < units.Length - 1 && total >= scale * 1024)
            {
                scale *= 1024;
                unit++;
            }

            return (done / scale).ToString("0.0", CultureInfo.CurrentCulture) + " of "
                + (total / scale).ToString("0.0", CultureInfo.CurrentCulture) + " " + units[unit];
        }
    }
}
