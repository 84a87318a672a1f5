using System;
using System.Threading;
using JsTorrent.Engine.Core.Swarm;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// A payload rate limit that any thread may read and set. The token bucket it governs belongs to
    /// the engine loop, so a new value is published at once for readers and handed to the bucket there.
    /// </summary>
    internal sealed class RateLimitSetting
    {
        private readonly EngineLoop _loop;
        private long _bytesPerSecond;

        public RateLimitSetting(EngineLoop loop, long bytesPerSecond)
        {
            _loop = loop;
            _bytesPerSecond = Math.Max(0, bytesPerSecond);

            // The burst lets a limit below one block per second still pass whole blocks.
            Bucket = new TokenBucket(_bytesPerSecond, Math.Max(_bytesPerSecond, 256 * 1024));
        }

        /// <summary>The bucket; touched only on the loop.</summary>
        public TokenBucket Bucket { get; }

        /// <summary>Bytes per second; 0 is unlimited.</summary>
        public long BytesPerSecond
        {
            get => Interlocked.Read(ref _bytesPerSecond);
            set
            {
                long limit = Math.Max(0, value);
                Interlocked.Exchange(ref _bytesPerSecond, limit);
                _loop.Post(_ => Bucket.BytesPerSecond = limit, null);
            }
        }
    }
}
