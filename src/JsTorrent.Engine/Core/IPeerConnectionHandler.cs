using System;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Core
{
    /// <summary>
    /// What a <see cref="PeerConnection"/> reports to the torrent it serves. Every call is made on
    /// the engine loop; a handler that finds the peer misbehaving throws <see cref="PeerProtocolException"/>
    /// and the connection closes.
    /// </summary>
    internal interface IPeerConnectionHandler
    {
        /// <summary>Number of pieces, or 0 while the metadata is unknown (bitfields cannot be checked then).</summary>
        int PieceCount { get; }

        /// <summary>A message arrived (already framed and length-checked).</summary>
        void OnMessage(PeerConnection peer, in PeerMessage message);

        /// <summary>The connection closed; the handler forgets the peer.</summary>
        void OnClosed(PeerConnection peer, string reason, Exception? error);

        /// <summary>The send buffer drained below its threshold: room for more uploads.</summary>
        void OnSendBufferDrained(PeerConnection peer);
    }
}
