using System;

namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>
    /// How many block requests to keep outstanding to one peer: enough to cover the link's
    /// round trip (about <see cref="DefaultTargetQueueMs"/> of data at the delivered rate),
    /// within [<see cref="MinDepth"/>, <see cref="MaxDepth"/>] and the peer's advertised reqq.
    /// </summary>
    /// <remarks>
    /// The rate a peer delivers is bounded by depth / round trip, so while the queue is the
    /// bottleneck the target exceeds the current depth and the depth grows (at most doubling
    /// per update, so one bursty measurement cannot overshoot); it eases down by a quarter of
    /// the gap when the rate falls. An update after no block arrived carries no information
    /// (choked, stalled, or nothing to request) and changes nothing. Owned by the peer's loop.
    /// </remarks>
    internal sealed class PipelineDepth
    {
        /// <summary>The fewest requests kept outstanding.</summary>
        public const int MinDepth = 2;

        /// <summary>The most requests kept outstanding.</summary>
        public const int MaxDepth = 500;

        /// <summary>The starting depth, before any rate is known.</summary>
        public const int DefaultInitialDepth = 16;

        /// <summary>How much data, in milliseconds at the delivered rate, the queue aims to cover.</summary>
        public const int DefaultTargetQueueMs = 1_500;

        /// <summary>The standard request size.</summary>
        public const int DefaultBlockSize = 16 * 1024;

        /// <summary>
        /// The bound assumed for a peer that advertised no reqq: common clients drop requests
        /// beyond about 250 queued, so going further without being told is unsafe.
        /// </summary>
        public const int DefaultRemoteLimit = 250;

        private readonly int _targetQueueMs;
        private readonly int _blockSize;
        private int _depth;
        private int _remoteLimit = DefaultRemoteLimit;
        private int _blocksSinceUpdate;

        public PipelineDepth()
            : this(DefaultInitialDepth, DefaultTargetQueueMs, DefaultBlockSize)
        {
        }

        public PipelineDepth(int initialDepth, int targetQueueMs = DefaultTargetQueueMs, int blockSize = DefaultBlockSize)
        {
            if (targetQueueMs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(targetQueueMs), targetQueueMs, "The target must be positive.");
            }

            if (blockSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "The block size must be positive.");
            }

            _depth = Clamp(initialDepth);
            _targetQueueMs = targetQueueMs;
            _blockSize = blockSize;
        }

        /// <summary>Requests to keep outstanding now.</summary>
        public int Current => Math.Min(_depth, _remoteLimit);

        /// <summary>The peer's reqq, or <see cref="DefaultRemoteLimit"/> if it sent none.</summary>
        public int RemoteLimit => _remoteLimit;

        /// <summary>When the last block arrived (monotonic ms), or null before the first.</summary>
        public long? LastBlockMs { get; private set; }

        public void OnBlockReceived(long nowMs)
        {
            _blocksSinceUpdate++;
            LastBlockMs = nowMs;
        }

        /// <summary>Retargets from the peer's delivered rate; call periodically (e.g. each second).</summary>
        public void Update(long bytesPerSecond)
        {
            if (_blocksSinceUpdate == 0)
            {
                return;
            }

            _blocksSinceUpdate = 0;
            int target = Target(Math.Max(0, bytesPerSecond));
            if (target > _depth)
            {
                _depth = Math.Min(target, _depth * 2);
            }
            else if (target < _depth)
            {
                _depth -= Math.Max(1, (_depth - target) / 4);
            }
        }

        /// <summary>The peer choked us: its queue is gone, and the link may be worse than measured.</summary>
        public void OnChoked()
        {
            _depth = Math.Max(MinDepth, _depth / 2);
            _blocksSinceUpdate = 0;
        }

        /// <summary>The peer's advertised reqq (extension handshake); 0 or less restores the default bound.</summary>
        public void SetRemoteLimit(int reqq)
        {
            // A peer's own bound wins even below MinDepth: exceeding it gets requests dropped.
            _remoteLimit = reqq > 0 ? reqq : DefaultRemoteLimit;
        }

        private static int Clamp(int depth) => Math.Max(MinDepth, Math.Min(MaxDepth, depth));

        private int Target(long bytesPerSecond)
        {
            double blocks = (double)bytesPerSecond * _targetQueueMs / 1000.0 / _blockSize;
            return blocks >= MaxDepth ? MaxDepth : Clamp((int)Math.Ceiling(blocks));
        }
    }
}
