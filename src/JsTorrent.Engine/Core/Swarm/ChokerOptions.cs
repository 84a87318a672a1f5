namespace JsTorrent.Engine.Core.Swarm
{
    /// <summary>Tuning for <see cref="Choker"/>; read on every rechoke, so changes apply at the next one.</summary>
    internal sealed class ChokerOptions
    {
        /// <summary>Peers unchoked at once: UploadSlots - 1 by rate plus one optimistic.</summary>
        public int UploadSlots { get; set; } = 4;

        /// <summary>How often the regular (tit-for-tat) slots are recomputed.</summary>
        public long RechokeIntervalMs { get; set; } = 10_000;

        /// <summary>How long the optimistic slot is held before it moves to another peer.</summary>
        public long OptimisticIntervalMs { get; set; } = 30_000;

        /// <summary>A peer connected for less than this is "new" and favoured for the optimistic slot.</summary>
        public long NewPeerAgeMs { get; set; } = 60_000;

        /// <summary>How many times likelier a new peer is to get the optimistic slot (it has nothing to trade yet).</summary>
        public int NewPeerWeight { get; set; } = 3;
    }
}
