using System;
using System.Globalization;
using System.Management.Automation;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>
    /// Lets a TimeSpan parameter take a number of seconds (30, 2.5, '30') as well as a TimeSpan or '00:05:00':
    /// PowerShell alone would read the number 30 as 30 ticks.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeoutTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            TimeSpan timeout;
            switch (value)
            {
                case TimeSpan span:
                    timeout = span;
                    break;
                case int _:
                case long _:
                case double _:
                case float _:
                case decimal _:
                case short _:
                case byte _:
                    timeout = Seconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    timeout = Seconds(seconds);
                    break;
                case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed):
                    timeout = parsed;
                    break;
                default:
                    throw new ArgumentTransformationMetadataException("'" + inputData + "' is not a timeout: give seconds (30) or a TimeSpan ('00:05:00').");
            }

            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentTransformationMetadataException("The timeout must be more than zero; it is " + timeout + ".");
            }

            return timeout;
        }

        private static TimeSpan Seconds(double seconds)
        {
            if (double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds)
            {
                throw new ArgumentTransformationMetadataException("'" + seconds + "' seconds is not a usable timeout.");
            }

            return TimeSpan.FromSeconds(seconds);
        }
    }
}
