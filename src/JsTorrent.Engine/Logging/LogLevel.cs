namespace JsTorrent.Engine.Logging
{
    /// <summary>How important a log entry is, from the most verbose to the most severe.</summary>
    /// <remarks>The values are ordered: a level is enabled when it is at or above the effective minimum.</remarks>
    public enum LogLevel
    {
        /// <summary>Very detailed tracing (per message, per block); off unless diagnosing.</summary>
        Trace = 0,

        /// <summary>Detail useful while debugging (state changes, decisions).</summary>
        Debug = 1,

        /// <summary>Normal events worth keeping (torrent added, tracker announced).</summary>
        Information = 2,

        /// <summary>Something went wrong but the engine carried on (peer dropped, tracker unreachable).</summary>
        Warning = 3,

        /// <summary>An operation failed (storage error, torrent stopped).</summary>
        Error = 4,

        /// <summary>Not a level for entries: as a minimum level it disables logging.</summary>
        None = 5,
    }
}
