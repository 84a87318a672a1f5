namespace JsTorrent
{
    /// <summary>How a runspace's engine is wired (the design's presets).</summary>
    public enum EnginePreset
    {
        /// <summary>Real sockets and files; the session in a LiteDB file. The default.</summary>
        Native,

        /// <summary>
        /// An in-process network, in-memory files and an in-memory session, for tests and trials. The files
        /// and the session live as long as the runspace, so a stopped engine can be started and resumed.
        /// </summary>
        Memory,
    }
}
