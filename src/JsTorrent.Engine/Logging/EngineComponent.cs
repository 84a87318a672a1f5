using System;

namespace JsTorrent.Engine.Logging
{
    /// <summary>
    /// Base class for engine parts that log (torrents, peers, trackers, storage): gives each a
    /// <see cref="Log"/> scoped to its component and instance.
    /// </summary>
    /// <remarks>
    /// The component name is a constructor argument (usually a <see cref="LogComponents"/>
    /// constant) rather than an abstract property: a base constructor that reads a virtual
    /// member runs the derived override before the derived constructor has initialised anything.
    /// Taking it as an argument also lets <see cref="Log"/> be created once, eagerly, and be
    /// read without checks afterwards.
    /// </remarks>
    public abstract class EngineComponent
    {
        /// <summary>Creates the component and its logger.</summary>
        /// <param name="log">The engine's log.</param>
        /// <param name="componentName">The component name the entries are written as, e.g. <see cref="LogComponents.Torrent"/>.</param>
        /// <param name="instanceValue">Which instance this is (an info-hash in hex, a peer endpoint), or null.</param>
        protected EngineComponent(EngineLog log, string componentName, string? instanceValue)
        {
            EngineLog = log ?? throw new ArgumentNullException(nameof(log));
            Log = log.CreateLogger(componentName, instanceValue);
        }

        /// <summary>The engine's log, for creating loggers of parts this component owns.</summary>
        protected EngineLog EngineLog { get; }

        /// <summary>The logger scoped to this component and instance.</summary>
        protected Logger Log { get; }
    }
}
