using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// An immutable snapshot of an engine's minimum level and per-component overrides. Changes
    /// build a new snapshot and swap it in, so readers on hot paths never lock; the snapshot's
    /// identity also tells a <see cref="Logger"/> when its cached level is stale.
    /// </summary>
    internal sealed class LevelSettings
    {
        private static readonly StringComparer ComponentNames = StringComparer.OrdinalIgnoreCase;

        // Never mutated after construction; copies are made for every change.
        private readonly Dictionary<string, LogLevel> overrides;

        private LevelSettings(LogLevel minimum, Dictionary<string, LogLevel> overrides)
        {
            Minimum = minimum;
            this.overrides = overrides;
            Overrides = new ReadOnlyDictionary<string, LogLevel>(overrides);
        }

        public LogLevel Minimum { get; }

        public IReadOnlyDictionary<string, LogLevel> Overrides { get; }

        public static LevelSettings Create(LogLevel minimum) => new LevelSettings(minimum, new Dictionary<string, LogLevel>(ComponentNames));

        public LogLevel EffectiveLevel(string component) =>
            overrides.Count != 0 && overrides.TryGetValue(component, out var level) ? level : Minimum;

        public LevelSettings WithMinimum(LogLevel minimum) => new LevelSettings(minimum, overrides);

        public LevelSettings WithOverride(string component, LogLevel level)
        {
            var copy = new Dictionary<string, LogLevel>(overrides, ComponentNames) { [component] = level };
            return new LevelSettings(Minimum, copy);
        }

        public LevelSettings WithoutOverride(string component)
        {
            var copy = new Dictionary<string, LogLevel>(overrides, ComponentNames);
            copy.Remove(component);
            return new LevelSettings(Minimum, copy);
        }

        public bool HasOverride(string component) => overrides.ContainsKey(component);
    }
}
