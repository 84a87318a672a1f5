using System;
using System.Globalization;

namespace JsTorrent
{
    /// <summary>
    /// Text for the module's format views (the *.Format.ps1xml files): the objects keep bytes, bytes per second,
    /// 0-100 percentages and time spans, and the views show them through these. Scripts may use them too,
    /// e.g. <c>[JsTorrent.DisplayFormat]::Bytes($t.Size)</c>. Every method takes what a view hands it,
    /// also from a deserialized object (Import-Clixml), and answers an empty string for null.
    /// </summary>
    public static class DisplayFormat
    {
        private const double KiB = 1024d;
        private const double MiB = KiB * 1024;
        private const double GiB = MiB * 1024;
        private const double TiB = GiB * 1024;

        /// <summary>A byte count in binary units: <c>512 B</c>, <c>68.4 KiB</c>, <c>1.5 MiB</c>, <c>4.38 GiB</c>, <c>1.02 TiB</c>.</summary>
        /// <param name="bytes">A number of bytes (any numeric type), or null.</param>
        /// <returns>The text, or an empty string for null or a non-number.</returns>
        public static string Bytes(object? bytes)
        {
            if (!TryNumber(bytes, out double value))
            {
                return string.Empty;
            }

            double size = Math.Abs(value);
            var culture = CultureInfo.CurrentCulture;
            if (size >= TiB)
            {
                return (value / TiB).ToString("N2", culture) + " TiB";
            }

            if (size >= GiB)
            {
                return (value / GiB).ToString("N2", culture) + " GiB";
            }

            if (size >= MiB)
            {
                return (value / MiB).ToString("N1", culture) + " MiB";
            }

            return size >= KiB
                ? (value / KiB).ToString("N1", culture) + " KiB"
                : value.ToString("0", culture) + " B";
        }

        /// <summary>A rate in bytes per second: <c>0 B/s</c>, <c>1.2 MiB/s</c>.</summary>
        /// <param name="bytesPerSecond">Bytes per second, or null.</param>
        /// <returns>The text, or an empty string for null.</returns>
        public static string Rate(object? bytesPerSecond)
        {
            string bytes = Bytes(bytesPerSecond);
            return bytes.Length == 0 ? bytes : bytes + "/s";
        }

        /// <summary>A rate limit: <c>Unlimited</c> for 0, else as <see cref="Rate"/>.</summary>
        /// <param name="bytesPerSecond">The limit in bytes per second (0 is unlimited), or null.</param>
        /// <returns>The text, or an empty string for null.</returns>
        public static string Limit(object? bytesPerSecond) =>
            TryNumber(bytesPerSecond, out double value) && value <= 0 ? "Unlimited" : Rate(bytesPerSecond);

        /// <summary>A 0-100 percentage with one decimal, without the sign: <c>45.3</c>.</summary>
        /// <param name="percent">The percentage, or null.</param>
        /// <returns>The text, or an empty string for null.</returns>
        public static string Percent(object? percent) =>
            TryNumber(percent, out double value)
                ? (Math.Floor((value * 10) + 1e-6) / 10).ToString("F1", CultureInfo.CurrentCulture) // rounded down: 99.97 shows 99.9, never a false 100.0
                : string.Empty;

        /// <summary>A time span as hours:minutes:seconds, the hours not wrapping at a day: <c>00:04:05</c>, <c>49:00:00</c>.</summary>
        /// <param name="duration">A <see cref="TimeSpan"/>, or null (unknown).</param>
        /// <returns>The text, or an empty string for null.</returns>
        public static string Duration(object? duration)
        {
            if (!(duration is TimeSpan span))
            {
                return string.Empty;
            }

            long seconds = (long)Math.Ceiling(Math.Abs(span.TotalSeconds));
            string text = (seconds / 3600).ToString("00", CultureInfo.InvariantCulture) + ":"
                + (seconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture) + ":"
                + (seconds % 60).ToString("00", CultureInfo.InvariantCulture);
            return span < TimeSpan.Zero ? "-" + text : text;
        }

        private static bool TryNumber(object? value, out double number)
        {
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                    number = 0;
                    return false;
                case IConvertible convertible:
                    try
                    {
                        number = convertible.ToDouble(CultureInfo.InvariantCulture);
                        return !double.IsNaN(number);
                    }
                    catch (FormatException)
                    {
                        number = 0;
                        return false;
                    }
                    catch (InvalidCastException)
                    {
                        number = 0;
                        return false;
                    }

                default:
                    number = 0;
                    return false;
            }
        }
    }
}
