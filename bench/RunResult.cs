namespace JsTorrent.Bench
{
    /// <summary>Everything one run of the libtorrent benchmark measured.</summary>
    internal sealed class RunResult
    {
        /// <summary>(a) Our engine downloading from a libtorrent seeder (our child process's CPU and peak RSS).</summary>
        public Measure OursDownload { get; set; }

        /// <summary>(b) A libtorrent leecher downloading from a libtorrent seeder (the leecher process's CPU and peak RSS).</summary>
        public Measure LibtorrentDownload { get; set; }

        /// <summary>(c) A libtorrent leecher downloading from our engine: the leecher's seconds, our seeder's CPU and peak RSS.</summary>
        public Measure OursSeeding { get; set; }

        /// <summary>(d) Our recheck of the complete download, in the same process right after it.</summary>
        public Measure OursRecheck { get; set; }

        /// <summary>Our check of the content when the seeding host added the torrent.</summary>
        public Measure OursCheckOnAdd { get; set; }

        /// <summary>libtorrent's check of the content when its seeder of (a) started.</summary>
        public Measure LibtorrentCheck { get; set; }

        /// <summary>CPU seconds the libtorrent seeder spent serving our engine in (a).</summary>
        public double SeederCpuForOurs { get; set; }

        /// <summary>CPU seconds the libtorrent seeder spent serving the libtorrent leecher in (b).</summary>
        public double SeederCpuForLibtorrent { get; set; }

        /// <summary>Our hosts' CPU seconds by thread name (with --threads): download, recheck, seeding.</summary>
        public string Threads { get; set; } = string.Empty;

        /// <summary>CPU seconds of the libtorrent leecher in (c), whole process.</summary>
        public double LeecherCpuFromOurs { get; set; }
    }
}
