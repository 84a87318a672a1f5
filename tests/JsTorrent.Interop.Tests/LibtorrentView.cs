using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace JsTorrent.Interop.Tests
{
    /// <summary>libtorrent's reading of a torrent, as printed by Scripts/ltjson.py.</summary>
    public sealed class LtTorrent
    {
        [JsonPropertyName("info_hash")]
        public string InfoHash { get; set; } = string.Empty;

        [JsonPropertyName("has_v2")]
        public bool HasV2 { get; set; }

        [JsonPropertyName("info_hash_v2")]
        public string? InfoHashV2 { get; set; }

        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("piece_length")]
        public int PieceLength { get; set; }

        [JsonPropertyName("num_pieces")]
        public int NumPieces { get; set; }

        [JsonPropertyName("total_size")]
        public long TotalSize { get; set; }

        [JsonPropertyName("private")]
        public bool IsPrivate { get; set; }

        [JsonPropertyName("comment")]
        public string Comment { get; set; } = string.Empty;

        [JsonPropertyName("creator")]
        public string Creator { get; set; } = string.Empty;

        [JsonPropertyName("files")]
        public List<LtFile> Files { get; set; } = new List<LtFile>();

        [JsonPropertyName("trackers")]
        public List<LtTracker> Trackers { get; set; } = new List<LtTracker>();

        [JsonPropertyName("web_seeds")]
        public List<string> WebSeeds { get; set; } = new List<string>();

        [JsonPropertyName("piece_hashes")]
        public List<string> PieceHashes { get; set; } = new List<string>();
    }

    /// <summary>One entry of libtorrent's file_storage.</summary>
    public sealed class LtFile
    {
        /// <summary>file_path(i) split at the OS separator: the torrent name first for a multi-file torrent.</summary>
        [JsonPropertyName("path")]
        public List<string> Path { get; set; } = new List<string>();

        [JsonPropertyName("size")]
        public long Size { get; set; }

        [JsonPropertyName("offset")]
        public long Offset { get; set; }

        [JsonPropertyName("pad")]
        public bool IsPadding { get; set; }

        public override string ToString() => string.Join("/", Path) + " (" + Size + (IsPadding ? ", pad" : string.Empty) + ")";
    }

    /// <summary>One announce_entry.</summary>
    public sealed class LtTracker
    {
        [JsonPropertyName("url")]
        public string Url { get; set; } = string.Empty;

        [JsonPropertyName("tier")]
        public int Tier { get; set; }
    }

    /// <summary>The outcome of libtorrent hash-checking a torrent against data on disk (Scripts/recheck.py).</summary>
    public sealed class LtRecheck
    {
        [JsonPropertyName("state")]
        public string State { get; set; } = string.Empty;

        [JsonPropertyName("progress")]
        public double Progress { get; set; }

        [JsonPropertyName("num_pieces")]
        public int NumPieces { get; set; }

        [JsonPropertyName("have")]
        public List<int> Have { get; set; } = new List<int>();

        [JsonPropertyName("missing")]
        public List<int> Missing { get; set; } = new List<int>();

        [JsonPropertyName("errors")]
        public List<string> Errors { get; set; } = new List<string>();
    }
}
