namespace JsTorrent.Engine.Core
{
    /// <summary>A snapshot of one connected peer.</summary>
    public sealed class PeerStatus
    {
        /// <summary>Creates the snapshot.</summary>
        /// <param name="address">Remote address.</param>
        /// <param name="port">Remote port.</param>
        /// <param name="client">Client code from its peer id (e.g. "LT", "TR"), if it has one.</param>
        /// <param name="isIncoming">True when the peer connected to us.</param>
        /// <param name="amChoking">We refuse its requests.</param>
        /// <param name="amInterested">It has pieces we want.</param>
        /// <param name="peerChoking">It refuses our requests.</param>
        /// <param name="peerInterested">We have pieces it wants.</param>
        /// <param name="downloaded">Payload bytes received from it.</param>
        /// <param name="uploaded">Payload bytes sent to it.</param>
        /// <param name="downloadRate">Bytes per second from it.</param>
        /// <param name="uploadRate">Bytes per second to it.</param>
        /// <param name="progress">Share of the pieces it has, 0 to 1.</param>
        public PeerStatus(string address, int port, string? client, bool isIncoming, bool amChoking, bool amInterested, bool peerChoking, bool peerInterested, long downloaded, long uploaded, long downloadRate, long uploadRate, double progress)
        {
            Address = address;
            Port = port;
            Client = client;
            IsIncoming = isIncoming;
            AmChoking = amChoking;
            AmInterested = amInterested;
            PeerChoking = peerChoking;
            PeerInterested = peerInterested;
            Downloaded = downloaded;
            Uploaded = uploaded;
            DownloadRate = downloadRate;
            UploadRate = uploadRate;
            Progress = progress;
        }

        /// <summary>Remote address.</summary>
        public string Address { get; }

        /// <summary>Remote port.</summary>
        public int Port { get; }

        /// <summary>Client code from its peer id, if it has one.</summary>
        public string? Client { get; }

        /// <summary>True when the peer connected to us.</summary>
        public bool IsIncoming { get; }

        /// <summary>We refuse its requests.</summary>
        public bool AmChoking { get; }

        /// <summary>It has pieces we want.</summary>
        public bool AmInterested { get; }

        /// <summary>It refuses our requests.</summary>
        public bool PeerChoking { get; }

        /// <summary>We have pieces it wants.</summary>
        public bool PeerInterested { get; }

        /// <summary>Payload bytes received from it.</summary>
        public long Downloaded { get; }

        /// <summary>Payload bytes sent to it.</summary>
        public long Uploaded { get; }

        /// <summary>Bytes per second from it.</summary>
        public long DownloadRate { get; }

        /// <summary>Bytes per second to it.</summary>
        public long UploadRate { get; }

        /// <summary>Share of the pieces it has, 0 to 1.</summary>
        public double Progress { get; }

        /// <inheritdoc/>
        public override string ToString() => Address + ":" + Port;
    }
}
