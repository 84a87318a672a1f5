using System;
using System.Collections.Generic;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>The command line of one Scripts/lt_peer.py run (see its docstring).</summary>
    public sealed class LibtorrentPeerOptions
    {
        /// <summary>The .torrent to add (<c>--torrent</c>); set this or <see cref="Magnet"/>.</summary>
        public string? TorrentPath { get; set; }

        /// <summary>A magnet link to add instead (<c>--magnet</c>).</summary>
        public string? Magnet { get; set; }

        /// <summary>Where the content is (seed) or goes (leech) (<c>--save</c>).</summary>
        public string SavePath { get; set; } = string.Empty;

        /// <summary>Peers to connect to, as <c>host:port</c> (<c>--peer</c>, one each).</summary>
        public IList<string> Peers { get; } = new List<string>();

        /// <summary>Trust the data under <see cref="SavePath"/> without checking it (<c>--seed-mode</c>).</summary>
        public bool SeedMode { get; set; }

        /// <summary>Exit once the download has finished (<c>--exit-when-done</c>): a leecher's run, so its files are closed when it exits.</summary>
        public bool ExitWhenDone { get; set; }

        /// <summary>
        /// Hard limit on the process's life (<c>--timeout</c>): the script stops itself even if this
        /// test process dies without disposing the fixture. Longer than any wait of a test.
        /// </summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(300);
    }
}
