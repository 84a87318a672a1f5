using System.Text.Json.Serialization;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>One JSON line printed by Scripts/lt_peer.py.</summary>
    public sealed class LibtorrentPeerEvent
    {
        /// <summary>"listening", "finished", "error" or "exit".</summary>
        [JsonPropertyName("event")]
        public string Event { get; set; } = string.Empty;

        /// <summary>The listen port ("listening").</summary>
        [JsonPropertyName("port")]
        public int Port { get; set; }

        /// <summary>Why the script exited ("exit"): "stdin closed", "done" or "timeout".</summary>
        [JsonPropertyName("reason")]
        public string? Reason { get; set; }

        /// <summary>libtorrent's message ("error").</summary>
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        /// <summary>Seconds from the add to completion ("finished").</summary>
        [JsonPropertyName("seconds")]
        public double Seconds { get; set; }

        /// <summary>Payload bytes downloaded ("finished", "exit").</summary>
        [JsonPropertyName("total_download")]
        public long TotalDownload { get; set; }

        /// <summary>Payload bytes uploaded ("finished", "exit").</summary>
        [JsonPropertyName("total_upload")]
        public long TotalUpload { get; set; }

        /// <summary>Share of the torrent present, 0..1 ("finished", "exit").</summary>
        [JsonPropertyName("progress")]
        public double Progress { get; set; }
    }
}
