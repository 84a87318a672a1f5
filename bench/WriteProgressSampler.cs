using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Watches a downloading process's write counter (wchar in /proc/PID/io: bytes it passed to
    /// write calls, page cache included, sockets excluded since both clients receive with recvmsg)
    /// to time the transfer itself: from its first written data to the last byte of the content.
    /// That separates throughput from start-up latency (process start, libtorrent's once-a-second
    /// connection attempts, a failed encrypted handshake and its plain retry). Linux only; NaN elsewhere.
    /// </summary>
    internal sealed class WriteProgressSampler : IAsyncDisposable
    {
        private const int IntervalMs = 10;
        // Below this the child has written only its own output lines.
        private const long StartThreshold = 64 * 1024;

        private readonly string _path;
        private readonly long _size;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _firstData;
        private long _lastData;
        private bool _finished;

        private WriteProgressSampler(int pid, long size)
        {
            _path = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/io";
            _size = size;
            _loop = File.Exists(_path) ? Task.Run(LoopAsync) : Task.CompletedTask;
        }

        /// <summary>Seconds from the first written data to the whole content written; NaN when not seen.</summary>
        public double TransferSeconds => _firstData != 0 && _lastData != 0 ? Stopwatch.GetElapsedTime(_firstData, _lastData).TotalSeconds : double.NaN;

        /// <summary>Seconds from the start of sampling (just after the process started) to its first written data.</summary>
        public double SecondsToFirstData => _firstData != 0 ? Stopwatch.GetElapsedTime(_started, _firstData).TotalSeconds : double.NaN;

        public static WriteProgressSampler Start(int pid, long size) => new WriteProgressSampler(pid, size);

        /// <summary>Gives the sampler a moment to see the last bytes (it stops by itself then), then stops it; idempotent.</summary>
        public async Task FinishAsync()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            _stop.Cancel();
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => new ValueTask(FinishAsync());

        private async Task LoopAsync()
        {
            long? baseline = null;
            while (!_stop.IsCancellationRequested && _lastData == 0)
            {
                long? written = Read();
                if (written is null)
                {
                    return;
                }

                long now = Stopwatch.GetTimestamp();
                baseline ??= written;
                long content = written.Value - baseline.Value;
                if (_firstData == 0 && content >= StartThreshold)
                {
                    _firstData = now;
                }

                if (content >= _size)
                {
                    _lastData = now;
                }

                try
                {
                    await Task.Delay(IntervalMs, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        // Null once the process has gone.
        private long? Read()
        {
            try
            {
                foreach (string line in File.ReadLines(_path))
                {
                    if (line.StartsWith("wchar:", StringComparison.Ordinal))
                    {
                        return long.Parse(line.AsSpan("wchar:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The process ended between two samples: nothing more to see.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to watch; the transfer time stays unknown.
            }

            return null;
        }
    }
}
