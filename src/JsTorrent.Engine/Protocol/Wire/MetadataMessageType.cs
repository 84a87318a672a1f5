namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>The <c>msg_type</c> of a BEP 9 message.</summary>
    internal enum MetadataMessageType
    {
        /// <summary>Asks for one piece of the info dictionary.</summary>
        Request = 0,

        /// <summary>Carries one piece.</summary>
        Data = 1,

        /// <summary>Refuses a request.</summary>
        Reject = 2,
    }
}
