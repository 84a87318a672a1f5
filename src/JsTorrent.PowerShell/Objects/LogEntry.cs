using System;
using JsTorrent.Engine.Logging;

namespace JsTorrent
{
    /// <summary>One entry of the engine's log (the output of Get-TorrentLog).</summary>
    public sealed class LogEntry
    {
        internal LogEntry(JsTorrent.Engine.Logging.LogEntry entry)
        {
            Id = entry.Id;
            Time = entry.Timestamp.LocalDateTime;
            Level = entry.Level;
            Component = entry.Component;
            InfoHash = entry.InstanceValue;
            Message = entry.Message;
            Exception = entry.Exception?.ToString();
        }

        /// <summary>The entry's sequence number in this engine (increasing; gaps mean entries were filtered).</summary>
        public long Id { get; }

        /// <summary>When it was logged (local time).</summary>
        public DateTime Time { get; }

        /// <summary>How severe it is.</summary>
        public LogLevel Level { get; }

        /// <summary>The part of the engine that logged it (Engine, Peer, Tracker, Storage, Session, ...).</summary>
        public string Component { get; }

        /// <summary>The torrent's info-hash (or other instance, such as a peer address) the entry is about, if any.</summary>
        public string? InfoHash { get; }

        /// <summary>What happened.</summary>
        public string Message { get; }

        /// <summary>The exception's text, when one was logged with the entry.</summary>
        public string? Exception { get; }

        /// <inheritdoc/>
        public override string ToString() => Time.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " " + Level + " [" + Component + "] " + Message;
    }
}
