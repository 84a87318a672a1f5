using System;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>The per-peer flag byte of a BEP 11 <c>added.f</c> / <c>added6.f</c> list.</summary>
    [Flags]
    internal enum PexFlags : byte
    {
        /// <summary>Nothing known about the peer.</summary>
        None = 0,

        /// <summary>The peer prefers encrypted connections.</summary>
        PrefersEncryption = 0x01,

        /// <summary>The peer is a seed or otherwise upload-only.</summary>
        Seed = 0x02,

        /// <summary>The peer supports uTP.</summary>
        SupportsUtp = 0x04,

        /// <summary>The peer supports the holepunch extension.</summary>
        SupportsHolepunch = 0x08,

        /// <summary>The sender connected to the peer (outgoing), so it is reachable.</summary>
        Reachable = 0x10,
    }
}
