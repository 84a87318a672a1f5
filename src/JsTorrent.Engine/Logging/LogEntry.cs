using System;
using System.Globalization;
using System.Text;

namespace JsTorrent.Engine.Logging
{
    /// <summary>One immutable log record.</summary>
    public sealed class LogEntry
    {
        /// <summary>Creates an entry. The engine creates entries through <see cref="Logger"/>; this is for tests and custom sinks.</summary>
        /// <param name="id">The entry's sequence number (1 or more, increasing per engine).</param>
        /// <param name="timestamp">When the entry was written.</param>
        /// <param name="level">How important it is; not <see cref="LogLevel.None"/>.</param>
        /// <param name="component">The component that wrote it, e.g. "torrent".</param>
        /// <param name="instanceValue">Which instance of the component, e.g. an info-hash in hex; null for none.</param>
        /// <param name="message">The message for people.</param>
        /// <param name="exception">The exception that caused it, if any.</param>
        public LogEntry(long id, DateTimeOffset timestamp, LogLevel level, string component, string? instanceValue, string message, Exception? exception = null)
        {
            if (id < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(id), id, "Log entry ids start at 1.");
            }

            if (level < LogLevel.Trace || level >= LogLevel.None)
            {
                throw new ArgumentOutOfRangeException(nameof(level), level, "An entry's level must be Trace to Error.");
            }

            Id = id;
            Timestamp = timestamp;
            Level = level;
            Component = component ?? throw new ArgumentNullException(nameof(component));
            InstanceValue = instanceValue;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            Exception = exception;
        }

        /// <summary>The sequence number: 1 for an engine's first entry, increasing by one per entry written.</summary>
        public long Id { get; }

        /// <summary>When the entry was written, from the engine log's clock.</summary>
        public DateTimeOffset Timestamp { get; }

        /// <summary>How important the entry is (never <see cref="LogLevel.None"/>).</summary>
        public LogLevel Level { get; }

        /// <summary>The component that wrote it; see <see cref="LogComponents"/>.</summary>
        public string Component { get; }

        /// <summary>Which instance of the component wrote it (an info-hash in hex, a peer endpoint), or null.</summary>
        public string? InstanceValue { get; }

        /// <summary>The message for people.</summary>
        public string Message { get; }

        /// <summary>The exception that caused the entry, or null.</summary>
        public Exception? Exception { get; }

        /// <summary>One line for people, e.g. "2024-05-01 12:00:00.123 +00:00 INFO torrent[0123…] Started", then the exception if any.</summary>
        /// <returns>The formatted entry.</returns>
        public override string ToString()
        {
            var text = new StringBuilder(64 + Message.Length);
            text.Append(Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture))
                .Append(' ').Append(ShortLevelName(Level))
                .Append(' ').Append(Component);
            if (InstanceValue != null)
            {
                text.Append('[').Append(InstanceValue).Append(']');
            }

            text.Append(' ').Append(Message);
            if (Exception != null)
            {
                text.Append(Environment.NewLine).Append(Exception);
            }

            return text.ToString();
        }

        private static string ShortLevelName(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Trace: return "TRACE";
                case LogLevel.Debug: return "DEBUG";
                case LogLevel.Information: return "INFO";
                case LogLevel.Warning: return "WARN";
                default: return "ERROR";
            }
        }
    }
}
