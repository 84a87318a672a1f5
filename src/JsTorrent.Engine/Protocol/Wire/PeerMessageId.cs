namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// The id byte of a peer wire message (BEP 3, fast extension BEP 6, extension protocol BEP 10).
    /// A parsed message may carry a value outside this list: unknown ids are passed through, not refused.
    /// </summary>
    internal enum PeerMessageId : byte
    {
        Choke = 0,
        Unchoke = 1,
        Interested = 2,
        NotInterested = 3,
        Have = 4,
        Bitfield = 5,
        Request = 6,
        Piece = 7,
        Cancel = 8,
        Port = 9,
        Suggest = 0x0D,
        HaveAll = 0x0E,
        HaveNone = 0x0F,
        RejectRequest = 0x10,
        AllowedFast = 0x11,
        Extended = 20,
    }
}
