using System;
using System.Threading;

namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// Writes entries for one component (and optionally one instance of it) to an
    /// <see cref="EngineLog"/>. A message below the effective level costs one level check and
    /// no allocation, so guard only messages that are expensive to build with <see cref="IsEnabled"/>.
    /// Thread-safe.
    /// </summary>
    public sealed class Logger
    {
        private readonly EngineLog log;

        // The effective level for this component under a given settings snapshot; stale once the snapshot changes.
        private LevelCache? cache;

        internal Logger(EngineLog log, string component, string? instanceValue)
        {
            this.log = log;
            Component = component;
            InstanceValue = instanceValue;
        }

        /// <summary>The component the entries are written as, e.g. "torrent".</summary>
        public string Component { get; }

        /// <summary>The instance the entries are written as (an info-hash in hex, a peer endpoint), or null.</summary>
        public string? InstanceValue { get; }

        /// <summary>Whether an entry of <paramref name="level"/> would be written. Levels outside Trace..Error never are.</summary>
        /// <param name="level">The entry's level.</param>
        /// <returns>True if it would be written.</returns>
        public bool IsEnabled(LogLevel level)
        {
            var settings = log.Settings;
            var cached = Volatile.Read(ref cache);
            if (cached == null || !ReferenceEquals(cached.Settings, settings))
            {
                // Only after a level change: one small object, then the fast path again.
                cached = new LevelCache(settings, settings.EffectiveLevel(Component));
                Volatile.Write(ref cache, cached);
            }

            return level >= cached.Level && level < LogLevel.None;
        }

        /// <summary>Writes an entry if <paramref name="level"/> is enabled; otherwise does nothing.</summary>
        /// <param name="level">The entry's level; <see cref="LogLevel.None"/> writes nothing.</param>
        /// <param name="message">The message for people.</param>
        /// <param name="exception">The exception that caused it, if any.</param>
        public void Log(LogLevel level, string message, Exception? exception = null)
        {
            if (!IsEnabled(level))
            {
                return;
            }

            if (message == null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            log.Write(this, level, message, exception);
        }

        /// <summary>Writes a <see cref="LogLevel.Trace"/> entry if enabled.</summary>
        /// <param name="message">The message for people.</param>
        public void Trace(string message) => Log(LogLevel.Trace, message);

        /// <summary>Writes a <see cref="LogLevel.Debug"/> entry if enabled.</summary>
        /// <param name="message">The message for people.</param>
        public void Debug(string message) => Log(LogLevel.Debug, message);

        /// <summary>Writes an <see cref="LogLevel.Information"/> entry if enabled.</summary>
        /// <param name="message">The message for people.</param>
        public void Info(string message) => Log(LogLevel.Information, message);

        /// <summary>Writes a <see cref="LogLevel.Warning"/> entry if enabled.</summary>
        /// <param name="message">The message for people.</param>
        public void Warning(string message) => Log(LogLevel.Warning, message);

        /// <summary>Writes a <see cref="LogLevel.Warning"/> entry with its cause if enabled.</summary>
        /// <param name="message">The message for people.</param>
        /// <param name="exception">The exception that caused it.</param>
        public void Warning(string message, Exception exception) => Log(LogLevel.Warning, message, exception);

        /// <summary>Writes an <see cref="LogLevel.Error"/> entry if enabled.</summary>
        /// <param name="message">The message for people.</param>
        public void Error(string message) => Log(LogLevel.Error, message);

        /// <summary>Writes an <see cref="LogLevel.Error"/> entry with its cause if enabled.</summary>
        /// <param name="message">The message for people.</param>
        /// <param name="exception">The exception that caused it.</param>
        public void Error(string message, Exception exception) => Log(LogLevel.Error, message, exception);

        /// <summary>
        /// A logger for the same component and log with another instance value, e.g. a tracker
        /// logger per URL. The instance value is replaced, not appended to.
        /// </summary>
        /// <param name="instanceValue">The new instance value.</param>
        /// <returns>The new logger.</returns>
        public Logger WithInstance(string instanceValue)
        {
            if (instanceValue == null)
            {
                throw new ArgumentNullException(nameof(instanceValue));
            }

            return new Logger(log, Component, instanceValue);
        }

        /// <summary>Returns "component[instance]".</summary>
        /// <returns>The logger's scope.</returns>
        public override string ToString() => InstanceValue == null ? Component : Component + "[" + InstanceValue + "]";

        private sealed class LevelCache
        {
            public LevelCache(LevelSettings settings, LogLevel level)
            {
                Settings = settings;
                Level = level;
            }

            public LevelSettings Settings { get; }

            public LogLevel Level { get; }
        }
    }
}
