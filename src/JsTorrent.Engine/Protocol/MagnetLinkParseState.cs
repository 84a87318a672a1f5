using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>What <see cref="MagnetLinkParser"/> has collected so far from a link's parameters.</summary>
    internal sealed class MagnetLinkParseState
    {
        public InfoHash? V1 { get; set; }

        public InfoHashV2? V2 { get; set; }

        /// <summary>True when an <c>xt</c> with a non-BitTorrent topic was seen, to word the missing-hash error.</summary>
        public bool SawOtherTopic { get; set; }

        public string? DisplayName { get; set; }

        public List<string> Trackers { get; } = new List<string>();

        public List<string> WebSeeds { get; } = new List<string>();

        public List<MagnetPeer> Peers { get; } = new List<MagnetPeer>();

        /// <summary>The normalised <c>so</c> ranges, or null until an <c>so</c> is seen (to detect a conflicting repeat).</summary>
        public List<MagnetFileRange>? SelectOnly { get; set; }

        public long? ExactLength { get; set; }

        public List<KeyValuePair<string, string>> Additional { get; } = new List<KeyValuePair<string, string>>();
    }
}
