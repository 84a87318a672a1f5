using System;
using JsTorrent.Engine.Core;

namespace JsTorrent
{
    /// <summary>A peer connected to a torrent (the output of Get-TorrentPeer), as it was when read.</summary>
    public sealed class TorrentPeer
    {
        internal TorrentPeer(Torrent torrent, PeerStatus status)
        {
            TorrentName = torrent.Name;
            InfoHash = torrent.InfoHash;
            Address = status.Address;
            Port = status.Port;
            Client = status.Client;
            Direction = status.IsIncoming ? "Incoming" : "Outgoing";
            PercentComplete = Math.Round(status.Progress * 100, 2);
            DownloadRate = status.DownloadRate;
            UploadRate = status.UploadRate;
            Downloaded = status.Downloaded;
            Uploaded = status.Uploaded;
            Choked = status.PeerChoking;
            Choking = status.AmChoking;
            Interested = status.AmInterested;
            PeerInterested = status.PeerInterested;
        }

        /// <summary>The name of the torrent the peer is connected for.</summary>
        public string TorrentName { get; }

        /// <summary>The info-hash of that torrent.</summary>
        public string InfoHash { get; }

        /// <summary>The peer's IP address.</summary>
        public string Address { get; }

        /// <summary>The peer's port.</summary>
        public int Port { get; }

        /// <summary>The client code in its peer id (e.g. LT for libtorrent, TR for Transmission), if any.</summary>
        public string? Client { get; }

        /// <summary>Incoming (it connected to us) or Outgoing.</summary>
        public string Direction { get; }

        /// <summary>The share of the torrent the peer has, 0-100.</summary>
        public double PercentComplete { get; }

        /// <summary>Bytes per second received from it.</summary>
        public long DownloadRate { get; }

        /// <summary>Bytes per second sent to it.</summary>
        public long UploadRate { get; }

        /// <summary>Payload bytes received from it on this connection.</summary>
        public long Downloaded { get; }

        /// <summary>Payload bytes sent to it on this connection.</summary>
        public long Uploaded { get; }

        /// <summary>True while it refuses our requests.</summary>
        public bool Choked { get; }

        /// <summary>True while we refuse its requests.</summary>
        public bool Choking { get; }

        /// <summary>True while we want pieces it has.</summary>
        public bool Interested { get; }

        /// <summary>True while it wants pieces we have.</summary>
        public bool PeerInterested { get; }

        /// <inheritdoc/>
        public override string ToString() => Address + ":" + Port;
    }
}
