using System;
using System.Globalization;

namespace JsTorrent.PowerShell.UnitTests.Objects
{
    /// <summary>The text the format views show for bytes, rates, percentages and durations.</summary>
    public sealed class DisplayFormatTests : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

        public DisplayFormatTests()
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        }

        public void Dispose() => CultureInfo.CurrentCulture = _culture;

        [Theory]
        [InlineData(0L, "0 B")]
        [InlineData(1023L, "1023 B")]
        [InlineData(1024L, "1.0 KiB")]
        [InlineData(70000L, "68.4 KiB")]
        [InlineData(3L * 1024 * 1024 + 5, "3.0 MiB")]
        [InlineData(5L * 1024 * 1024 * 1024, "5.00 GiB")]
        [InlineData(1536L * 1024 * 1024 * 1024, "1.50 TiB")]
        public void BytesUseBinaryUnits(long bytes, string expected)
        {
            Assert.Equal(expected, DisplayFormat.Bytes(bytes));
        }

        [Fact]
        public void AnyNumericTypeIsAcceptedAndNullOrTextIsBlank()
        {
            Assert.Equal("2.0 KiB", DisplayFormat.Bytes(2048));
            Assert.Equal("2.0 KiB", DisplayFormat.Bytes(2048.0));
            Assert.Equal("2.0 KiB", DisplayFormat.Bytes((ulong)2048));
            Assert.Equal(string.Empty, DisplayFormat.Bytes(null));
            Assert.Equal(string.Empty, DisplayFormat.Bytes("2048"));
            Assert.Equal(string.Empty, DisplayFormat.Rate(null));
            Assert.Equal(string.Empty, DisplayFormat.Percent(null));
            Assert.Equal(string.Empty, DisplayFormat.Duration(null));
        }

        [Fact]
        public void RatesAndLimitsArePerSecond()
        {
            Assert.Equal("0 B/s", DisplayFormat.Rate(0L));
            Assert.Equal("1.5 MiB/s", DisplayFormat.Rate(1536L * 1024));
            Assert.Equal("Unlimited", DisplayFormat.Limit(0L));
            Assert.Equal("512.0 KiB/s", DisplayFormat.Limit(512L * 1024));
        }

        [Theory]
        [InlineData(0.0, "0.0")]
        [InlineData(45.3, "45.3")]
        [InlineData(45.36, "45.3")]
        [InlineData(99.97, "99.9")]
        [InlineData(100.0, "100.0")]
        public void PercentHasOneDecimalAndReachesOneHundredOnlyWhenDone(double percent, string expected)
        {
            Assert.Equal(expected, DisplayFormat.Percent(percent));
        }

        [Fact]
        public void DurationsAreHoursMinutesSecondsWithoutWrappingAtADay()
        {
            Assert.Equal("00:00:00", DisplayFormat.Duration(TimeSpan.Zero));
            Assert.Equal("00:04:05", DisplayFormat.Duration(TimeSpan.FromSeconds(245)));
            Assert.Equal("00:00:02", DisplayFormat.Duration(TimeSpan.FromSeconds(1.2)));
            Assert.Equal("49:02:03", DisplayFormat.Duration(new TimeSpan(2, 1, 2, 3)));
            Assert.Equal(string.Empty, DisplayFormat.Duration(245L));
        }

        [Fact]
        public void NumbersFollowTheCurrentCultureAsPowerShellsFormatOperatorDoes()
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("68,4 KiB", DisplayFormat.Bytes(70000L));
            Assert.Equal("45,3", DisplayFormat.Percent(45.3));
        }
    }
}
