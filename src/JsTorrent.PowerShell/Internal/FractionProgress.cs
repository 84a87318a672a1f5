using System;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Keeps the highest share (0 to 1) the engine reported, for the pipeline thread to read.</summary>
    internal sealed class FractionProgress : IProgress<double>
    {
        private const double Scale = 1_000_000;
        private readonly HighWaterProgress _highest = new HighWaterProgress();

        /// <summary>The highest share reported, as a percentage 0-100.</summary>
        public int Percent => (int)Math.Max(0, Math.Min(100, _highest.Value * 100 / Scale));

        public void Report(double value) => _highest.Report((long)(value * Scale));
    }
}
