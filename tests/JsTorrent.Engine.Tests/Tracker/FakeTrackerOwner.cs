using System.Collections.Generic;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>Stands in for a torrent: fixed announce fields and a list of the peers it was given.</summary>
    internal sealed class FakeTrackerOwner : ITrackerOwner
    {
        public InfoHash InfoHash { get; } = InfoHash.Compute(new byte[] { 1, 2, 3 });

        public PeerId PeerId { get; } = PeerId.Generate();

        public int Port { get; set; } = 6881;

        public long Uploaded { get; set; } = 11;

        public long Downloaded { get; set; } = 22;

        public long Left { get; set; } = 1000;

        public bool NeedsPeers { get; set; }

        public List<TrackerPeer> Peers { get; } = new List<TrackerPeer>();

        public AnnounceRequest CreateAnnounceRequest() => new AnnounceRequest(InfoHash, PeerId, Port)
        {
            Uploaded = Uploaded,
            Downloaded = Downloaded,
            Left = Left,
        };

        public void OnPeersReceived(IReadOnlyList<TrackerPeer> peers) => Peers.AddRange(peers);
    }
}
