using System;

namespace JsTorrent.Engine.Protocol.Wire
{
    /// <summary>
    /// A peer sent bytes that break the wire format (bad frame, bad handshake, bad extension
    /// handshake). The only exception the wire parsers throw for hostile input; the connection
    /// that produced it should be closed.
    /// </summary>
    internal sealed class PeerProtocolException : Exception
    {
        public PeerProtocolException(string message)
            : base(message)
        {
        }

        public PeerProtocolException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
