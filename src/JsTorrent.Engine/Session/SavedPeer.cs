namespace JsTorrent.Engine.Session
{
    /// <summary>A peer's listen endpoint and when we last had a working connection to it.</summary>
    internal readonly struct SavedPeer
    {
        public SavedPeer(string host, int port, long lastSeenUnixSeconds)
        {
            Host = host;
            Port = port;
            LastSeenUnixSeconds = lastSeenUnixSeconds;
        }

        public string Host { get; }

        public int Port { get; }

        public long LastSeenUnixSeconds { get; }
    }
}
