namespace JsTorrent.Bench
{
    /// <summary>One timed thing: wall seconds, CPU seconds, peak resident MiB and the data-moving part of the seconds (NaN when not measured).</summary>
    internal readonly struct Measure
    {
        public Measure(double seconds, double cpu, double rssMiB, double transferSeconds = double.NaN)
        {
            Seconds = seconds;
            Cpu = cpu;
            RssMiB = rssMiB;
            TransferSeconds = transferSeconds;
        }

        public double Seconds { get; }

        public double Cpu { get; }

        public double RssMiB { get; }

        /// <summary>Seconds from the downloader's first written data to its last (see <see cref="WriteProgressSampler"/>).</summary>
        public double TransferSeconds { get; }
    }
}
