using System;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using EngineTorrent = JsTorrent.Engine.Core.Torrent;

namespace JsTorrent.PowerShell.Hosting
{
    /// <summary>A runspace's started engine, with what it was made from.</summary>
    internal sealed class RunningEngine : IAsyncDisposable
    {
        private int _disposed;

        public RunningEngine(BtEngine engine, EngineSettings settings, string? sessionPath, string? listenAddress)
        {
            Engine = engine;
            Settings = settings;
            SessionPath = sessionPath;
            ListenAddress = listenAddress;
            StartedAt = DateTimeOffset.Now;
        }

        public BtEngine Engine { get; }

        public EngineSettings Settings { get; }

        /// <summary>The LiteDB session file, or null when the session is in memory.</summary>
        public string? SessionPath { get; }

        public string? ListenAddress { get; }

        public DateTimeOffset StartedAt { get; }

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        /// <summary>The pipeline object for one of this engine's torrents.</summary>
        public Torrent Wrap(EngineTorrent torrent) => new Torrent(this, torrent);

        /// <summary>The pipeline object describing this engine.</summary>
        public TorrentEngine Describe() => new TorrentEngine(this);

        /// <summary>Flushes the session and closes every socket, file and thread of the engine (once).</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await Engine.DisposeAsync().ConfigureAwait(false);
        }
    }
}
