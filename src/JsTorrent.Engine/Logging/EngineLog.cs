using System;
using System.Collections.Generic;
using System.Threading;

namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// The log of one engine instance: level settings, the recent-entries <see cref="Buffer"/>
    /// and the subscription hook (the design's <c>onLog</c>). Several engines in one process
    /// each have their own; nothing is shared. Thread-safe.
    /// </summary>
    public sealed class EngineLog
    {
        private readonly object settingsGate = new object();
        private readonly Func<DateTimeOffset> clock;

        // Immutable; replaced whole under settingsGate and read without a lock.
        private LevelSettings settings = LevelSettings.Create(LogLevel.Information);

        /// <summary>Creates an engine log.</summary>
        /// <param name="capacity">How many recent entries <see cref="Buffer"/> keeps; at least 1.</param>
        /// <param name="clock">Where timestamps come from; null for <see cref="DateTimeOffset.UtcNow"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
        public EngineLog(int capacity = 1000, Func<DateTimeOffset>? clock = null)
        {
            Buffer = new RingBufferLogger(capacity);
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The most recent entries, for reading back (Get-TorrentLog).</summary>
        public RingBufferLogger Buffer { get; }

        /// <summary>
        /// The level below which entries are not written, for components without an override.
        /// Default <see cref="LogLevel.Information"/>; <see cref="LogLevel.None"/> disables logging.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a <see cref="LogLevel"/>.</exception>
        public LogLevel MinimumLevel
        {
            get => Settings.Minimum;
            set
            {
                ThrowIfUndefined(value, nameof(value));
                lock (settingsGate)
                {
                    Volatile.Write(ref settings, settings.WithMinimum(value));
                }
            }
        }

        /// <summary>The per-component overrides of <see cref="MinimumLevel"/> (component names are case-insensitive).</summary>
        public IReadOnlyDictionary<string, LogLevel> ComponentLevels => Settings.Overrides;

        /// <summary>The number of subscriber callbacks that threw; same as the buffer's <see cref="RingBufferLogger.CallbackFailures"/>.</summary>
        public long CallbackFailures => Buffer.CallbackFailures;

        /// <summary>The current level snapshot; its identity changes whenever a level changes.</summary>
        internal LevelSettings Settings => Volatile.Read(ref settings);

        /// <summary>Gives <paramref name="component"/> its own minimum level instead of <see cref="MinimumLevel"/>.</summary>
        /// <param name="component">The component name (case-insensitive), e.g. <see cref="LogComponents.Peer"/>.</param>
        /// <param name="level">Its minimum level; <see cref="LogLevel.None"/> silences it.</param>
        public void SetComponentLevel(string component, LogLevel level)
        {
            ThrowIfNoName(component, nameof(component));
            ThrowIfUndefined(level, nameof(level));
            lock (settingsGate)
            {
                Volatile.Write(ref settings, settings.WithOverride(component, level));
            }
        }

        /// <summary>Makes <paramref name="component"/> follow <see cref="MinimumLevel"/> again.</summary>
        /// <param name="component">The component name (case-insensitive).</param>
        /// <returns>True if it had an override.</returns>
        public bool ClearComponentLevel(string component)
        {
            ThrowIfNoName(component, nameof(component));
            lock (settingsGate)
            {
                if (!settings.HasOverride(component))
                {
                    return false;
                }

                Volatile.Write(ref settings, settings.WithoutOverride(component));
                return true;
            }
        }

        /// <summary>
        /// Whether an entry of <paramref name="level"/> from <paramref name="component"/> would be
        /// written. Lock-free; call it before building an expensive message. Levels outside
        /// Trace..Error are never enabled.
        /// </summary>
        /// <param name="component">The component name (case-insensitive).</param>
        /// <param name="level">The entry's level.</param>
        /// <returns>True if the entry would be written.</returns>
        public bool IsEnabled(string component, LogLevel level)
        {
            if (component == null)
            {
                throw new ArgumentNullException(nameof(component));
            }

            return level < LogLevel.None && level >= Settings.EffectiveLevel(component);
        }

        /// <summary>Creates a logger that writes as <paramref name="component"/> (and instance) to this log.</summary>
        /// <param name="component">The component name; see <see cref="LogComponents"/>.</param>
        /// <param name="instanceValue">Which instance (an info-hash in hex, a peer endpoint), or null.</param>
        /// <returns>The logger; cheap to keep per object.</returns>
        public Logger CreateLogger(string component, string? instanceValue = null)
        {
            ThrowIfNoName(component, nameof(component));
            return new Logger(this, component, instanceValue);
        }

        /// <summary>
        /// Calls <paramref name="callback"/> for every entry written from now on (the design's
        /// <c>onLog</c>); several subscribers may coexist. This is <see cref="RingBufferLogger.OnEntry"/>
        /// on <see cref="Buffer"/>: a callback that throws is caught and counted in <see cref="CallbackFailures"/>.
        /// </summary>
        /// <param name="callback">Called on the writing thread; keep it quick and do not log from it on every call.</param>
        /// <returns>Dispose it to unsubscribe.</returns>
        public IDisposable Subscribe(Action<LogEntry> callback) => Buffer.OnEntry(callback);

        /// <summary>Writes an entry the caller has already checked is enabled.</summary>
        internal void Write(Logger logger, LogLevel level, string message, Exception? exception) =>
            Buffer.Append(level, logger.Component, logger.InstanceValue, message, exception, clock);

        private static void ThrowIfUndefined(LogLevel level, string parameterName)
        {
            if (level < LogLevel.Trace || level > LogLevel.None)
            {
                throw new ArgumentOutOfRangeException(parameterName, level, "Not a log level.");
            }
        }

        private static void ThrowIfNoName(string component, string parameterName)
        {
            if (string.IsNullOrEmpty(component))
            {
                throw new ArgumentException("A component name is required.", parameterName);
            }
        }
    }
}
