using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Logging;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>
    /// Our engine as the native preset builds it (real files under one folder, real sockets on
    /// 127.0.0.1), with its log kept for the message of a failed test.
    /// </summary>
    public sealed class NativePeer : IAsyncDisposable, IDiagnosable
    {
        /// <summary>Log lines kept (the newest); enough for a whole small transfer at debug level.</summary>
        private const int LogLinesKept = 4000;

        private readonly ConcurrentQueue<string> _log = new ConcurrentQueue<string>();
        private BtEngine? _engine;
        private bool _disposed;

        private NativePeer(string name, string downloadPath)
        {
            Name = name;
            DownloadPath = downloadPath;
        }

        /// <summary>What the test calls this engine in messages.</summary>
        public string Name { get; }

        /// <summary>The folder the engine keeps content under.</summary>
        public string DownloadPath { get; }

        /// <summary>The engine.</summary>
        public BtEngine Engine => _engine ?? throw new InvalidOperationException("Not started.");

        /// <summary>The engine's listen port on 127.0.0.1.</summary>
        public int ListenPort => Engine.ListenPort;

        /// <summary>Starts an engine on 127.0.0.1 keeping content under <paramref name="downloadPath"/> (created if missing).</summary>
        /// <param name="name">What to call it in messages.</param>
        /// <param name="downloadPath">Its download folder.</param>
        /// <returns>The running engine; dispose it.</returns>
        public static async Task<NativePeer> StartAsync(string name, string downloadPath)
        {
            Directory.CreateDirectory(downloadPath);
            var peer = new NativePeer(name, downloadPath);
            peer._engine = await EnginePresets.CreateNativeEngineAsync(new NativeEngineConfig
            {
                DownloadPath = downloadPath,
                SocketOptions = new NativeSocketOptions { BindAddress = IPAddress.Loopback },
                OnLog = peer.OnLog,
                Configure = options => options.LogLevel = LogLevel.Debug,
            }).ConfigureAwait(false);
            return peer;
        }

        /// <summary>
        /// Waits until the torrent is <see cref="TorrentState.Seeding"/> (every piece verified on disk),
        /// through the engine's state events; fails at once when it enters <see cref="TorrentState.Error"/>.
        /// </summary>
        /// <param name="torrent">A torrent of this engine.</param>
        /// <param name="timeout">Most time to wait.</param>
        /// <param name="others">The other participants, described with ours when the wait fails.</param>
        public async Task WaitUntilSeedingAsync(Torrent torrent, TimeSpan timeout, params IDiagnosable[] others)
        {
            var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnStateChanged(object? sender, TorrentStateChangedEventArgs e)
            {
                if (ReferenceEquals(e.Torrent, torrent))
                {
                    Settle(reached, e.Current);
                }
            }

            Engine.StateChanged += OnStateChanged;
            try
            {
                // Subscribed first, then read: a change between the two is seen either way.
                Settle(reached, torrent.State);
                await reached.Task.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(Name + ": '" + torrent.Name + "' did not reach Seeding within " + timeout.TotalSeconds + " s." + Environment.NewLine + Report(others));
            }
            catch (TorrentFailedException)
            {
                throw new InvalidOperationException(Name + ": '" + torrent.Name + "' failed: " + torrent.ErrorMessage + Environment.NewLine + Report(others));
            }
            finally
            {
                Engine.StateChanged -= OnStateChanged;
            }
        }

        /// <summary>Ours and the others' transcripts, for a failure message.</summary>
        /// <param name="others">The other participants.</param>
        /// <returns>The text.</returns>
        public string Report(params IDiagnosable[] others) =>
            Describe() + Environment.NewLine + string.Join(Environment.NewLine, others.Select(o => o.Describe()));

        /// <inheritdoc />
        public string Describe()
        {
            var text = new StringBuilder();
            text.Append("--- ").Append(Name).Append(" (listening on ").Append(_engine?.ListenPort.ToString(CultureInfo.InvariantCulture) ?? "-").AppendLine(")");
            foreach (var torrent in _engine?.Torrents ?? Array.Empty<Torrent>())
            {
                text.AppendFormat(
                    CultureInfo.InvariantCulture,
                    "'{0}': state {1}, {2}/{3} pieces, {4} bytes down, {5} up, {6} peers connected, {7} known, error: {8}",
                    torrent.Name,
                    torrent.State,
                    torrent.VerifiedPieceCount,
                    torrent.PieceCount,
                    torrent.BytesDownloaded,
                    torrent.BytesUploaded,
                    torrent.ConnectedPeers,
                    torrent.KnownPeers,
                    torrent.ErrorMessage ?? "none").AppendLine();
            }

            text.AppendLine("log:");
            foreach (string line in _log)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }

        /// <summary>Disposes the engine (its files are closed when this returns).</summary>
        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_engine is not null)
            {
                await _engine.DisposeAsync().ConfigureAwait(false);
            }
        }

        private static void Settle(TaskCompletionSource<bool> reached, TorrentState state)
        {
            if (state == TorrentState.Seeding)
            {
                reached.TrySetResult(true);
            }
            else if (state == TorrentState.Error)
            {
                reached.TrySetException(new TorrentFailedException());
            }
        }

        private void OnLog(LogEntry entry)
        {
            _log.Enqueue(entry.ToString());
            while (_log.Count > LogLinesKept && _log.TryDequeue(out _))
            {
                // Drop the oldest lines: the end of a failed run is what explains it.
            }
        }
    }
}
